# MariaDB through the cmdlets: a MariaDB CRM and a MariaDB store on the test server that ./build.sh test starts
# (OFISYNC_TEST_MARIADB), each in a database of its own, dropped at the end; and examples/06-mariadb.ps1.

BeforeDiscovery {
    $noMariaDb = -not $env:OFISYNC_TEST_MARIADB
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force

    # The test server's connection string on another database, without its (empty) password: a stored connection holds none.
    function script:Get-MariaDbConnectionString([string] $Database) {
        $b = [Data.Common.DbConnectionStringBuilder]::new()
        $b.set_ConnectionString($env:OFISYNC_TEST_MARIADB)
        foreach ($k in @($b.get_Keys())) { if ($k -in 'password', 'pwd') { $b.Remove($k) | Out-Null } }
        $b['Database'] = $Database
        $b.get_ConnectionString()
    }
    function script:New-MariaDbDatabase {
        $name = 'ofisync_pester_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Invoke-SyncQuery -Provider MariaDb -ConnectionString $env:OFISYNC_TEST_MARIADB -Query "CREATE DATABASE $name" -Confirm:$false
        $name
    }
    function script:Remove-MariaDbDatabase([string] $Name) {
        if ($Name) { Invoke-SyncQuery -Provider MariaDb -ConnectionString $env:OFISYNC_TEST_MARIADB -Query "DROP DATABASE IF EXISTS $Name" -Confirm:$false }
    }
    function script:Get-CommandError([scriptblock] $Command) {
        $err = $null
        try { & $Command -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null } catch { return $_ }
        if ($err) { $err[0] } else { $null }
    }
}

