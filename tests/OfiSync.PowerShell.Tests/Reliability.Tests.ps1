# The proofs of the reliability issue: crash consistency (tools/crash-loop.ps1, short), scheduled use, hostile input,
# secrets and the store file's mode.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    $script:SavedStore = $env:OFISYNC_STORE
    $script:CrashLoop = Join-Path (Get-RepositoryRoot) 'tools/crash-loop.ps1'
    $script:Postgres = $env:OFISYNC_TEST_POSTGRES

    # The customers line of ../shared/notes/domain.md over the SQLite ERP and CRM of New-TestDatabases, plus a canary
    # table on both sides that every injection attempt below would drop or empty.
    function script:New-Bed {
        param([int] $Customers = 12, [int] $BatchSize = 6, [string] $DeletePolicy = 'Ignore', [string] $Filter)
        $bed = New-SyncTestBed -Customers $Customers -BatchSize $BatchSize -DeletePolicy $DeletePolicy -Filter $Filter
        Erp 'CREATE TABLE canario (n INTEGER); INSERT INTO canario VALUES (1)'
        Crm 'CREATE TABLE canario (n INTEGER); INSERT INTO canario VALUES (1)'
        $bed
    }
    function script:StoreSql([string] $Sql, [hashtable] $Parameters) {
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$env:OFISYNC_STORE" -Query $Sql -Parameters $Parameters -Confirm:$false
    }
    function script:Get-CrmCount([string] $Table = 'cuenta') { (Crm "SELECT COUNT(*) AS n FROM $Table").n }
    function script:QuoteId([string] $Name) { '"' + $Name.Replace('"', '""') + '"' }

    # Nothing the hostile input tried was executed: every table is there with its rows, and the store still answers.
    function script:Assert-Intact([int] $Customers) {
        (Erp 'SELECT COUNT(*) AS n FROM canario').n | Should -Be 1
        (Crm 'SELECT COUNT(*) AS n FROM canario').n | Should -Be 1
        (Erp 'SELECT COUNT(*) AS n FROM cliente').n | Should -Be $Customers
        (Erp 'SELECT COUNT(*) AS n FROM sector').n | Should -Be 3
        { Crm 'SELECT COUNT(*) AS n FROM cuenta' } | Should -Not -Throw
        { Crm 'SELECT COUNT(*) AS n FROM sector' } | Should -Not -Throw
        (Get-SyncConnection).Name | Should -Contain 'ERP'
        (Get-SyncLine).Name | Should -Contain 'Clientes'
    }

    # A script run the way a scheduler runs it: pwsh -NoProfile -NonInteractive -File, the same pwsh as this one.
    function script:Invoke-ScheduledScript([string] $Path, [string] $Store) {
        $exe = [Environment]::ProcessPath
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @([Reflection.Assembly]::GetEntryAssembly().Location) }
        $saved = $env:OFISYNC_STORE
        $env:OFISYNC_STORE = $Store
        try {
            $output = & $exe @prefix -NoProfile -NonInteractive -File $Path -ModulePath (Get-OfiSyncModulePath) 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) -join "`n" }
        }
        finally { $env:OFISYNC_STORE = $saved }
    }

    # A PostgreSQL connection string for another database of the test server, without the user name when asked.
    function script:Get-PostgresConnection([string] $Database, [switch] $WithoutUser, [int] $Port) {
        # A builder is a dictionary to PowerShell: .ConnectionString would be a key, hence set_/get_ConnectionString.
        $b = [Data.Common.DbConnectionStringBuilder]::new()
        $b.set_ConnectionString($script:Postgres)
        $b['Database'] = $Database
        if ($Port) { $b['Port'] = $Port; $b['Timeout'] = 3 }
        foreach ($k in @($b.get_Keys())) {
            # A stored connection holds no password: the server's, if it has one, travels in OFISYNC_REL_SERVER_PASSWORD.
            if ($k -in 'Password', 'PWD') { $env:OFISYNC_REL_SERVER_PASSWORD = $b[$k]; $b.Remove($k) | Out-Null }
            elseif ($WithoutUser -and $k -in 'Username', 'User Name', 'User ID', 'UserId', 'User') { $b.Remove($k) | Out-Null }
        }
        $cs = $b.get_ConnectionString()
        if ($cs -notmatch [regex]::Escape($Database)) { throw "The database $Database is not in $cs" }
        $cs
    }
    function script:New-PostgresDatabase {
        $name = 'ofisync_rel_' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $script:Postgres -Query "CREATE DATABASE $name" -Confirm:$false | Out-Null
        $name
    }
    function script:Remove-PostgresDatabase([string] $Name) {
        if ($Name) { Invoke-SyncQuery -Provider PostgreSql -ConnectionString $script:Postgres -Query "DROP DATABASE IF EXISTS $Name WITH (FORCE)" -Confirm:$false | Out-Null }
    }
}
AfterAll {
    if ($null -eq $script:SavedStore) { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue } else { $env:OFISYNC_STORE = $script:SavedStore }
}

