# The rough edges of the first hour (issue 12): a typo in a path creates nothing, a store an account may only read can
# be read, a locked SQLite target is waited for with warnings and then named, connection-string keywords are checked
# per provider, and a missing password variable is told once.

BeforeDiscovery {
    # chattr +i makes files and a folder unwritable even for root, which the suite runs as and which ignores permissions.
    $script:NoImmutable = $true
    if ($IsLinux -and (Get-Command chattr -ErrorAction SilentlyContinue)) {
        $probe = Join-Path ([IO.Path]::GetTempPath()) "ofisync-probe-$([guid]::NewGuid().ToString('N'))"
        Set-Content $probe 'x'
        & chattr +i $probe 2>$null
        if ($LASTEXITCODE -eq 0) {
            try { Add-Content $probe 'y' -ErrorAction Stop } catch { $script:NoImmutable = $false }
            & chattr -i $probe 2>$null
        }
        Remove-Item $probe -Force
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-OfiSyncModulePath
    Import-Module $ModulePath -Force
    $script:Examples = Join-Path (Get-RepositoryRoot) 'examples'
    Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue

    # The error a command writes, terminating or not, or $null.
    function script:Get-CommandError([scriptblock] $Command) {
        $err = $null
        try { & $Command -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null } catch { return $_ }
        if ($err) { $err[0] } else { $null }
    }

    # Every file and folder under $Path, so a test can tell that nothing was created.
    function script:Get-Tree([string] $Path) { @(Get-ChildItem -LiteralPath $Path -Recurse -Force | ForEach-Object FullName | Sort-Object) }

    # A connection of the engine's own SQLite driver (the module's load context), for a test to hold a lock with.
    function script:New-EngineSqliteConnection([string] $ConnectionString) {
        Test-SyncConnection -Provider Sqlite -ConnectionString 'Data Source=:memory:' | Out-Null   # loads the engine
        $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' } | Select-Object -First 1
        $connection = [Activator]::CreateInstance($assembly.GetType('Microsoft.Data.Sqlite.SqliteConnection'), [object[]]@($ConnectionString))
        $connection.Open()
        $connection
    }
    function script:Invoke-On($Connection, [string] $Sql) {
        $command = $Connection.CreateCommand()
        $command.CommandText = $Sql
        $null = $command.ExecuteNonQuery()
        $command.Dispose()
    }
}

Describe 'A path with a typo creates nothing' {
    BeforeAll {
        $script:Typo = Join-Path $TestDrive 'typo'
        $script:TypoStore = Join-Path $Typo 'dir/store.db'
    }
    AfterEach { $Typo | Should -Not -Exist }

    It '<Command> on a -Store that does not exist says there is no store there and how to make one' -ForEach @(
        @{ Command = 'Get-SyncLine'; Call = { Get-SyncLine -Store $TypoStore } }
        @{ Command = 'Get-SyncConnection'; Call = { Get-SyncConnection -Store $TypoStore } }
        @{ Command = 'Get-SyncRun'; Call = { Get-SyncRun -Last 1 -Store $TypoStore } }
        @{ Command = 'Get-SyncRunResult'; Call = { Get-SyncRunResult -RunId 1 -Store $TypoStore } }
        @{ Command = 'Get-SyncPreview'; Call = { Get-SyncPreview Clientes -Store $TypoStore } }
        @{ Command = 'Test-SyncLine'; Call = { Test-SyncLine -Store $TypoStore } }
        @{ Command = 'Test-SyncConnection'; Call = { Test-SyncConnection ERP -Store $TypoStore } }
        @{ Command = 'Export-SyncLine'; Call = { Export-SyncLine -Store $TypoStore } }
        @{ Command = 'Invoke-SyncQuery'; Call = { Invoke-SyncQuery ERP 'SELECT 1' -Store $TypoStore } }
        @{ Command = 'Invoke-OfiSync'; Call = { Invoke-OfiSync -Force -Store $TypoStore } }
        @{ Command = 'Set-SyncLine'; Call = { Set-SyncLine Clientes -Enabled:$false -Store $TypoStore } }
        @{ Command = 'Remove-SyncLine'; Call = { Remove-SyncLine Clientes -Force -Store $TypoStore } }
        @{ Command = 'Remove-SyncConnection'; Call = { Remove-SyncConnection ERP -Confirm:$false -Store $TypoStore } }
        @{ Command = 'New-SyncLine'; Call = { New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map @{ codigo = 'codigo' } -SkipCheck -Store $TypoStore } }
    ) {
        $e = Get-CommandError $Call
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike "StoreMissing,*"
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be $TypoStore
        $e.Exception.Message | Should -BeLike "*no OfiSync store at '$TypoStore'*New-SyncConnection*"
    }

    It 'New-SyncConnection -WhatIf creates no store either' {
        New-SyncConnection ERP Sqlite 'Data Source=erp.db' -Store $TypoStore -WhatIf
    }

    It 'Get-SyncLine on a machine with no store yet says so, names the default store and how to make one, and creates nothing' {
        $home2 = Join-Path $TestDrive 'fresh-profile'
        New-Item -ItemType Directory $home2 | Out-Null
        $r = Invoke-ChildPwsh -Environment @{ XDG_DATA_HOME = $home2; OFISYNC_STORE = '' } @"
Import-Module '$ModulePath'
try { Get-SyncLine -ErrorAction Stop; 'no error' } catch { 'error=' + `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@
        $text = $r.Output -join "`n"
        $text | Should -Match 'error=StoreMissing'
        $text | Should -Match ([regex]::Escape((Join-Path $home2 'OfiSync/store.db')))
        $text | Should -Match 'New-SyncConnection'
        Get-Tree $home2 | Should -BeNullOrEmpty
    }

    It 'New-SyncConnection is what creates a store, with its folders' {
        $made = Join-Path $TestDrive 'made/here/store.db'
        New-SyncConnection ERP Sqlite 'Data Source=erp.db' -Store $made | Out-Null
        $made | Should -Exist
        (Get-SyncConnection -Store $made).Name | Should -Be 'ERP'
    }

    It 'the scheduled example on a -Store with a typo exits 2, naming it, and creates nothing' {
        $r = Invoke-ChildPwsh "& '$Examples/03-scheduled-task.ps1' -ModulePath '$ModulePath' -Store '$TypoStore' -LogFolder '$TestDrive'; exit `$LASTEXITCODE"
        $r.ExitCode | Should -Be 2
        ($r.Output -join "`n") | Should -Match ([regex]::Escape("ERROR: There is no OfiSync store at '$TypoStore'"))
    }

    It 'Test-SyncConnection on a SQLite file that does not exist fails, naming it, and leaves no file' {
        $missing = Join-Path $Typo 'erp.db'
        $direct = Test-SyncConnection -Provider Sqlite -ConnectionString "Data Source=$missing"
        $direct.Succeeded | Should -BeFalse
        $direct.Error | Should -Match ([regex]::Escape($missing))
        $store = Join-Path $TestDrive 'typo-test.db'
        New-SyncConnection ERP Sqlite "Data Source=$missing" -Store $store | Out-Null
        $stored = Test-SyncConnection ERP -Store $store
        $stored.Succeeded | Should -BeFalse
        $stored.Error | Should -Match "'ERP'.*does not exist.*$([regex]::Escape($missing))"
    }

    It 'a line whose source file is missing fails naming the file, and no database is created' {
        $db = New-TestDatabases -Folder (Join-Path $TestDrive 'typo-dbs') -Customers 3
        $store = Join-Path $TestDrive 'typo-line.db'
        $missing = Join-Path $Typo 'erp.db'
        New-SyncConnection ERP Sqlite "Data Source=$($db.Erp)" -Store $store | Out-Null
        New-SyncConnection CRM Sqlite "Data Source=$($db.Crm)" -Store $store | Out-Null
        New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id -Map @{ codigo_origen = 'codigo'; descripcion = 'descripcion' } -Store $store | Out-Null
        New-SyncConnection ERP Sqlite "Data Source=$missing" -Force -Store $store | Out-Null
        $e = Get-CommandError { Invoke-OfiSync Sectores -Force -Store $store }
        $e.Exception.Message | Should -Match ([regex]::Escape($missing))
        $e.Exception.Message | Should -Match 'Mode=ReadWriteCreate'
    }

    It 'Invoke-SyncQuery creates a database only when its connection string asks with Mode=ReadWriteCreate' {
        $new = Join-Path $TestDrive 'asked.db'
        $e = Get-CommandError { Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$new" -Query 'CREATE TABLE t (a)' -Confirm:$false }
        $e.Exception.Message | Should -Match ([regex]::Escape($new))
        $new | Should -Not -Exist
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$new;Mode=ReadWriteCreate" -Query 'CREATE TABLE t (a)' -Confirm:$false
        (Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$new" -Query "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 't'").n | Should -Be 1
    }
}

Describe 'A store an account may read but not write' -Skip:$NoImmutable {
    BeforeAll {
        $script:RoFolder = Join-Path $TestDrive 'readonly-store'
        $script:RoStore = Join-Path $RoFolder 'store.db'
        $db = New-TestDatabases -Folder (Join-Path $TestDrive 'readonly-dbs') -Customers 3
        # The owner's session: connections, a line and a run, in a process that then ends, as a nightly job does.
        $r = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
New-SyncConnection ERP Sqlite 'Data Source=$($db.Erp)' -Store '$RoStore' | Out-Null
New-SyncConnection CRM Sqlite 'Data Source=$($db.Crm)' -Store '$RoStore' | Out-Null
New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id -Map @{ codigo_origen = 'codigo'; descripcion = 'descripcion' } -Store '$RoStore' | Out-Null
Invoke-OfiSync -Force -Summary -Store '$RoStore' | Out-Null
'owner done'
"@
        $r.Output | Should -Contain 'owner done'
        # From here on nobody may write the store, its companion files or its folder.
        foreach ($f in Get-ChildItem -LiteralPath $RoFolder -Recurse -Force) { & chattr +i $f.FullName }
        & chattr +i $RoFolder
        function script:Get-StoreFiles { Get-ChildItem -LiteralPath $RoFolder -File -Force | Where-Object Name -notlike '*-shm' | ForEach-Object { '{0}:{1}' -f $_.Name, (Get-FileHash -LiteralPath $_.FullName).Hash } }
        $script:Before = Get-StoreFiles
        $script:Reader = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
try {
    'lines=' + ((Get-SyncLine -Store '$RoStore').Name -join ',')
    'connections=' + ((Get-SyncConnection -Store '$RoStore').Name -join ',')
    'runs=' + ((Get-SyncRun -Store '$RoStore').Status -join ',')
    'results=' + @(Get-SyncRun -Store '$RoStore' | Get-SyncRunResult -Status Succeeded -Store '$RoStore').Count
    'export=' + [bool]((Export-SyncLine -Store '$RoStore') -match 'Sectores')
    'test=' + (Test-SyncLine Sectores -Quiet -Store '$RoStore')
    'preview=' + @(Get-SyncPreview Sectores -IncludeUnchanged -Store '$RoStore').Count
}
catch { 'READ FAILED: ' + `$_ }
try { Set-SyncLine Sectores -Enabled:`$false -Store '$RoStore'; 'set=ran' }
catch { 'set=' + `$_.FullyQualifiedErrorId + ' ' + `$_.CategoryInfo.Category + ' ' + `$_.Exception.Message }
"@
    }
    AfterAll { & chattr -R -i $RoFolder }

    It 'lists its lines, connections, runs and results, exports, tests and previews' {
        $out = $Reader.Output
        $out | Should -Not -Match 'READ FAILED'
        $out | Should -Contain 'lines=Sectores'
        $out | Should -Contain 'connections=CRM,ERP'
        $out | Should -Contain 'runs=Succeeded'
        $out | Should -Contain 'results=3'
        $out | Should -Contain 'export=True'
        $out | Should -Contain 'test=True'
        $out | Should -Contain 'preview=3'
    }

    It 'is told, when it tries to change the store, that it may read it but not change it' {
        $set = $Reader.Output | Where-Object { $_ -like 'set=*' }
        $set | Should -Match '^set=StoreReadOnly,.* PermissionDenied .*may read the OfiSync store'
        $set | Should -Match ([regex]::Escape($RoStore))
    }

    It 'is left exactly as it was (the -shm file is SQLite''s shared-memory index, not the store''s content)' {
        Get-StoreFiles | Should -Be $Before
    }
}

Describe 'A SQLite target that another program holds locked' {
    BeforeAll {
        $script:LockDb = New-TestDatabases -Folder (Join-Path $TestDrive 'locked') -Customers 3
        $script:LockStore = Join-Path $TestDrive 'locked/store.db'
        New-SyncConnection ERP Sqlite "Data Source=$($LockDb.Erp)" -Store $LockStore | Out-Null
        New-SyncConnection CRM Sqlite "Data Source=$($LockDb.Crm)" -Store $LockStore | Out-Null
        New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id -Map @{ codigo_origen = 'codigo'; descripcion = 'descripcion' } -Store $LockStore | Out-Null

        # Runs Invoke-OfiSync in a runspace of its own while this one holds a write transaction on the CRM for
        # $Seconds (0: until the run ends). Returns the run's output, warnings, errors, whether a warning came out while
        # the run was still waiting, and how long the run took.
        function script:Invoke-WhileLocked([double] $Seconds) {
            $holder = New-EngineSqliteConnection "Data Source=$($LockDb.Crm);Pooling=False"
            Invoke-On $holder "BEGIN IMMEDIATE; INSERT INTO sector (codigo_origen, descripcion) VALUES ('ZZZ', 'held')"
            $ps = [powershell]::Create()
            # -All: every row is written again, so the run needs the lock whatever ran before.
            $null = $ps.AddScript("Import-Module '$ModulePath'; Invoke-OfiSync Sectores -All -Force -Summary -Store '$LockStore'")
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $handle = $ps.BeginInvoke()
            $warnedWhileWaiting = $false
            try {
                while (-not $handle.IsCompleted) {
                    if ($ps.Streams.Warning.Count -gt 0) { $warnedWhileWaiting = $true }
                    if ($Seconds -gt 0 -and $watch.Elapsed.TotalSeconds -ge $Seconds -and $holder) { Invoke-On $holder 'ROLLBACK'; $holder.Dispose(); $holder = $null }
                    Start-Sleep -Milliseconds 100
                }
                $output = $ps.EndInvoke($handle)
            }
            finally {
                if ($holder) { Invoke-On $holder 'ROLLBACK'; $holder.Dispose() }
            }
            [pscustomobject]@{
                Summary = $output | Select-Object -Last 1
                Warnings = @($ps.Streams.Warning | ForEach-Object Message)
                Errors = @($ps.Streams.Error)
                WarnedWhileWaiting = $warnedWhileWaiting
                Seconds = $watch.Elapsed.TotalSeconds
            }
        }
    }

    It 'waits for it, with a warning as it happens, and completes once it lets go' {
        $r = Invoke-WhileLocked 4
        $r.Errors | Should -BeNullOrEmpty
        $r.Summary.Status | Should -Be 'Succeeded'
        $r.Summary.Inserted + $r.Summary.Updated | Should -Be 3
        $r.WarnedWhileWaiting | Should -BeTrue -Because 'a retry is told when it happens, not after the run'
        $r.Warnings[0] | Should -Match "Line 'Sectores'.*'$([regex]::Escape($LockDb.Crm))' of the connection 'CRM' is locked by another program"
    }

    It 'fails the line, naming it, the connection and the file, after a bounded wait, when it never lets go' {
        $r = Invoke-WhileLocked 0
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineFailed,*'
        $message = $r.Errors[0].Exception.Message
        $message | Should -Match "^Line 'Sectores' stopped: the SQLite database '$([regex]::Escape($LockDb.Crm))' of the connection 'CRM' stayed locked"
        $message | Should -Match 'Close the program that holds it'
        $r.Warnings.Count | Should -Be 5
        $r.Seconds | Should -BeLessThan 45
        (Get-SyncRun Sectores -Last 1 -Store $LockStore).Message | Should -Be $message
    }
}

Describe 'Connection strings checked per provider' {
    BeforeAll { $script:CsStore = Join-Path $TestDrive 'cs/store.db'; New-SyncConnection Placeholder Sqlite 'Data Source=:memory:' -Store $CsStore | Out-Null }

    It 'New-SyncConnection refuses a keyword the provider does not take, naming it and the right spelling (<Provider>)' -ForEach @(
        @{ Provider = 'PostgreSql'; ConnectionString = 'Data Source=crm.local;Database=crm;Username=sync'; Keyword = 'Data Source'; Right = 'Host=' }
        @{ Provider = 'SqlServer'; ConnectionString = 'Host=sql01;Database=crm;Integrated Security=true'; Keyword = 'Host'; Right = 'Server=' }
        @{ Provider = 'Sqlite'; ConnectionString = 'Database=/data/erp.db'; Keyword = 'Database'; Right = 'Data Source=' }
    ) {
        $e = Get-CommandError { New-SyncConnection bad $Provider $ConnectionString -Store $CsStore }
        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionStringInvalid,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.TargetObject | Should -Be 'bad'
        $e.Exception.Message | Should -Match "'$Keyword' is not one $Provider connections take: write $Right"
        Get-SyncConnection bad -Store $CsStore -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Test-SyncConnection returns a failed result, never an error, for a connection stored before the check' {
        New-SyncConnection Old PostgreSql 'Host=crm.local;Database=crm' -Store $CsStore | Out-Null
        # As an older module stored it, unchecked.
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$CsStore" -Confirm:$false -Query "UPDATE ofisync_connection SET definition = replace(definition, 'host=', 'data source=') WHERE name = 'Old'"
        $results = @(Test-SyncConnection * -Store $CsStore -ErrorVariable err -ErrorAction SilentlyContinue)
        $err | Should -BeNullOrEmpty
        $old = $results | Where-Object Name -eq 'Old'
        $old.Succeeded | Should -BeFalse
        $old.Error | Should -Match "'Data Source' is not one PostgreSql connections take: write Host="
        ($results | Where-Object Name -eq 'Placeholder').Succeeded | Should -BeTrue
        $direct = Test-SyncConnection -Provider PostgreSql -ConnectionString 'Data Source=crm.local'
        $direct.Succeeded | Should -BeFalse
        $direct.Error | Should -Match 'Host='
    }

    It 'accepts what the real PostgreSQL server takes, and Test-SyncConnection reaches it' -Skip:(-not $env:OFISYNC_TEST_POSTGRES -or $env:OFISYNC_TEST_POSTGRES -match '(?i)password') {
        New-SyncConnection Pg PostgreSql $env:OFISYNC_TEST_POSTGRES -Store $CsStore | Out-Null
        (Test-SyncConnection Pg -Store $CsStore).Succeeded | Should -BeTrue
        $wrong = $env:OFISYNC_TEST_POSTGRES -replace '(?i)\bHost=', 'Data Source='
        $e = Get-CommandError { New-SyncConnection PgWrong PostgreSql $wrong -Store $CsStore }
        $e.Exception.Message | Should -Match "'Data Source'.*Host="
    }

    It 'Import-SyncLine refuses a connection whose keywords are wrong, and the lines that use it' {
        $file = Join-Path $TestDrive 'cs/export.json'
        $db = New-TestDatabases -Folder (Join-Path $TestDrive 'cs-dbs') -Customers 2
        $source = Join-Path $TestDrive 'cs/source.db'
        New-SyncConnection ERP Sqlite "Data Source=$($db.Erp)" -Store $source | Out-Null
        New-SyncConnection CRM Sqlite "Data Source=$($db.Crm)" -Store $source | Out-Null
        New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -Map @{ codigo_origen = 'codigo' } -Store $source | Out-Null
        Export-SyncLine -Path $file -Store $source
        (Get-Content $file -Raw) -replace [regex]::Escape("Data Source=$($db.Crm)"), "Database=$($db.Crm)" | Set-Content $file
        $target = Join-Path $TestDrive 'cs/target.db'
        $e = Get-CommandError { Import-SyncLine $file -Store $target }
        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionStringInvalid,*'
        $e.Exception.Message | Should -Match "'Database'.*Data Source="
        Get-SyncLine -Store $target | Should -BeNullOrEmpty
    }
}

Describe 'A missing password variable is told once' {
    BeforeAll {
        $script:PwStore = Join-Path $TestDrive 'password/store.db'
        $script:Variable = 'OFISYNC_TEST_UNSET_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $db = New-TestDatabases -Folder (Join-Path $TestDrive 'password') -Customers 2
        $crm = if ($env:OFISYNC_TEST_POSTGRES) { $env:OFISYNC_TEST_POSTGRES -replace '(?i)(^|;)\s*(password|pwd)\s*=[^;]*', '' } else { 'Host=127.0.0.1;Database=crm;Username=sync' }
        New-SyncConnection ERP Sqlite "Data Source=$($db.Erp)" -Store $PwStore | Out-Null
        New-SyncConnection CRM PostgreSql $crm -PasswordVariable $Variable -Store $PwStore | Out-Null
        foreach ($name in 'Sectores', 'Clientes') {
            New-SyncLine $name -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -Map @{ codigo_origen = 'codigo' } -SkipCheck -Store $PwStore | Out-Null
        }
    }

    It 'Invoke-OfiSync writes one error for the connection, naming the variable and the lines it kept from running' {
        $out = Invoke-OfiSync -Force -Summary -Store $PwStore -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CredentialUnavailable,*'
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err[0].TargetObject.Name | Should -Be 'CRM'
        $err[0].Exception.Message | Should -Match "environment variable '$Variable', which is not set.*'Clientes', 'Sectores'"
        Get-SyncRun -Store $PwStore | Should -BeNullOrEmpty
    }

    It 'the scheduled example prints it once and exits 2' {
        $r = Invoke-ChildPwsh "& '$Examples/03-scheduled-task.ps1' -ModulePath '$ModulePath' -Store '$PwStore' -LogFolder '$TestDrive'; exit `$LASTEXITCODE"
        $r.ExitCode | Should -Be 2
        $text = $r.Output -join "`n"
        ([regex]::Matches($text, [regex]::Escape($Variable))).Count | Should -Be 1 -Because $text
        $text | Should -Match "ERROR: The connection 'CRM' takes its password from the environment variable '$Variable'"
    }
}
