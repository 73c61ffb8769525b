BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    $script:Db = New-TestDatabases -Folder (Join-Path $TestDrive 'db')

    function script:Use-NewStore {
        $env:OFISYNC_STORE = Join-Path $TestDrive ("store-{0}.db" -f [guid]::NewGuid().ToString('N').Substring(0, 8))
        New-SyncConnection ERP Sqlite "Data Source=$($Db.Erp)" | Out-Null
        New-SyncConnection CRM Sqlite "Data Source=$($Db.Crm)" | Out-Null
    }
    function script:New-ClientesLine {
        [CmdletBinding()]
        param([string] $Name = 'Clientes')
        New-SyncLine -Name $Name -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -Map ([ordered]@{
                codigo       = 'codigo'
                razon_social = 'razon_social'
                poblacion    = 'poblacion'
                estado       = @{ Constant = 'Cliente' }
                sector_id    = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
            }) -DeletePolicy Flag -FlagColumn estado -FlagValue Inactivo
    }
}
AfterAll { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue }

Describe 'New-SyncLine and Get-SyncLine' {
    BeforeEach { Use-NewStore }

    It 'adds a line with key, constant, lookup and delete policy, and reads it back' {
        $line = New-ClientesLine
        $line.Name | Should -Be 'Clientes'
        $back = Get-SyncLine Clientes
        $back.Key | Should -Be @('codigo')
        $back.TargetKey | Should -Be @('codigo')
        $back.TargetId | Should -Be 'id'
        ($back.Columns | Where-Object TargetColumn -EQ 'sector_id').Kind.ToString() | Should -Be 'Lookup'
        ($back.Columns | Where-Object TargetColumn -EQ 'estado').Constant | Should -Be 'Cliente'
        $back.DeletePolicy.ToString() | Should -Be 'Flag'
        $back.FlagValue | Should -Be 'Inactivo'
        $back.Enabled | Should -BeTrue
    }

    It 'maps same-named columns when no -Map is given' {
        $line = New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen
        $line.Columns.TargetColumn | Should -Be @('codigo_origen', 'descripcion')
        $line.Columns[0].SourceColumn | Should -Be 'codigo'
    }

    It 'shows lines in a table with their source, target and key' {
        New-ClientesLine | Out-Null
        $text = Get-SyncLine | Out-String -Width 200
        $text | Should -Match 'Clientes'
        $text | Should -Match 'ERP: cliente'
        $text | Should -Match 'CRM: cuenta'
    }

    It 'refuses a duplicate name whatever its case, with an ErrorRecord, and keeps the store as it was' {
        New-ClientesLine | Out-Null
        $before = Export-SyncLine
        New-ClientesLine -Name CLIENTES -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineExists*'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $err[0].TargetObject | Should -Be 'CLIENTES'
        $err[0].Exception.Message | Should -Match 'Set-SyncLine'
        Export-SyncLine | Should -Be $before
    }

    It 'refuses a column that does not exist, listing the columns there are' {
        New-SyncLine X -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map @{ codigo = 'codigo'; nombre = 'no_such_column' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineColumnNotFound*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -Match "no_such_column"
        $err[0].Exception.Message | Should -Match 'razon_social'
        Get-SyncLine | Should -BeNullOrEmpty
    }

    It 'warns, and saves the line, when a source column that allows NULL goes to a NOT NULL target column' {
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$($Db.Erp)" -Confirm:$false -Query 'CREATE TABLE IF NOT EXISTS contacto (codigo TEXT PRIMARY KEY, nombre NVARCHAR(24) NOT NULL, nif TEXT)'
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$($Db.Crm)" -Confirm:$false -Query 'CREATE TABLE IF NOT EXISTS contacto (codigo TEXT NOT NULL UNIQUE, nombre VARCHAR(16) NOT NULL, nif TEXT NOT NULL)'
        $line = New-SyncLine Contactos -Source ERP -SourceTable contacto -Target CRM -TargetTable contacto -Key codigo -WarningVariable w -WarningAction SilentlyContinue
        $line.Name | Should -Be 'Contactos'
        # SQLite keeps a longer text whole: only the NULLs would fail here.
        @($w).Count | Should -Be 1
        "$($w[0])" | Should -Match "^Contactos: Target column 'nif': .*allows NULL.*nif -ne \`$null"
        (Test-SyncLine Contactos).Code | Should -Be 'NullIntoNotNull'
    }

    It 'warns about text longer than a PostgreSQL target column, and NULLs into NOT NULL there' -Skip:(-not $env:OFISYNC_TEST_POSTGRES) {
        $database = 'ofisync_checks_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "CREATE DATABASE $database" -Confirm:$false
        try {
            New-SyncConnection CRMPG PostgreSql ($env:OFISYNC_TEST_POSTGRES -replace 'Database=[^;]+', "Database=$database") | Out-Null
            Invoke-SyncQuery CRMPG 'CREATE TABLE contacto (codigo varchar(10) NOT NULL UNIQUE, nombre varchar(16) NOT NULL, nif varchar(12) NOT NULL)' -Confirm:$false
            Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$($Db.Erp)" -Confirm:$false -Query 'CREATE TABLE IF NOT EXISTS contacto (codigo TEXT PRIMARY KEY, nombre NVARCHAR(24) NOT NULL, nif TEXT)'
            New-SyncLine ContactosPG -Source ERP -SourceTable contacto -Target CRMPG -TargetTable contacto -Key codigo -WarningVariable w -WarningAction SilentlyContinue | Out-Null
            $w.Count | Should -Be 2
            "$($w -match "'nombre'")" | Should -Match 'NVARCHAR\(24\).*character varying\(16\).*24 characters may not fit the 16'
            "$($w -match "'nif'")" | Should -Match 'allows NULL'
            (Test-SyncLine ContactosPG).Code | Sort-Object | Should -Be @('MayTruncate', 'NullIntoNotNull')
        }
        finally {
            Remove-SyncLine ContactosPG -Confirm:$false -ErrorAction SilentlyContinue
            Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "DROP DATABASE IF EXISTS $database WITH (FORCE)" -Confirm:$false
        }
    }

    It 'refuses a misspelt key, telling it once with the closest column' {
        New-SyncLine X -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codgo -Map @{ razon_social = 'razon_social' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineColumnNotFound*'
        $message = $err[0].Exception.Message
        ([regex]::Matches($message, "'codgo' does not exist in cliente")).Count | Should -Be 1
        $message | Should -Match "Source column 'codgo': The column 'codgo' does not exist in cliente\. Did you mean 'codigo'\?"
        Get-SyncLine | Should -BeNullOrEmpty
    }

    It 'refuses a misspelt filter column, telling the target columns and the source columns apart' {
        New-SyncLine X -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map ([ordered]@{ codigo = 'codigo'; razon_social = 'razon_social'; poblacion = 'poblacion' }) `
            -Filter { poblacin -eq 'Madrid' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineFilterInvalid*'
        $err[0].Exception.Message | Should -Match ([regex]::Escape("Unknown name 'poblacin'. Did you mean 'poblacion'? A filter can name the line's target columns, as mapped (codigo, razon_social, poblacion), or the other columns of cliente (nif, provincia, sector_codigo, fecha_alta, fecha_modif, activo, saldo)."))
        Get-SyncLine | Should -BeNullOrEmpty
    }

    It 'refuses an unknown connection, a missing key mapping and an unknown provider' {
        New-SyncLine X -Source Nope -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match "No connection named 'Nope'"
        { New-SyncConnection -Name Y -Provider Oracle -ConnectionString 'Data Source=x' -ErrorAction Stop } | Should -Throw '*Oracle*Sqlite*PostgreSql*SqlServer*'
        { New-SyncLine Z -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key @() -ErrorAction Stop } | Should -Throw
        Get-SyncLine | Should -BeNullOrEmpty
    }

    It 'refuses a lookup table that does not exist' {
        New-SyncLine X -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map @{
            codigo = 'codigo'; sector_id = @{ Lookup = 'sectores'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
        } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match "sectores"
        Get-SyncLine | Should -BeNullOrEmpty
    }

    It 'finds lines by wildcard and reports a missing exact name' {
        New-ClientesLine | Out-Null
        New-ClientesLine -Name Clientes2 | Out-Null
        (Get-SyncLine 'Cli*').Count | Should -Be 2
        Get-SyncLine 'Nothing*' | Should -BeNullOrEmpty
        Get-SyncLine Nada -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'completes line names with Tab' {
        New-ClientesLine | Out-Null
        $r = TabExpansion2 -inputScript 'Get-SyncLine -Name Cli' -cursorColumn 'Get-SyncLine -Name Cli'.Length
        $r.CompletionMatches.CompletionText | Should -Contain 'Clientes'
    }

    It 'runs dependencies first' {
        New-ClientesLine | Out-Null
        Set-SyncLine Clientes -DependsOn Sectores -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match "'Sectores', does not exist"
        New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -Order 50 | Out-Null
        Set-SyncLine Clientes -DependsOn Sectores
        (Get-SyncLine).Name | Should -Be @('Sectores', 'Clientes')
        Set-SyncLine Sectores -DependsOn Clientes -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match 'cycle'
    }
}

Describe 'Set-SyncLine and Remove-SyncLine through the pipeline' {
    BeforeEach { Use-NewStore; New-ClientesLine | Out-Null; New-ClientesLine -Name Clientes2 | Out-Null }

    It 'disables the lines piped in' {
        Get-SyncLine 'Cli*' | Set-SyncLine -Enabled:$false
        (Get-SyncLine).Enabled | Should -Be @($false, $false)
    }

    It 'renames a line and keeps its identity' {
        $id = (Get-SyncLine Clientes).Id
        Set-SyncLine Clientes -NewName Cuentas -PassThru | Select-Object -ExpandProperty Name | Should -Be 'Cuentas'
        (Get-SyncLine Cuentas).Id | Should -Be $id
    }

    It 'changes nothing with -WhatIf' {
        Get-SyncLine | Set-SyncLine -BatchSize 5 -WhatIf
        (Get-SyncLine).BatchSize | Should -Be @(1000, 1000)
        Get-SyncLine | Remove-SyncLine -WhatIf
        (Get-SyncLine).Count | Should -Be 2
    }

    It 'removes with -Confirm:$false' {
        Get-SyncLine | Remove-SyncLine -Confirm:$false
        Get-SyncLine | Should -BeNullOrEmpty
    }

    It 'refuses an invalid change and keeps the line as it was' {
        Set-SyncLine Clientes -Map @{ codigo = 'codigo'; foo = 'bar' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -Not -BeNullOrEmpty
        (Get-SyncLine Clientes).Columns.Count | Should -Be 5
    }
}

Describe 'Test-SyncLine' {
    BeforeEach { Use-NewStore }

    It 'writes nothing for a sound line, and $true with -Quiet' {
        New-ClientesLine | Out-Null
        Test-SyncLine Clientes | Should -BeNullOrEmpty
        Test-SyncLine Clientes -Quiet | Should -BeTrue
    }

    It 'writes one object per problem, naming the line, the side and the column' {
        New-ClientesLine | Out-Null
        $crm2 = Join-Path $TestDrive 'crm-other.db'
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crm2;Mode=ReadWriteCreate" -Confirm:$false -Query @'
CREATE TABLE sector (id INTEGER PRIMARY KEY, codigo_origen TEXT, descripcion TEXT);
CREATE TABLE cuenta (id INTEGER PRIMARY KEY, codigo TEXT, estado TEXT, razon_social TEXT, sector_id INTEGER);
'@
        New-SyncConnection CRM Sqlite "Data Source=$crm2" -Force | Out-Null
        $problems = @(Test-SyncLine Clientes)
        $problems.Count | Should -Be 1
        $problems[0].Line | Should -Be 'Clientes'
        $problems[0].Side.ToString() | Should -Be 'Target'
        $problems[0].Column | Should -Be 'poblacion'
        $problems[0].Code | Should -Be 'ColumnNotFound'
        Test-SyncLine Clientes -Quiet | Should -BeFalse
    }

    It 'reports a type that cannot be converted' {
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$($Db.Crm)" -Confirm:$false -Query 'CREATE TABLE IF NOT EXISTS typed (codigo TEXT, fecha BLOB)'
        New-SyncLine T -Source ERP -SourceTable cliente -Target CRM -TargetTable typed -Key codigo -Map @{ codigo = 'codigo'; fecha = 'saldo' } -WarningAction SilentlyContinue -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match 'cannot be converted'
    }
}

Describe 'Export-SyncLine and Import-SyncLine' {
    BeforeEach { Use-NewStore }

    It 'round-trips lines and their connections into identical lines' {
        New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen | Out-Null
        New-ClientesLine | Out-Null
        Set-SyncLine Clientes -DependsOn Sectores -Description 'Clientes del ERP'
        $file = Join-Path $TestDrive 'lines.json'
        Export-SyncLine -Path $file
        $original = Get-SyncLine | ForEach-Object { $_ | Select-Object * -ExcludeProperty Created, Modified | ConvertTo-Json -Depth 6 }

        $env:OFISYNC_STORE = Join-Path $TestDrive 'imported.db'
        Import-SyncLine $file -PassThru | Should -HaveCount 2
        (Get-SyncConnection).Name | Should -Be @('CRM', 'ERP')
        $imported = Get-SyncLine | ForEach-Object { $_ | Select-Object * -ExcludeProperty Created, Modified | ConvertTo-Json -Depth 6 }
        $imported | Should -Be $original
    }

    It 'needs -Force to import over an existing name' {
        New-ClientesLine | Out-Null
        $file = Join-Path $TestDrive 'one.json'
        Export-SyncLine Clientes -Path $file
        Set-SyncLine Clientes -BatchSize 10
        Import-SyncLine $file -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineExists*'
        (Get-SyncLine Clientes).BatchSize | Should -Be 10
        $id = (Get-SyncLine Clientes).Id
        Import-SyncLine $file -Force
        (Get-SyncLine Clientes).BatchSize | Should -Be 1000
        (Get-SyncLine Clientes).Id | Should -Be $id
    }

    It 'refuses a file that is not an export, naming it' {
        $bad = Join-Path $TestDrive 'bad.json'
        '{ "hello": 1 }' | Set-Content $bad
        Import-SyncLine $bad -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].TargetObject | Should -Be $bad
    }
}

Describe 'Connections and secrets' {
    BeforeEach { Use-NewStore }

    It 'refuses a password inside a connection string, without echoing it' {
        New-SyncConnection Pg PostgreSql 'Host=localhost;Username=sync;Password=Sup3r-Secret' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PasswordInConnectionString*'
        ($err | Out-String) | Should -Not -Match 'Sup3r-Secret'
        Get-SyncConnection Pg -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'keeps only the name of the environment variable that holds the password' {
        $env:OFISYNC_TEST_PW = 'Sup3r-Secret'
        try {
            $c = New-SyncConnection Pg PostgreSql 'Host=127.0.0.1;Port=1;Username=sync;Timeout=2' -PasswordVariable OFISYNC_TEST_PW -Verbose 4>&1
            ($c | Out-String) | Should -Not -Match 'Sup3r-Secret'
            $t = Test-SyncConnection Pg
            $t.Succeeded | Should -BeFalse
            ($t | Format-List * | Out-String) | Should -Not -Match 'Sup3r-Secret'
            (Export-SyncLine) + [IO.File]::ReadAllText($env:OFISYNC_STORE, [Text.Encoding]::Latin1) | Should -Not -Match 'Sup3r-Secret'
            (Get-SyncConnection Pg).CredentialName | Should -Be 'OFISYNC_TEST_PW'
        }
        finally { Remove-Item Env:OFISYNC_TEST_PW }
    }

    It 'asks for -Credential when the connection was made with -PromptForCredential' {
        New-SyncConnection Pg PostgreSql 'Host=127.0.0.1;Port=1;Timeout=2' -PromptForCredential | Out-Null
        (Test-SyncConnection Pg).Error | Should -Match 'pass -Credential'
        $cred = [pscredential]::new('sync', (ConvertTo-SecureString 'Sup3r-Secret' -AsPlainText -Force))
        $t = Test-SyncConnection Pg -Credential $cred
        $t.Error | Should -Not -Match 'pass -Credential'
        ($t | Format-List * | Out-String) | Should -Not -Match 'Sup3r-Secret'
    }

    It 'reads a SecretManagement secret by name, and says what to do without SecretManagement' {
        New-SyncConnection Pg PostgreSql 'Host=127.0.0.1;Port=1;Timeout=2' -PasswordSecret CrmPassword -UserName sync | Out-Null
        # A connection that cannot be tried is a failed result, like one that cannot be opened: never an error.
        $failed = Test-SyncConnection Pg -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $failed.Succeeded | Should -BeFalse
        $failed.Error | Should -Match 'SecretManagement'
        function global:Get-Secret { param($Name) if ($Name -eq 'CrmPassword') { ConvertTo-SecureString 'Sup3r-Secret' -AsPlainText -Force } }
        try {
            $t = Test-SyncConnection Pg
            $t.Error | Should -Match 'Cannot connect'
            $t.Error | Should -Not -Match 'secret'
        }
        finally { Remove-Item Function:\Get-Secret }
    }

    It 'writes Encrypt and TrustServerCertificate into a SQL Server connection, and integrated authentication' {
        $c = New-SyncConnection Erp2 SqlServer 'Server=erp.local;Database=Gestion' -Encrypt Strict -TrustServerCertificate -IntegratedSecurity
        $c.ConnectionString | Should -Match 'Encrypt=Strict'
        $c.ConnectionString | Should -Match 'Trust Server Certificate=True'
        $c.ConnectionString | Should -Match 'Integrated Security=True'
        New-SyncConnection Pg2 PostgreSql 'Host=x' -TrustServerCertificate -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SqlServerOnlyOption*'
    }

    It 'will not remove a connection a line uses' {
        New-ClientesLine | Out-Null
        Remove-SyncConnection ERP -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        Get-SyncConnection ERP | Should -Not -BeNullOrEmpty
    }
}

Describe 'The store' {
    It 'is named by -Store, which wins over OFISYNC_STORE' {
        Use-NewStore
        $other = Join-Path $TestDrive 'explicit.db'
        New-SyncConnection Only Sqlite 'Data Source=:memory:' -Store $other | Out-Null
        (Get-SyncConnection -Store $other).Name | Should -Be 'Only'
        (Get-SyncConnection).Name | Should -Not -Contain 'Only'
    }

    It 'that cannot be read ends the command with a clear error, and is left alone' {
        $bad = Join-Path $TestDrive 'not-a-store.db'
        Set-Content $bad ('x' * 5000)
        { Get-SyncLine -Store $bad -ErrorAction Stop } | Should -Throw -ErrorId 'StoreUnreadable*'
        (Get-Content $bad -Raw).Trim() | Should -Be ('x' * 5000)
    }

    It 'written by a newer module is refused, saying to update' {
        $path = Join-Path $TestDrive 'newer.db'
        New-SyncConnection A Sqlite 'Data Source=:memory:' -Store $path | Out-Null
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$path" -Query "UPDATE ofisync_meta SET value = '42' WHERE name = 'schema_version'" -Confirm:$false
        $err = $null
        try { Get-SyncLine -Store $path -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'StoreNewerSchema*'
        $err.Exception.Message | Should -Match 'Update the OfiSync module'
    }
}

Describe 'Invoke-SyncQuery' {
    BeforeAll { Use-NewStore }

    It 'returns rows as objects, with accents intact and NULL as $null' {
        $rows = Invoke-SyncQuery ERP "SELECT codigo, razon_social, NULL AS nada FROM cliente WHERE poblacion = @p ORDER BY codigo" -Parameters @{ p = 'Ávila' }
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].razon_social | Should -Match 'Ñandú'
        $rows[0].nada | Should -BeNullOrEmpty
    }

    It 'writes an error naming the query when the SQL is wrong' {
        Invoke-SyncQuery ERP 'SELECT * FROM nope' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'QueryFailed*'
        $err[0].TargetObject | Should -Be 'SELECT * FROM nope'
    }
}