Describe 'Crash consistency: tools/crash-loop.ps1, short' {
    # The full proof is the script at its default size (100,000 rows, 20 kills); here 10,000 rows and 4 kills per target.
    Context 'into a <Target> CRM<Reading>' -ForEach @(
        @{ Target = 'Sqlite'; NoServer = $false; ChangeColumn = $false; Reading = '' }
        @{ Target = 'PostgreSql'; NoServer = -not $env:OFISYNC_TEST_POSTGRES; ChangeColumn = $false; Reading = '' }
        @{ Target = 'Sqlite'; NoServer = $false; ChangeColumn = $true; Reading = ', reading only what changed by a change column' }
    ) {
        BeforeAll {
            if ($NoServer) { return }
            $all = & $CrashLoop -Rows 10000 -Kills 4 -BatchSize 500 -Target $Target -ChangeColumn:$ChangeColumn -ModulePath (Get-OfiSyncModulePath) `
                -WorkFolder (Join-Path $TestDrive "crash-$Target-$ChangeColumn") -PassThru -WarningAction SilentlyContinue *>&1
            $script:loop = $all | Where-Object { $_ -is [pscustomobject] -and $_.PSObject.Properties['RowsLost'] } | Select-Object -Last 1
            $script:loopText = ($all | Where-Object { -not ($_ -is [pscustomobject] -and $_.PSObject.Properties['RowsLost']) } | Out-String -Width 300)
            # The script keeps the database of a loop that found a problem, for inspection; the suite does not.
            if ($Target -eq 'PostgreSql') { Remove-PostgresDatabase ([regex]::Match($loopText, 'CRM database (ofisync_crash_\w+)').Groups[1].Value) }
        }

        It 'kills the sync 4 times with SIGKILL, and the final run completes without a duplicated row' -Skip:$NoServer {
            $loop | Should -Not -BeNullOrEmpty -Because $loopText
            $loop.Kills | Should -Be 4 -Because $loopText
            $loop.RunErrors | Should -Be 0 -Because $loopText
            $loop.RowsDuplicated | Should -Be 0 -Because $loopText
            $loop.RowsChecked | Should -BeGreaterThan 9000
        }

        It 'leaves the CRM equal to the source''s mapped projection, nothing lost, different or left over, and the state one to one' {
            $loop.RowsLost | Should -Be 0 -Because $loopText
            $loop.RowsDifferent | Should -Be 0 -Because $loopText
            $loop.RowsExtra | Should -Be 0 -Because $loopText
            $loop.StateMismatches | Should -Be 0 -Because $loopText
            $loop.RowsPending | Should -Be 0 -Because $loopText
        }
    }
}

Describe 'The window between a CRM commit and its store commit (a kill there, made deterministic)' {
    # Each test makes the store look as it does when the process dies right after the CRM committed a batch and before
    # the store committed its state: the engine marked the batch's keys Pending (no hash) before writing to the CRM.
    BeforeEach {
        $script:bed = New-Bed -Filter 'activo -eq 1' -DeletePolicy Delete
        Invoke-OfiSync -Force | Out-Null
        $script:lineId = (Get-SyncLine Clientes).Id.ToString()
        $script:Pending = 2 # the store's status number of a row being written (StateStatus.Pending)
    }

    It 'deletes a row inserted just before the kill once the ERP deletes it' {
        StoreSql "UPDATE ofisync_state SET row_hash = NULL, target_id = NULL, status = $Pending WHERE line_no = (SELECT line_no FROM ofisync_line WHERE line_id = @l) AND source_key = @k" @{ l = $lineId; k = '430000005' }
        Erp "DELETE FROM cliente WHERE codigo = '430000005'"
        Invoke-OfiSync Clientes -Force | Out-Null
        (Crm "SELECT COUNT(*) AS n FROM cuenta WHERE codigo = '430000005'").n | Should -Be 0
    }

    It 'sends an edit undone in the ERP after the kill' {
        Erp "UPDATE cliente SET razon_social = 'Editada' WHERE codigo = '430000005'"
        Invoke-OfiSync Clientes -Force | Out-Null
        StoreSql "UPDATE ofisync_state SET row_hash = NULL, status = $Pending WHERE line_no = (SELECT line_no FROM ofisync_line WHERE line_id = @l) AND source_key = @k" @{ l = $lineId; k = '430000005' }
        Erp "UPDATE cliente SET razon_social = 'Cliente Ñandú 5, S.L.' WHERE codigo = '430000005'"
        Invoke-OfiSync Clientes -Force | Out-Null
        (Crm "SELECT razon_social FROM cuenta WHERE codigo = '430000005'").razon_social | Should -Be 'Cliente Ñandú 5, S.L.'
    }

    It 'reinserts a row deleted just before the kill once it comes back into the line''s scope' {
        $state = StoreSql 'SELECT * FROM ofisync_state WHERE line_no = (SELECT line_no FROM ofisync_line WHERE line_id = @l) AND source_key = @k' @{ l = $lineId; k = '430000005' }
        Erp "UPDATE cliente SET activo = 0 WHERE codigo = '430000005'"
        Invoke-OfiSync Clientes -Force | Out-Null
        (Crm "SELECT COUNT(*) AS n FROM cuenta WHERE codigo = '430000005'").n | Should -Be 0
        StoreSql 'INSERT INTO ofisync_state (line_no, source_key, row_hash, target_id, status) VALUES (@n, @k, @h, @t, @s)' @{
            n = $state.line_no; k = $state.source_key; h = $null; t = $state.target_id; s = $Pending
        }
        Erp "UPDATE cliente SET activo = 1 WHERE codigo = '430000005'"
        Invoke-OfiSync Clientes -Force | Out-Null
        (Crm "SELECT COUNT(*) AS n FROM cuenta WHERE codigo = '430000005'").n | Should -Be 1
    }
}

Describe 'Scheduled use: the exit code says whether rows failed' {
    BeforeAll {
        # The pattern of about_OfiSync (SCHEDULING), as a scheduler runs it.
        $script:withErrorVariable = Join-Path $TestDrive 'scheduled.ps1'
        Set-Content $withErrorVariable @'
param([string] $ModulePath)
Import-Module $ModulePath
Invoke-OfiSync -Force -ErrorVariable failed
if ($failed) { exit 1 }
'@
        $script:withStop = Join-Path $TestDrive 'scheduled-stop.ps1'
        Set-Content $withStop @'
param([string] $ModulePath)
Import-Module $ModulePath
Invoke-OfiSync -Force -ErrorAction Stop
'@
    }

    It 'exits 0 when no row failed, 1 when a row failed (the others written), and 0 again once the row is fixed' {
        $bed = New-Bed -Customers 30
        $r = Invoke-ScheduledScript $withErrorVariable $bed.Store
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Get-CrmCount | Should -Be 30

        # A balance the CRM's NUMERIC column cannot take: that row fails, the others go on.
        Erp "INSERT INTO cliente VALUES ('430000031', 'Nuevo, S.L.', 'B00000031', 'Madrid', 'Madrid', 'HOT', '2024-01-01', '2024-01-01', 1, 'mucho')"
        Erp "UPDATE cliente SET razon_social = 'Cambiada, S.L.' WHERE codigo = '430000030'"
        $r = Invoke-ScheduledScript $withErrorVariable $bed.Store
        $r.ExitCode | Should -Be 1 -Because $r.Output
        $r.Output | Should -Match "430000031"
        Get-CrmCount | Should -Be 30
        (Crm "SELECT razon_social FROM cuenta WHERE codigo = '430000030'").razon_social | Should -Be 'Cambiada, S.L.'

        Erp "UPDATE cliente SET saldo = 31 WHERE codigo = '430000031'"
        $r = Invoke-ScheduledScript $withErrorVariable $bed.Store
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Get-CrmCount | Should -Be 31
    }

    It 'with -ErrorAction Stop, stops at the first failed row with exit code 1, after writing the batch that holds it; exits 0 when none fails' {
        $bed = New-Bed -Customers 30 -BatchSize 6
        Erp "UPDATE cliente SET saldo = 'mucho' WHERE codigo = '430000002'"
        $r = Invoke-ScheduledScript $withStop $bed.Store
        $r.ExitCode | Should -Be 1 -Because $r.Output
        $r.Output | Should -Match '430000002'
        (Get-SyncRun Clientes -Last 1).Status | Should -Be 'Stopped'
        Get-CrmCount | Should -Be 5   # the other five rows of the first batch of six, nothing after

        Erp "UPDATE cliente SET saldo = 2 WHERE codigo = '430000002'"
        $r = Invoke-ScheduledScript $withStop $bed.Store
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Get-CrmCount | Should -Be 30
    }
}

Describe 'Hostile input is refused or quoted, never executed' {
    BeforeEach { $script:bed = New-Bed }

    It 'stores and runs a line named like an injection as a name' {
        $name = "x'; DROP TABLE canario;--"
        New-SyncLine $name -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id `
            -Map @{ codigo_origen = 'codigo'; descripcion = 'descripcion' } | Out-Null
        (Get-SyncLine $name).Name | Should -Be $name
        $r = Invoke-OfiSync $name -Force
        $r.Count | Should -Be 3
        $r[0].Line | Should -Be $name
        (Get-SyncRun $name).Status | Should -Be 'Succeeded'
        (Get-SyncPreview $name -IncludeUnchanged).Count | Should -Be 3
        Export-SyncLine $name | Should -Match ([regex]::Escape('DROP TABLE canario'))
        $renamed = 'y"; DELETE FROM canario; --'
        Set-SyncLine $name -NewName $renamed
        (Get-SyncRun $renamed).Line | Should -Be $name
        Remove-SyncLine $renamed -Confirm:$false
        Get-SyncLine | Where-Object Name -EQ $renamed | Should -BeNullOrEmpty
        New-SyncConnection "erp'; DROP TABLE ofisync_line;--" Sqlite "Data Source=$($bed.Erp)" | Out-Null
        (Get-SyncConnection).Name | Should -Contain "erp'; DROP TABLE ofisync_line;--"
        Assert-Intact $bed.Customers
    }

    It 'passes filter values as parameters and refuses filters that are not a condition on known columns' {
        Invoke-OfiSync Sectores -Force | Out-Null
        $pwned = Join-Path $TestDrive 'pwned'
        Get-SyncPreview Clientes -Filter "razon_social -eq 'x''; DROP TABLE canario; --'" | Should -BeNullOrEmpty
        Get-SyncPreview Clientes -Filter "razon_social -like '*'' OR ''1''=''1*'" | Should -BeNullOrEmpty
        (Get-SyncPreview Clientes -Filter "poblacion -in 'Madrid', 'x''); DROP TABLE canario; --'").Count | Should -Be 2
        Get-SyncPreview Clientes -Filter '"canario" -eq 1' | Should -BeNullOrEmpty   # a string compared with 1, not a column
        $hostile = @(
            "codigo -eq '1' -or 1 -eq 1; DROP TABLE canario"
            "codigo -eq 1) OR 1=1; DELETE FROM canario; --"
            "razon_social -eq `$(New-Item -ItemType File '$pwned')"
            "poblacion -eq 'x' -and (SELECT 1 FROM canario) -eq 1"
        )
        foreach ($f in $hostile) {
            { Get-SyncPreview Clientes -Filter $f -ErrorAction Stop } | Should -Throw -Because $f
            { Invoke-OfiSync Clientes -Force -Filter $f -ErrorAction Stop } | Should -Throw -Because $f
            { New-SyncLine "F $([guid]::NewGuid())" -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map @{ codigo = 'codigo'; razon_social = 'razon_social' } -Filter $f -ErrorAction Stop } |
                Should -Throw -Because $f
        }
        Get-CrmCount | Should -Be 0
        Test-Path $pwned | Should -BeFalse
        Assert-Intact $bed.Customers
    }

    It 'refuses table, key and column names that are not in the databases, before and when running' {
        $cases = @(
            @{ SourceTable = 'cliente; DROP TABLE canario; --'; TargetTable = 'cuenta'; Key = 'codigo'; Map = @{ codigo = 'codigo' } }
            @{ SourceTable = 'cliente'; TargetTable = 'cuenta"; DROP TABLE canario; --'; Key = 'codigo'; Map = @{ codigo = 'codigo' } }
            @{ SourceTable = 'cliente'; TargetTable = 'cuenta]; DROP TABLE canario; --'; Key = 'codigo'; Map = @{ codigo = 'codigo' } }
            @{ SourceTable = 'cliente'; TargetTable = 'cuenta'; Key = 'codigo; DROP TABLE canario'; Map = @{ codigo = 'codigo' } }
            @{ SourceTable = 'cliente'; TargetTable = 'cuenta'; Key = 'codigo'; Map = @{ codigo = 'codigo'; "razon_social = 'x'; DELETE FROM canario; --" = 'razon_social' } }
            @{ SourceTable = 'cliente'; TargetTable = 'cuenta'; Key = 'codigo'; Map = @{ codigo = 'codigo'; razon_social = "razon_social FROM cliente; DELETE FROM canario; --" } }
        )
        $i = 0
        foreach ($c in $cases) {
            $i++
            $c.TargetKey = @($c.Map.Keys | Where-Object { $c.Map[$_] -eq 'codigo' })
            { New-SyncLine "T$i" -Source ERP -Target CRM @c -ErrorAction Stop } | Should -Throw -Because "case $i"
            New-SyncLine "S$i" -Source ERP -Target CRM @c -SkipCheck | Out-Null
            Invoke-OfiSync "S$i" -Force -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
            $e | Should -Not -BeNullOrEmpty -Because "case $i"
        }
        Get-CrmCount | Should -Be 0
        Assert-Intact $bed.Customers
    }

    It 'quotes table and column names that exist with quotes, brackets and semicolons in them (<Target> CRM)' -ForEach @(
        @{ Target = 'Sqlite' }
        @{ Target = 'PostgreSql' }
    ) {
        if ($Target -eq 'PostgreSql' -and -not $Postgres) { Set-ItResult -Skipped -Because 'OFISYNC_TEST_POSTGRES is not set'; return }
        $table = 'cuenta"; DROP TABLE canario; --'
        $code = "codigo'; DROP TABLE canario;--"
        $name = 'nombre]; DELETE FROM canario; [x'
        $target = 'CRM'
        $database = $null
        try {
            if ($Target -eq 'PostgreSql') {
                $database = New-PostgresDatabase
                $cs = Get-PostgresConnection $database
                $credential = if ($env:OFISYNC_REL_SERVER_PASSWORD) { @{ PasswordVariable = 'OFISYNC_REL_SERVER_PASSWORD' } } else { @{} }
                New-SyncConnection PG PostgreSql $cs @credential | Out-Null
                $target = 'PG'
                Invoke-SyncQuery PG "CREATE TABLE canario (n INTEGER); INSERT INTO canario VALUES (1); CREATE TABLE $(QuoteId $table) (id SERIAL PRIMARY KEY, $(QuoteId $code) VARCHAR(20) UNIQUE NOT NULL, $(QuoteId $name) VARCHAR(100))" -Confirm:$false | Out-Null
            }
            else {
                Crm "CREATE TABLE $(QuoteId $table) (id INTEGER PRIMARY KEY AUTOINCREMENT, $(QuoteId $code) TEXT UNIQUE NOT NULL, $(QuoteId $name) TEXT)"
            }
            New-SyncLine Rara -Source ERP -SourceTable cliente -Target $target -TargetTable $table -Key codigo -TargetKey $code -TargetId id `
                -Map ([ordered]@{ $code = 'codigo'; $name = 'razon_social' }) -DeletePolicy Delete | Out-Null
            $r = Invoke-OfiSync Rara -Force
            $r.Count | Should -Be $bed.Customers
            $r | Where-Object Status -NE 'Succeeded' | Should -BeNullOrEmpty
            Invoke-OfiSync Rara -Force | Should -BeNullOrEmpty
            Erp "UPDATE cliente SET razon_social = 'Nueva; DROP TABLE canario' WHERE codigo = '430000003'; DELETE FROM cliente WHERE codigo = '430000004'"
            $r = Invoke-OfiSync Rara -Force
            ($r | Sort-Object Key).Action | Should -Be @('Update', 'Delete')
            $rows = Invoke-SyncQuery $target "SELECT $(QuoteId $code) AS k, $(QuoteId $name) AS n FROM $(QuoteId $table) ORDER BY 1" -Confirm:$false
            $rows.Count | Should -Be ($bed.Customers - 1)
            ($rows | Where-Object k -EQ '430000003').n | Should -Be 'Nueva; DROP TABLE canario'
            (Invoke-SyncQuery $target 'SELECT COUNT(*) AS n FROM canario' -Confirm:$false).n | Should -Be 1
            Assert-Intact ($bed.Customers - 1)
        }
        finally { Remove-PostgresDatabase $database }
    }

    It 'refuses lookups whose table or columns are not in the CRM, and never runs what they hold' {
        $lookups = @(
            @{ Lookup = 'sector'; Match = 'codigo_origen; DELETE FROM canario'; Value = 'id'; From = 'sector_codigo' }
            @{ Lookup = 'sector; DROP TABLE canario'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
            @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id FROM sector; DELETE FROM canario; --'; From = 'sector_codigo' }
            @{ Lookup = 'sector'; Match = 'codigo_origen" = "codigo_origen" OR 1=1; --'; Value = 'id'; From = 'sector_codigo' }
        )
        Invoke-OfiSync Sectores -Force | Out-Null
        $i = 0
        foreach ($l in $lookups) {
            $i++
            $map = [ordered]@{ codigo = 'codigo'; razon_social = 'razon_social'; sector_id = $l }
            { New-SyncLine "L$i" -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map $map -ErrorAction Stop } | Should -Throw -Because "lookup $i"
            New-SyncLine "L$i" -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map $map -SkipCheck | Out-Null
            Invoke-OfiSync "L$i" -Force -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
            $e | Should -Not -BeNullOrEmpty -Because "lookup $i"
        }
        Get-CrmCount | Should -Be 0
        Get-CrmCount sector | Should -Be 3
        Assert-Intact $bed.Customers
    }

    It 'fails such a line alone, with a SyncLineFailed error, and runs the other lines' {
        New-SyncLine AAA -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -SkipCheck `
            -Map ([ordered]@{ codigo = 'codigo'; razon_social = 'razon_social'; sector_id = @{ Lookup = 'sector'; Match = 'codigo_origen; DELETE FROM canario'; Value = 'id'; From = 'sector_codigo' } }) | Out-Null
        $r = Invoke-OfiSync AAA, Sectores -Force -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineFailed*'
        ($r | Where-Object Line -EQ Sectores).Count | Should -Be 3
        (Get-SyncRun AAA -Last 1).Status | Should -Be 'Failed'
    }

    It 'writes constants and flag values that look like SQL as values' {
        $sql = "'); DROP TABLE canario; --"
        Set-SyncLine Clientes -Map ([ordered]@{
                codigo = 'codigo'; razon_social = 'razon_social'; estado = @{ Constant = $sql }
                sector_id = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
            }) -DeletePolicy Flag -FlagColumn poblacion -FlagValue "x'); DELETE FROM canario; --"
        Invoke-OfiSync -Force | Out-Null
        (Crm 'SELECT DISTINCT estado FROM cuenta').estado | Should -Be $sql
        Erp "DELETE FROM cliente WHERE codigo = '430000001'"
        Invoke-OfiSync Clientes -Force | Out-Null
        (Crm "SELECT poblacion FROM cuenta WHERE codigo = '430000001'").poblacion | Should -Be "x'); DELETE FROM canario; --"
        (Erp 'SELECT COUNT(*) AS n FROM canario').n | Should -Be 1
        (Crm 'SELECT COUNT(*) AS n FROM canario').n | Should -Be 1
    }
}

Describe 'The store file' {
    It 'is created readable and writable by its owner only, with its WAL files and a new folder of its own' -Skip:$IsWindows {
        $folder = Join-Path $TestDrive "store-mode/deeper"
        $store = Join-Path $folder 'store.db'
        New-SyncConnection ERP Sqlite 'Data Source=erp.db' -Store $store | Out-Null
        Get-SyncConnection -Store $store | Out-Null
        (Get-Item $folder).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        $files = Get-ChildItem $folder -File -Filter 'store.db*'
        $files.Name | Should -Contain 'store.db'
        foreach ($f in $files) { $f.UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') -Because $f.Name }
    }
}

# The PostgreSQL connections below send the known password to the test server, whose trust authentication accepts any.
Describe 'Secrets' -Skip:(-not $env:OFISYNC_TEST_POSTGRES -or $env:OFISYNC_TEST_POSTGRES -match '(?i)(^|;)\s*(password|pwd)\s*=') {
    BeforeAll {
        $script:password = 'Kn0wn-Pa55!'
        $script:crmDatabase = New-PostgresDatabase
        $script:storeDatabase = New-PostgresDatabase
        $script:savedPasswords = @{ OFISYNC_REL_PASSWORD = $env:OFISYNC_REL_PASSWORD; OFISYNC_STORE_PASSWORD = $env:OFISYNC_STORE_PASSWORD }
        $env:OFISYNC_REL_PASSWORD = $password
        $env:OFISYNC_STORE_PASSWORD = $password
    }
    AfterAll {
        foreach ($k in $savedPasswords.Keys) { [Environment]::SetEnvironmentVariable($k, $savedPasswords[$k]) }
        Remove-PostgresDatabase $crmDatabase
        Remove-PostgresDatabase $storeDatabase
    }

    It 'never shows the password of a connection or of the store: not in the store, the export, the output, verbose messages or errors' {
        $bed = New-Bed
        $store = $bed.Store
        $export = Join-Path $bed.Folder 'export.json'
        $crm = Get-PostgresConnection $crmDatabase -WithoutUser
        $down = Get-PostgresConnection 'nowhere' -WithoutUser -Port 1
        $noDb = Get-PostgresConnection 'ofisync_no_such_database' -WithoutUser
        $pgStore = 'PostgreSql:' + (Get-PostgresConnection $storeDatabase)
        $unreachableStore = 'PostgreSql:' + (Get-PostgresConnection 'nowhere' -Port 1)
        $errorsBefore = $Error.Count
        $captured = & {
            $ErrorActionPreference = 'Continue'
            New-SyncConnection CRMPG PostgreSql $crm -UserName postgres -PasswordVariable OFISYNC_REL_PASSWORD -Verbose
            New-SyncConnection DOWN PostgreSql $down -UserName postgres -PasswordVariable OFISYNC_REL_PASSWORD -Verbose
            New-SyncConnection NODB PostgreSql $noDb -UserName postgres -PasswordVariable OFISYNC_REL_PASSWORD -Verbose
            New-SyncConnection LEAK PostgreSql "$crm;Password=$password" -UserName postgres -Verbose
            Invoke-SyncQuery CRMPG 'CREATE TABLE sector (id SERIAL PRIMARY KEY, codigo_origen VARCHAR(10) UNIQUE NOT NULL, descripcion VARCHAR(100));
                CREATE TABLE cuenta (id SERIAL PRIMARY KEY, codigo VARCHAR(20) UNIQUE NOT NULL, razon_social VARCHAR(100) NOT NULL, nif VARCHAR(12) UNIQUE, sector_id INTEGER REFERENCES sector(id))' -Confirm:$false -Verbose
            Get-SyncConnection | Test-SyncConnection -Verbose
            Test-SyncConnection -Provider PostgreSql -ConnectionString "$down;Username=postgres;Password=$password" -Verbose
            New-SyncLine SectoresPG -Source ERP -SourceTable sector -Target CRMPG -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id -Map @{ codigo_origen = 'codigo'; descripcion = 'descripcion' } -Verbose
            New-SyncLine ClientesPG -Source ERP -SourceTable cliente -Target CRMPG -TargetTable cuenta -Key codigo -TargetId id -DependsOn SectoresPG -Verbose `
                -Map @{ codigo = 'codigo'; razon_social = 'razon_social'; nif = 'nif'; sector_id = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' } }
            New-SyncLine Caida -Source ERP -SourceTable sector -Target DOWN -TargetTable sector -Key codigo -TargetKey codigo_origen -Map @{ codigo_origen = 'codigo' } -SkipCheck -Verbose
            Test-SyncLine -Verbose
            Erp "UPDATE cliente SET nif = 'B00000001' WHERE codigo = '430000002'"   # a unique violation in the CRM: a failed row
            Get-SyncPreview ClientesPG -Verbose
            Invoke-OfiSync SectoresPG, ClientesPG, Caida -Force -Verbose
            Invoke-OfiSync ClientesPG -Force -Summary -Verbose
            Invoke-SyncQuery DOWN 'SELECT 1' -Verbose
            Invoke-SyncQuery NODB 'SELECT 1' -Verbose
            Invoke-SyncQuery CRMPG 'SELECT no_such_column FROM cuenta' -Verbose
            Export-SyncLine -Path $export -Verbose
            Export-SyncLine
            Get-SyncRun | Get-SyncRunResult | Format-List *
            Get-SyncConnection | Format-List *
            Get-SyncLine | Format-List *
            # A store on PostgreSQL whose password comes from OFISYNC_STORE_PASSWORD, and one that cannot be reached.
            New-SyncConnection CRMPG PostgreSql $crm -UserName postgres -PasswordVariable OFISYNC_REL_PASSWORD -Store $pgStore -Verbose
            Get-SyncConnection -Store $pgStore -Verbose | Test-SyncConnection -Store $pgStore -Verbose
            try { Get-SyncLine -Store $unreachableStore -Verbose } catch { $_ }   # a terminating error: the test's own try would take it
        } *>&1
        $errors = @($captured | Where-Object { $_ -is [Management.Automation.ErrorRecord] }) + @($Error | Select-Object -First ($Error.Count - $errorsBefore))
        $text = ($captured | Out-String -Width 1000) + "`n" + (($errors | ForEach-Object {
                    $_ | Out-String -Width 1000
                    $_.Exception.ToString()
                    $_.ErrorDetails
                    $_.TargetObject | Out-String -Width 1000
                    for ($x = $_.Exception; $x; $x = $x.InnerException) { $x.Message; $x.Data.Values }
                }) -join "`n")

        # What was captured is what was meant to be: the password was used, rows were written and failed, errors were made.
        (Invoke-SyncQuery CRMPG 'SELECT COUNT(*) AS n FROM cuenta' -Confirm:$false).n | Should -Be ($bed.Customers - 1)
        $text | Should -Match 'B00000001'
        $text | Should -Match 'PasswordInConnectionString|contains a password'
        $text | Should -Match 'Failed to connect'
        $text | Should -Match 'ofisync_no_such_database'
        $text | Should -Match 'no_such_column'
        $text | Should -Match 'Using the OfiSync store PostgreSql:'
        $errors.Count | Should -BeGreaterOrEqual 6

        $text.Contains($password) | Should -BeFalse -Because 'the output, verbose messages and errors must not show the password'
        $utf8 = [Text.Encoding]::UTF8.GetBytes($password)
        $utf16 = [Text.Encoding]::Unicode.GetBytes($password)
        foreach ($file in Get-ChildItem $bed.Folder -Recurse -File) {
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            $hex = [Convert]::ToHexString($bytes)
            $hex.Contains([Convert]::ToHexString($utf8)) | Should -BeFalse -Because "$($file.Name) must not hold the password"
            $hex.Contains([Convert]::ToHexString($utf16)) | Should -BeFalse -Because "$($file.Name) must not hold the password (UTF-16)"
        }
        (Get-Item $export).Length | Should -BeGreaterThan 100
        $dump = foreach ($t in 'ofisync_meta', 'ofisync_connection', 'ofisync_line', 'ofisync_run', 'ofisync_run_row', 'ofisync_run_batch', 'ofisync_state') {
            Invoke-SyncQuery -Provider PostgreSql -ConnectionString (Get-PostgresConnection $storeDatabase) -Query "SELECT * FROM $t" -Confirm:$false | Out-String -Width 1000
        }
        ($dump -join "`n") | Should -Match 'CRMPG'
        ($dump -join "`n").Contains($password) | Should -BeFalse -Because 'the PostgreSQL store must not hold the password'
    }
}
