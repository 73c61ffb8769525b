# Scale: lines in parallel (-ThrottleLimit) and several processes on one store. The sources are PostgreSQL views that
# sleep (pg_sleep, once per read, for the seconds held in scale_delay), so that each line takes a known time; the targets
# are PostgreSQL tables. Stores: SQLite (several processes on one machine), PostgreSQL and MariaDB (as several machines
# would share them). Timings are asserted generously: they prove overlap, not speed.

BeforeDiscovery {
    $noPostgres = -not $env:OFISYNC_TEST_POSTGRES
    # MariaDB only where its test server runs.
    $stores = @(@{ Kind = 'Sqlite' }, @{ Kind = 'PostgreSql' }) + @(if ($env:OFISYNC_TEST_MARIADB) { @{ Kind = 'MariaDb' } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    $script:Rows = 150
    $script:Database = 'ofisync_scale_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:Pg = $env:OFISYNC_TEST_POSTGRES -replace 'Database=[^;]+', "Database=$Database"
    function script:Sql([string] $Query) { Invoke-SyncQuery -Provider PostgreSql -ConnectionString $Pg -Query $Query -Confirm:$false }
    function script:Set-Delay([double] $Seconds) { Sql "UPDATE scale_delay SET seconds = $($Seconds.ToString([cultureinfo]::InvariantCulture))" | Out-Null }

    Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "CREATE DATABASE $Database" -Confirm:$false
    $ddl = [Text.StringBuilder]::new("CREATE TABLE scale_delay (seconds float8 NOT NULL); INSERT INTO scale_delay VALUES (1);`n")
    foreach ($n in 1..8) {
        [void]$ddl.AppendLine("CREATE TABLE src$n (codigo varchar(20) PRIMARY KEY, nombre varchar(60) NOT NULL);")
        [void]$ddl.AppendLine("INSERT INTO src$n SELECT '$n-' || lpad(i::text, 6, '0'), 'Nombre ' || i FROM generate_series(1, $Rows) i;")
        # MATERIALIZED: the sleep runs once per read of the view, whatever plan the query gets.
        [void]$ddl.AppendLine("CREATE VIEW slow$n AS WITH z AS MATERIALIZED (SELECT pg_sleep((SELECT seconds FROM scale_delay))) SELECT s.codigo, s.nombre FROM src$n s, z;")
        [void]$ddl.AppendLine("CREATE TABLE dst$n (id serial PRIMARY KEY, codigo varchar(20) NOT NULL UNIQUE, nombre varchar(60));")
    }
    Sql $ddl.ToString() | Out-Null

    # A store with the ERP and CRM connections (one PostgreSQL database for both) and lines Ln: slowN -> dstN.
    function script:New-ScaleStore([string] $Kind, [string] $Folder) {
        switch ($Kind) {
            'Sqlite' { New-Item -ItemType Directory $Folder -Force | Out-Null; $store = Join-Path $Folder 'store.db' }
            'PostgreSql' {
                $name = 'ofisync_scalestore_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
                Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "CREATE DATABASE $name" -Confirm:$false
                $store = 'PostgreSql:' + ($env:OFISYNC_TEST_POSTGRES -replace 'Database=[^;]+', "Database=$name")
                $script:DropPg += @($name)
            }
            'MariaDb' {
                $name = 'ofisync_scalestore_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
                Invoke-SyncQuery -Provider MariaDb -ConnectionString $env:OFISYNC_TEST_MARIADB -Query "CREATE DATABASE $name" -Confirm:$false
                $b = [Data.Common.DbConnectionStringBuilder]::new()
                $b.set_ConnectionString($env:OFISYNC_TEST_MARIADB)
                foreach ($k in @($b.get_Keys())) { if ($k -in 'password', 'pwd') { $b.Remove($k) | Out-Null } }
                $b['Database'] = $name
                $store = 'MariaDb:' + $b.get_ConnectionString()
                $script:DropMaria += @($name)
            }
        }
        New-SyncConnection ERP PostgreSql $Pg -Store $store | Out-Null
        New-SyncConnection CRM PostgreSql $Pg -Store $store | Out-Null
        $store
    }
    function script:New-ScaleLine([string] $Store, [int] $N, [int] $Into = $N, [string[]] $DependsOn = @()) {
        $extra = @{}
        if ($DependsOn) { $extra.DependsOn = $DependsOn }
        New-SyncLine "L$N" -Source ERP -SourceTable "slow$N" -Target CRM -TargetTable "dst$Into" -Key codigo -TargetId id -SkipCheck -Map @{ codigo = 'codigo'; nombre = 'nombre' } -Store $Store @extra | Out-Null
    }
    function script:Clear-Targets { Sql ((1..8 | ForEach-Object { "TRUNCATE dst$_;" }) -join ' ') | Out-Null }
    function script:Test-Overlap($A, $B) { $A.Started -lt $B.Ended -and $B.Started -lt $A.Ended }

    # A child pwsh that runs one sync and prints, as JSON, its runs and its errors.
    function script:Start-SyncProcess([string] $Store, [string] $Arguments) {
        $exe = [Environment]::ProcessPath
        $info = [Diagnostics.ProcessStartInfo]::new($exe)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $info.ArgumentList.Add([Reflection.Assembly]::GetEntryAssembly().Location) }
        $script = @"
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$(Get-OfiSyncModulePath)'
`$s = @(Invoke-OfiSync -Force -Summary -Store '$Store' $Arguments -ErrorVariable e -ErrorAction SilentlyContinue)
[pscustomobject]@{
    Runs = @(`$s | Where-Object RunId | ForEach-Object { [pscustomobject]@{ Line = `$_.Line; Status = "`$(`$_.Status)"; Inserted = `$_.Inserted; Updated = `$_.Updated; SyncId = "`$(`$_.SyncId)" } })
    Errors = @(`$e | Where-Object { `$_ } | ForEach-Object { [pscustomobject]@{ Type = `$_.GetType().Name; Text = "`$_"; Id = `$_.FullyQualifiedErrorId; Category = "`$(`$_.CategoryInfo.Category)"; Target = "`$(`$_.TargetObject.Name)"; Message = `$_.Exception.Message } })
} | ConvertTo-Json -Depth 4 -Compress
"@
        foreach ($a in '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $p = [Diagnostics.Process]::Start($info)
        [pscustomobject]@{ Process = $p; Output = $p.StandardOutput.ReadToEndAsync(); ErrorOutput = $p.StandardError.ReadToEndAsync() }
    }
    function script:Wait-SyncProcess($Child) {
        $Child.Process.WaitForExit(120000) | Should -BeTrue -Because 'a sync process must end (no deadlock)'
        $text = $Child.Output.GetAwaiter().GetResult()
        $json = ($text -split "`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1)
        $json | Should -Not -BeNullOrEmpty -Because "the child printed: $text $($Child.ErrorOutput.GetAwaiter().GetResult())"
        $json | ConvertFrom-Json
    }
    $script:DropPg = @()
    $script:DropMaria = @()
}

AfterAll {
    foreach ($name in @($DropPg) + $Database) {
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "DROP DATABASE IF EXISTS $name WITH (FORCE)" -Confirm:$false -ErrorAction SilentlyContinue
    }
    foreach ($name in $DropMaria) {
        Invoke-SyncQuery -Provider MariaDb -ConnectionString $env:OFISYNC_TEST_MARIADB -Query "DROP DATABASE IF EXISTS $name" -Confirm:$false -ErrorAction SilentlyContinue
    }
}

Describe 'Invoke-OfiSync -ThrottleLimit: lines in parallel over the dependency graph' -Skip:$noPostgres {
    BeforeAll {
        $script:Store = New-ScaleStore Sqlite (Join-Path $TestDrive 'parallel')
        foreach ($n in 1..4) { New-ScaleLine $Store $n }
        New-ScaleLine $Store 5 -DependsOn L1
        New-ScaleLine $Store 7
        New-ScaleLine $Store 8 -Into 7
        Set-Delay 1.5
    }

    It 'runs four independent lines in about the time of one' {
        $one = Measure-Command { Invoke-OfiSync L1 -Force -All -Store $Store | Out-Null }
        $four = Measure-Command { $script:Summary = Invoke-OfiSync L1, L2, L3, L4 -Force -All -Summary -ThrottleLimit 4 -Store $Store }
        $runs = @($Summary | Where-Object RunId)
        $runs.Count | Should -Be 4
        $runs.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        $four.TotalSeconds | Should -BeLessThan (2.5 * $one.TotalSeconds) -Because "one line took $($one.TotalSeconds) s"
        $four.TotalSeconds | Should -BeGreaterOrEqual 1.5
        # Every pair of runs overlapped in time: they ran at once, not one after the other.
        foreach ($a in $runs) { foreach ($b in $runs) { if ($a -ne $b) { Test-Overlap $a $b | Should -BeTrue } } }
        # The sync's total comes last, adding the lines up.
        $total = $Summary[-1]
        $total.PSObject.TypeNames[0] | Should -Be 'OfiSync.Core.Engine.SyncTotal'
        $total.Lines | Should -Be 4
        $total.Succeeded | Should -Be 4
        $total.Read | Should -Be (4 * $Rows)
    }

    It 'with -ThrottleLimit 1 runs the lines one after the other, in dependency order' {
        Set-Delay 0.3
        $runs = @(Invoke-OfiSync L5, L2, L1 -Force -All -Summary -ThrottleLimit 1 -Store $Store | Where-Object RunId)
        $runs.Line | Should -Be @('L1', 'L2', 'L5')
        for ($i = 1; $i -lt $runs.Count; $i++) { $runs[$i].Started | Should -BeGreaterOrEqual $runs[$i - 1].Ended }
    }

    It 'starts a dependent line once its parent succeeded, and the history keeps the order' {
        Set-Delay 1
        Invoke-OfiSync L1, L5, L2 -Force -All -ThrottleLimit 4 -Store $Store | Out-Null
        $runs = Get-SyncRun -LastSync -Store $Store
        $l1 = $runs | Where-Object Line -EQ 'L1'
        $l5 = $runs | Where-Object Line -EQ 'L5'
        $l2 = $runs | Where-Object Line -EQ 'L2'
        $l5.Started | Should -BeGreaterOrEqual $l1.Ended
        Test-Overlap $l1 $l2 | Should -BeTrue -Because 'L2 depends on nothing and starts with L1'
    }

    It 'never runs two lines that write the same target table at once' {
        Set-Delay 0.5
        Invoke-OfiSync L7, L8 -Force -All -ThrottleLimit 4 -Store $Store | Out-Null
        $runs = @(Get-SyncRun -LastSync -Store $Store)
        $runs.Count | Should -Be 2
        Test-Overlap $runs[0] $runs[1] | Should -BeFalse
        (Sql 'SELECT COUNT(*) AS n FROM dst7').n | Should -Be (2 * $Rows)
    }

    It 'stops the dependants of a failed line and nothing else' {
        Set-Delay 0
        Sql 'ALTER TABLE dst1 RENAME TO dst1_away' | Out-Null
        try {
            Invoke-OfiSync L1, L5, L2 -Force -All -ThrottleLimit 4 -Store $Store -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        }
        finally { Sql 'ALTER TABLE dst1_away RENAME TO dst1' | Out-Null }
        ($err | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] } | Sort-Object) | Should -Be @('DependencyFailed', 'SyncLineFailed')
        ($err | Where-Object FullyQualifiedErrorId -Like 'DependencyFailed*').TargetObject.Name | Should -Be 'L5'
        (Get-SyncRun -LastSync -Store $Store | Where-Object Line -EQ 'L2').Status | Should -Be 'Succeeded'
    }

    It 'shows a bar for the sync and, under it, one bar per running line' {
        Set-Delay 0.6
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-OfiSyncModulePath)'; Invoke-OfiSync L2, L3 -Force -All -ThrottleLimit 4 -Store '$Store'")
        $null = $ps.Invoke()
        $progress = @($ps.Streams.Progress)
        $ps.Dispose()
        @($progress | Where-Object { $_.ActivityId -eq 1 -and $_.ParentActivityId -eq -1 }) | Should -Not -BeNullOrEmpty
        $children = @($progress | Where-Object ParentActivityId -EQ 1)
        @($children.Activity | Sort-Object -Unique) | Should -Be @("Synchronising line 'L2'", "Synchronising line 'L3'")
        @($children.ActivityId | Sort-Object -Unique).Count | Should -Be 2
    }

    It 'stops every running line on Ctrl+C, each run recorded as Stopped' {
        Set-Delay 3
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-OfiSyncModulePath)'; Invoke-OfiSync L2, L3, L4 -Force -All -ThrottleLimit 4 -Store '$Store'")
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (@(Get-SyncRun -Store $Store | Where-Object Status -EQ 'Running').Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()   # what Ctrl+C does
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $ps.Dispose()
        $runs = @(Get-SyncRun -LastSync -Store $Store)
        $runs.Count | Should -Be 3
        $runs.Status | Sort-Object -Unique | Should -Be 'Stopped'
        Set-Delay 0
    }

    It 'asks once for the whole sync, listing every line with its counts' {
        Set-Delay 0
        $child = Invoke-ChildPwsh "Import-Module '$(Get-OfiSyncModulePath)'; Invoke-OfiSync L2, L3, L4 -All -WhatIf -Store '$Store'"
        $whatIf = @($child.Output | Where-Object { $_ -like 'What if:*' })
        $whatIf.Count | Should -Be 1
        $text = $child.Output -join "`n"
        foreach ($n in 2..4) { $text | Should -Match "line 'L$n'" }
    }
}

Describe 'Several processes on one <Kind> store' -Skip:$noPostgres -ForEach $stores {
    BeforeAll {
        $script:Store = New-ScaleStore $Kind (Join-Path $TestDrive "procs-$Kind")
        foreach ($n in 1..8) { New-ScaleLine $Store $n }
        Clear-Targets
    }

    It 'runs every line once per sync or skips it as locked (LineLocked), writes no row twice, and loses no lock' {
        Set-Delay 0.5
        $a = Start-SyncProcess $Store '-LockTimeout 0 -ThrottleLimit 4'
        $b = Start-SyncProcess $Store '-LockTimeout 0 -ThrottleLimit 4'
        $results = @((Wait-SyncProcess $a), (Wait-SyncProcess $b))
        $ran = @{}
        foreach ($r in $results) {
            $lines = @($r.Runs.Line)
            $locked = @($r.Errors | Where-Object { $_.Id -like 'LineLocked*' })
            @($r.Errors | Where-Object { $_.Id -notlike 'LineLocked*' } | ForEach-Object { "$($_.Type) $($_.Id): $($_.Message) $($_.Text)" }) | Should -BeNullOrEmpty
            foreach ($e in $locked) { $e.Category | Should -Be 'ResourceBusy'; $e.Message | Should -Match "'$($e.Target)'.*-LockTimeout" }
            @($r.Runs.SyncId | Sort-Object -Unique).Count | Should -BeLessOrEqual 1
            foreach ($n in 1..8) {
                $times = @($lines | Where-Object { $_ -eq "L$n" }).Count + @($locked | Where-Object Target -EQ "L$n").Count
                $times | Should -Be 1 -Because "L$n runs once per sync or is skipped as locked"
            }
            foreach ($run in $r.Runs) { $ran[$run.Line] = $ran[$run.Line] + $run.Inserted }
        }
        @($results | ForEach-Object { $_.Errors } | Where-Object { $_.Id -like 'LineLocked*' }).Count | Should -BeGreaterThan 0 -Because 'two processes at once meet locked lines'
        foreach ($n in 1..8) { $ran["L$n"] | Should -Be $Rows -Because "every row of L$n inserted once, by one process" }
        foreach ($n in 1..8) { (Sql "SELECT COUNT(*) AS n, COUNT(DISTINCT codigo) AS d FROM dst$n") | ForEach-Object { $_.n | Should -Be $Rows; $_.d | Should -Be $Rows } }
        @(Get-SyncRun -Store $Store | Where-Object Status -EQ 'Running') | Should -BeNullOrEmpty
    }

    It 'with a lock timeout waits for the other process, then finds nothing left to do' {
        Clear-Targets
        Set-Delay 3
        $a = Start-SyncProcess $Store '-All -LockTimeout 0 -ThrottleLimit 8'
        # The second process starts once the first holds every line.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (@(Get-SyncRun -Store $Store | Where-Object Status -EQ 'Running').Count -lt 8 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        $b = Start-SyncProcess $Store '-LockTimeout 60 -ThrottleLimit 8'
        $first = Wait-SyncProcess $a
        $second = Wait-SyncProcess $b
        @($first.Errors | ForEach-Object { "$($_.Type) $($_.Id): $($_.Message) $($_.Text)" }) | Should -BeNullOrEmpty
        @($second.Errors | ForEach-Object { "$($_.Type) $($_.Id): $($_.Message) $($_.Text)" }) | Should -BeNullOrEmpty
        @($first.Runs).Count | Should -Be 8
        @($second.Runs).Count | Should -Be 8
        # -All writes every row again (counted as updates where the state knew the row), the second sync nothing.
        ($first.Runs | ForEach-Object { $_.Inserted + $_.Updated } | Measure-Object -Sum).Sum | Should -Be (8 * $Rows)
        ($second.Runs | ForEach-Object { $_.Inserted + $_.Updated } | Measure-Object -Sum).Sum | Should -Be 0
        # Each line of the second sync started only once the first sync's run of it had ended.
        $history = @(Get-SyncRun -Store $Store -Last 100)
        foreach ($n in 1..8) {
            $ofFirst = $history | Where-Object { $_.Line -eq "L$n" -and "$($_.SyncId)" -eq $first.Runs[0].SyncId }
            $ofSecond = $history | Where-Object { $_.Line -eq "L$n" -and "$($_.SyncId)" -eq $second.Runs[0].SyncId }
            $ofSecond.Started | Should -BeGreaterOrEqual $ofFirst.Ended
        }
        foreach ($n in 1..8) { (Sql "SELECT COUNT(*) AS n FROM dst$n").n | Should -Be $Rows }
    }

    It 'frees the locks of a process killed mid-sync, and a rerun converges' {
        try {
            # A consistent start whatever the tests before left: the state says what the targets hold.
            Set-Delay 0
            Invoke-OfiSync -Force -All -Store $Store | Out-Null
            Sql "INSERT INTO src3 SELECT '3-x' || i, 'Nuevo ' || i FROM generate_series(1, 25) i; UPDATE src5 SET nombre = nombre || ' bis' WHERE codigo < '5-000050'" | Out-Null
            Set-Delay 4
            $child = Start-SyncProcess $Store '-LockTimeout 0 -ThrottleLimit 8'
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Get-SyncRun -Store $Store | Where-Object Status -EQ 'Running').Count -lt 8 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            $held = @(Get-SyncRun -Store $Store | Where-Object Status -EQ 'Running').Count
            if ($held -ne 8) { $child.Process.Kill(); $child.Process.WaitForExit(); $said = $child.Output.GetAwaiter().GetResult() + $child.ErrorOutput.GetAwaiter().GetResult() }
            $held | Should -Be 8 -Because "the process holds the eight locks ($said)"
            $child.Process.Kill()   # SIGKILL: no finally runs, nothing released by the process itself
            $child.Process.WaitForExit()
            Set-Delay 0
            # The locks went with the process (its sessions or file handles): nothing is locked any more.
            $runs = @(Invoke-OfiSync -Force -Summary -LockTimeout 5 -Store $Store -ErrorVariable err -ErrorAction SilentlyContinue | Where-Object RunId)
            @($err | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }) | Should -BeNullOrEmpty
            $runs.Count | Should -Be 8
            $runs.Status | Sort-Object -Unique | Should -Be 'Succeeded'
            ($runs | Where-Object Line -EQ 'L3').Inserted | Should -Be 25
            foreach ($n in 1..8) {
                (Sql "SELECT COUNT(*) AS n FROM (SELECT codigo, nombre FROM src$n EXCEPT SELECT codigo, nombre FROM dst$n) d").n | Should -Be 0
                (Sql "SELECT (SELECT COUNT(*) FROM src$n) - (SELECT COUNT(*) FROM dst$n) AS d").d | Should -Be 0
            }
        }
        finally {
            Sql "DELETE FROM src3 WHERE codigo LIKE '3-x%'; UPDATE src5 SET nombre = replace(nombre, ' bis', '')" | Out-Null
        }
    }
}