Describe 'MariaDb: the driver in the module folder' {
    It 'ships MySqlConnector under dependencies/ and loads it in the engine''s own load context' {
        $root = Split-Path (Get-OfiSyncModulePath)
        Join-Path $root 'dependencies/MySqlConnector.dll' | Should -Exist
        Join-Path $root 'MySqlConnector.dll' | Should -Not -Exist
        # Port 1 of this machine: nobody listens there, so the driver itself must load to say so.
        $r = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-OfiSyncModulePath)'
`$t = Test-SyncConnection -Provider MariaDb -ConnectionString 'Server=127.0.0.1;Port=1;Connection Timeout=2;User ID=sync;Password=Pa55-Secret!'
"ok=`$(`$t.Succeeded) type=`$(`$t.ErrorType) error=`$(`$t.Error) connection=`$(`$t.Connection)"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'MySqlConnector' } |
    ForEach-Object { 'context=' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
"@
        $text = $r.Output -join "`n"
        $text | Should -Match 'ok=False type=MySqlConnector.MySqlException'
        $text | Should -Not -Match 'Pa55-Secret'
        $r.Output | Should -Contain 'context=OfiSync'
        $r.ExitCode | Should -Be 0
    }
}

Describe 'MariaDb: a sync into a MariaDB CRM, with the store in MariaDB' -Skip:$noMariaDb {
    BeforeAll {
        $script:CrmDb = New-MariaDbDatabase
        $script:StoreDb = New-MariaDbDatabase
        $script:Db = New-TestDatabases -Folder (Join-Path $TestDrive 'mariadb') -Customers 20
        $script:Store = "MariaDb:$(Get-MariaDbConnectionString $StoreDb)"
        New-SyncConnection ERP Sqlite "Data Source=$($Db.Erp)" -Store $Store | Out-Null
        # MySql is another name of the same provider.
        New-SyncConnection CRM MySql (Get-MariaDbConnectionString $CrmDb) -Store $Store | Out-Null
        Invoke-SyncQuery CRM -Store $Store -Confirm:$false -Query @'
CREATE TABLE sector (id INT AUTO_INCREMENT PRIMARY KEY, codigo_origen VARCHAR(10) NOT NULL UNIQUE, descripcion VARCHAR(100));
CREATE TABLE cuenta (id INT AUTO_INCREMENT PRIMARY KEY, codigo VARCHAR(20) NOT NULL UNIQUE, estado VARCHAR(20) NOT NULL DEFAULT 'Potencial',
  razon_social VARCHAR(100) NOT NULL, nif VARCHAR(12) UNIQUE, poblacion VARCHAR(40), sector_id INT REFERENCES sector (id), saldo DECIMAL(12,2));
'@
        New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id -Store $Store -Map @{
            codigo_origen = 'codigo'; descripcion = 'descripcion'
        } | Out-Null
        New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -DependsOn Sectores -BatchSize 6 -Store $Store -Map ([ordered]@{
                codigo       = 'codigo'
                razon_social = 'razon_social'
                nif          = 'nif'
                poblacion    = 'poblacion'
                estado       = @{ Constant = 'Cliente' }
                sector_id    = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
                saldo        = 'saldo'
            }) | Out-Null
    }
    AfterAll {
        Remove-MariaDbDatabase $CrmDb
        Remove-MariaDbDatabase $StoreDb
    }

    It 'keeps the connection as MariaDb without a password, and Test-SyncConnection reaches the server' {
        (Get-SyncConnection CRM -Store $Store).Provider | Should -Be 'MariaDb'
        $test = Test-SyncConnection CRM -Store $Store
        $test.Succeeded | Should -BeTrue -Because $test.Error
        $test.ServerVersion | Should -Match '^MariaDB 1\d\.'
        (Invoke-SyncQuery CRM -Store $Store -Query 'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()').n | Should -Be 2
        (Invoke-SyncQuery -Provider MariaDb -ConnectionString (Get-MariaDbConnectionString $StoreDb) -Query "SELECT value FROM ofisync_meta WHERE name = 'schema_version'").value | Should -Be '3'
    }

    It 'previews, writes every row with its CRM id, and finds nothing to send the second time' {
        (Get-SyncPreview Clientes -Store $Store).Count | Should -Be 20
        $first = @(Invoke-OfiSync -Force -Store $Store)
        $first.Count | Should -Be 23
        $first | Where-Object Status -ne 'Succeeded' | Should -BeNullOrEmpty
        $rows = Invoke-SyncQuery CRM -Store $Store -Query "SELECT c.id, c.razon_social, c.estado, s.codigo_origen FROM cuenta c JOIN sector s ON s.id = c.sector_id WHERE c.codigo = '430000001'"
        $rows.razon_social | Should -Be 'Cliente Ñandú 1, S.L.'
        $rows.estado | Should -Be 'Cliente'
        ($first | Where-Object Key -eq '430000001').TargetId | Should -Be "$($rows.id)"
        @(Invoke-OfiSync -Force -Store $Store) | Should -BeNullOrEmpty
    }

    It 'pushes a filter into MariaDB and selects what Where-Object selects' {
        Invoke-SyncQuery ERP -Store $Store -Confirm:$false -Query "UPDATE cliente SET poblacion = 'MADRID ' WHERE codigo = '430000005'; UPDATE cliente SET saldo = saldo + 1"
        $all = @(Get-SyncPreview Clientes -Store $Store)
        $filtered = @(Get-SyncPreview Clientes -Store $Store -Filter { poblacion -eq 'madrid' -or poblacion -like 'ávila*' })
        $filtered.Count | Should -BeGreaterThan 0
        # 'MADRID ' has a trailing space: not 'madrid' for PowerShell, whatever MariaDB's collation thinks.
        $filtered.Key | Should -Be @($all | Where-Object { $_.poblacion -eq 'madrid' -or $_.poblacion -like 'ávila*' } | ForEach-Object Key)
        $filtered.Key | Should -Not -Contain '430000005'
    }

    It 'sends a change as an update, and fails a NIF that another account holds, naming the column, and nothing else' {
        Invoke-SyncQuery CRM -Store $Store -Confirm:$false -Query "INSERT INTO cuenta (codigo, razon_social, nif) VALUES ('MANUAL-1', 'Cuenta del CRM', 'B99999999')"
        Invoke-SyncQuery ERP -Store $Store -Confirm:$false -Query "UPDATE cliente SET nif = 'B99999999' WHERE codigo = '430000003'"
        $results = @(Invoke-OfiSync Clientes -Force -Store $Store -ErrorVariable failed -ErrorAction SilentlyContinue)
        $bad = @($results | Where-Object Status -eq 'Failed')
        $bad.Count | Should -Be 1
        $bad[0].Key | Should -Be '430000003'
        $bad[0].Column | Should -Be 'nif'
        $bad[0].Error | Should -Match "Duplicate entry 'B99999999'"
        @($failed).Count | Should -Be 1
        ($results | Where-Object Status -eq 'Succeeded').Count | Should -Be 19
        (Invoke-SyncQuery CRM -Store $Store -Query "SELECT razon_social FROM cuenta WHERE codigo = 'MANUAL-1'").razon_social | Should -Be 'Cuenta del CRM'
    }

    It 'keeps the run history in the MariaDB store for Get-SyncRun and Get-SyncRunResult' {
        $last = Get-SyncRun Clientes -Last 1 -Store $Store
        $last.Status | Should -Be 'CompletedWithErrors'
        $last.Failed | Should -Be 1
        $failed = @(Get-SyncRunResult -LastSync -Status Failed -Store $Store)
        $failed.Key | Should -Be '430000003'
        $failed.Column | Should -Be 'nif'
    }

    It 'refuses a connection keyword MariaDB does not take, saying what to write instead' {
        $e = Get-CommandError { New-SyncConnection Wrong MariaDb 'Server=127.0.0.1;DbName=crm' -Store $Store }
        $e.Exception.Message | Should -Match "'DbName'.*Database="
        Get-SyncConnection -Store $Store | ForEach-Object Name | Should -Not -Contain 'Wrong'
        $store = Get-CommandError { Get-SyncLine -Store 'MariaDb:Server=127.0.0.1;Login=sync' }
        $store.Exception.Message | Should -Match "'Login'.*User ID="
    }
}

Describe 'MariaDb: examples/06-mariadb.ps1' -Skip:$noMariaDb {
    It 'syncs into a MariaDB database of its own with the store beside the CRM, sends the two changes, and drops the database' {
        $script = Join-Path (Get-RepositoryRoot) 'examples/06-mariadb.ps1'
        $module = Get-OfiSyncModulePath
        $r = Invoke-ChildPwsh @"
`$global:LASTEXITCODE = 0
try { & '$script' -ModulePath '$module' -Customers 200 *>&1 | ForEach-Object { "`$_" -split "``n" } } catch { "THROWN: `$_"; exit 99 }
exit `$LASTEXITCODE
"@
        $text = $r.Output -join "`n"
        $r.ExitCode | Should -Be 0 -Because $text
        $text | Should -Match 'Clientes +Succeeded +\d+ +\d+ +0 +0'
        $r.Output | Should -Contain 'Second run: 2 rows sent to MariaDB.'
        $database = $r.Output | Where-Object { $_ -match '^Created the database (\w+)\.' } | ForEach-Object { $Matches[1] }
        $database | Should -Not -BeNullOrEmpty
        $r.Output | Should -Contain "Dropped the database $database."
        (Invoke-SyncQuery -Provider MariaDb -ConnectionString $env:OFISYNC_TEST_MARIADB -Query 'SELECT COUNT(*) AS n FROM information_schema.schemata WHERE schema_name = @d' -Parameters @{ d = $database }).n | Should -Be 0
    }
}
