# Get-SyncColumn (the filter helper) and tab completion from the databases.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    Import-Module (Join-Path (Get-RepositoryRoot) 'examples/DemoData.psm1') -Force
    $folder = Join-Path $TestDrive 'demo'
    New-Item -ItemType Directory $folder | Out-Null
    $script:ErpPath = Join-Path $folder 'erp.db'
    $script:CrmPath = Join-Path $folder 'crm.db'
    $env:OFISYNC_STORE = Join-Path $folder 'store.db'
    New-DemoErp -Path $ErpPath -Customers 300 | Out-Null
    New-DemoCrm -Path $CrmPath | Out-Null
    Initialize-DemoStore -ErpPath $ErpPath -CrmPath $CrmPath | Out-Null
    function script:Erp([string] $Sql) { Invoke-SyncQuery ERP $Sql -Confirm:$false }
    function script:Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText) }
}
AfterAll { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue }

Describe 'Get-SyncColumn' {
    It 'lists the source columns as the filter sees them, with the target column each maps into' {
        $columns = @(Get-SyncColumn Clientes)
        $columns.Name | Should -Contain 'provincia'
        $columns.Name | Should -Contain 'activo'
        $provincia = $columns | Where-Object Name -EQ 'provincia'
        $provincia.TargetColumn | Should -Be 'provincia'
        $provincia.FilterType.ToString() | Should -Be 'Text'
        $provincia.Profiled | Should -BeFalse
        ($columns | Where-Object Name -EQ 'sector_codigo').TargetColumn | Should -BeNullOrEmpty
        ($columns | Where-Object Name -EQ 'razon_social').Nullable | Should -BeFalse
    }

    It 'profiles the demo customers under the pre-filter as counting them by hand does' {
        $rows = @(Erp 'SELECT provincia, poblacion, fecha_alta FROM cliente WHERE activo = 1')
        $rows.Count | Should -BeGreaterThan 100
        $byHand = $rows | Group-Object provincia -CaseSensitive | Sort-Object Count -Descending
        $profile = Get-SyncColumn Clientes provincia, fecha_alta -Profile -Top 3
        $p = $profile | Where-Object Name -EQ 'provincia'
        $p.Rows | Should -Be $rows.Count
        $p.Nulls | Should -Be @($rows | Where-Object { $null -eq $_.provincia }).Count
        $p.Distinct | Should -Be @($byHand | Where-Object Name).Count
        $p.Top.Count | Should -Be 3
        foreach ($t in $p.Top) { $t.Count | Should -Be ($byHand | Where-Object Name -CEQ $t.Value).Count }
        $p.Top[0].Count | Should -Be $byHand[0].Count
        $p.Summary | Should -Match ('^{0} distinct, ' -f $p.Distinct)
        $p.Limited | Should -BeFalse
        $f = $profile | Where-Object Name -EQ 'fecha_alta'
        $f.Min.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) | Should -Be ($rows.fecha_alta | Sort-Object | Select-Object -First 1)
        $f.Max.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) | Should -Be ($rows.fecha_alta | Sort-Object | Select-Object -Last 1)
    }

    It 'adds -Filter to the pre-filter, and says when the row limit stopped the count' {
        $madrid = @(Erp "SELECT codigo FROM cliente WHERE activo = 1 AND provincia = 'Madrid'").Count
        (Get-SyncColumn Clientes codigo -Profile -Filter { provincia -eq 'Madrid' }).Rows | Should -Be $madrid
        $c = Get-SyncColumn Clientes codigo -Profile -RowLimit 10 -WarningVariable w -WarningAction SilentlyContinue
        $c.Rows | Should -Be 10
        $c.Limited | Should -BeTrue
        "$w" | Should -Match '-RowLimit 0'
    }

    It 'takes a column by its target name, and writes an error for a column the line lacks' {
        (Get-SyncColumn Clientes -Column codigo).Name | Should -Be 'codigo'
        Get-SyncColumn Clientes -Column no_existe -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ColumnNotFound,*'
    }

    It 'shows a default view with the counts and the most frequent values' {
        $text = Get-SyncColumn Clientes provincia -Profile | Out-String -Width 200
        $text | Should -Match 'Line: Clientes'
        $text | Should -Match 'provincia\s+provincia\s+TEXT'
        $text | Should -Match '\d+ distinct, \S+'
    }

    It 'takes lines from the pipeline' {
        @(Get-SyncLine Sectores | Get-SyncColumn).Name | Should -Be @('codigo', 'descripcion')
    }
}

Describe 'Tab completion from the databases' {
    BeforeAll { Get-SyncLine | Out-Null }

    It 'completes a source table from -Source, and a target table from -Target' {
        Complete 'New-SyncLine X -Source ERP -SourceTable cli' | Should -Be @('cliente')
        Complete 'New-SyncLine X -Source ERP -Target CRM -TargetTable cu' | Should -Contain 'cuenta'
    }

    It 'completes -Key from the source table, and -TargetKey, -TargetId and -FlagColumn from the target table' {
        Complete 'New-SyncLine X -Source ERP -SourceTable cliente -Key raz' | Should -Be @('razon_social')
        Complete 'New-SyncLine X -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -TargetKey cod' | Should -Contain 'codigo'
        Complete 'New-SyncLine X -Target CRM -TargetTable cuenta -TargetId i' | Should -Contain 'id'
        Complete 'Set-SyncLine Clientes -FlagColumn est' | Should -Be @('estado')
    }

    It 'completes an excluded column from the line''s target columns, and a flag value from the column''s values' {
        Complete 'Get-SyncPreview Clientes -ExcludeColumn tele' | Should -Be @('telefono')
        Invoke-SyncQuery CRM "INSERT INTO cuenta (codigo, estado, razon_social) VALUES ('Z1', 'Inactivo', 'x')" -Confirm:$false | Out-Null
        Complete 'Set-SyncLine Clientes -FlagColumn estado -FlagValue Ina' | Should -Be @('Inactivo')
    }

    It 'completes a column of a stored line for Set-SyncLine -Key and Get-SyncColumn -Column' {
        Complete 'Set-SyncLine Clientes -Key prov' | Should -Be @('provincia')
        Complete 'Get-SyncColumn Clientes -Column prov' | Should -Be @('provincia')
    }

    It 'gives nothing, without an error, for a connection that needs a prompt or a table that is not there' {
        New-SyncConnection PROMPT PostgreSql 'Host=127.0.0.1;Port=1;Database=x;Username=u' -PromptForCredential | Out-Null
        $error.Clear()
        Complete 'New-SyncLine X -Source PROMPT -SourceTable a' | Should -BeNullOrEmpty
        Complete 'New-SyncLine X -Source ERP -SourceTable no_existe -Key a' | Should -BeNullOrEmpty
        $error.Count | Should -Be 0
    }

    It 'never creates a database, even for a SQLite connection stored with Mode=ReadWriteCreate' {
        $file = Join-Path $TestDrive 'not-yet.db'
        New-SyncConnection NUEVA Sqlite "Data Source=$file;Mode=ReadWriteCreate" | Out-Null
        Complete 'New-SyncLine X -Source NUEVA -SourceTable a' | Should -BeNullOrEmpty
        $file | Should -Not -Exist
        Complete 'New-SyncLine X -Source ERP -SourceTable sec' | Should -Be @('sector')
    }

    It 'gives up within two seconds on a server that accepts the connection and never answers' {
        # A socket that listens (the kernel completes the handshake) but never speaks: the driver waits for its 30 s.
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            New-SyncConnection MUDO PostgreSql "Host=127.0.0.1;Port=$($silent.LocalEndpoint.Port);Database=x;Username=u;Timeout=30" | Out-Null
            $time = Measure-Command { $script:r = Complete 'New-SyncLine X -Source MUDO -SourceTable a' }
            $r | Should -BeNullOrEmpty
            $time.TotalSeconds | Should -BeLessThan 2
            $time.TotalSeconds | Should -BeGreaterThan 0.5 -Because 'the server was waited for, up to the budget'
            # The second Tab does not wait again.
            (Measure-Command { Complete 'New-SyncLine X -Source MUDO -SourceTable b' }).TotalSeconds | Should -BeLessThan 0.5
        }
        finally { $silent.Stop() }
    }

    It 'gives up within two seconds on an unreachable address' {
        New-SyncConnection LEJOS PostgreSql 'Host=10.255.255.1;Port=5432;Database=x;Username=u;Timeout=30' | Out-Null
        $time = Measure-Command { $script:r = Complete 'New-SyncLine X -Source LEJOS -SourceTable a' }
        $r | Should -BeNullOrEmpty
        $time.TotalSeconds | Should -BeLessThan 2
    }
}

Describe 'Tab completion from a PostgreSQL database' -Skip:(-not $env:OFISYNC_TEST_POSTGRES) {
    BeforeAll {
        $script:Database = 'ofisync_complete_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "CREATE DATABASE $Database" -Confirm:$false
        New-SyncConnection PG PostgreSql ($env:OFISYNC_TEST_POSTGRES -replace 'Database=[^;]+', "Database=$Database") | Out-Null
        Invoke-SyncQuery PG (Get-DemoCrmSql -Provider PostgreSql) -Confirm:$false | Out-Null
        Invoke-SyncQuery PG @'
CREATE SCHEMA erp;
CREATE TABLE erp.cliente_pg (codigo text PRIMARY KEY, razon_social text NOT NULL, provincia text);
CREATE VIEW cuentas_activas AS SELECT * FROM cuenta;
'@ -Confirm:$false | Out-Null
        New-SyncLine ClientesPG -Source PG -SourceTable erp.cliente_pg -Target PG -TargetTable cuenta -Key codigo -Map @{
            codigo = 'codigo'; razon_social = 'razon_social'; provincia = 'provincia' } | Out-Null
    }
    AfterAll {
        Remove-SyncLine ClientesPG -Confirm:$false -ErrorAction SilentlyContinue
        Remove-SyncConnection PG -Confirm:$false -ErrorAction SilentlyContinue
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "DROP DATABASE IF EXISTS $Database WITH (FORCE)" -Confirm:$false
    }

    It 'completes tables and views, schema-qualified outside public' {
        Complete 'New-SyncLine X -Source ERP -Target PG -TargetTable cu' | Should -Be @('cuenta', 'cuenta_ventas', 'cuentas_activas')
        Complete 'New-SyncLine X -Source PG -SourceTable erp.' | Should -Be @('erp.cliente_pg')
    }

    It 'completes a key column from the source table and a target key column from the target table' {
        Complete 'New-SyncLine X -Source PG -SourceTable erp.cliente_pg -Key raz' | Should -Be @('razon_social')
        Complete 'New-SyncLine X -Source ERP -SourceTable cliente -Target PG -TargetTable cuenta -TargetKey codigo_' | Should -BeNullOrEmpty
        Complete 'New-SyncLine X -Source ERP -SourceTable cliente -Target PG -TargetTable cuenta -TargetKey cod' | Should -Be @('codigo')
    }

    It 'completes an excluded column of a PostgreSQL line' {
        Complete 'Invoke-OfiSync ClientesPG -ExcludeColumn prov' | Should -Be @('provincia')
    }

    It 'profiles a PostgreSQL source' {
        Invoke-SyncQuery PG "INSERT INTO erp.cliente_pg VALUES ('1', 'A', 'Madrid'), ('2', 'B', 'Madrid'), ('3', 'C', 'MADRID'), ('4', 'D', NULL)" -Confirm:$false | Out-Null
        $p = Get-SyncColumn ClientesPG provincia -Profile
        $p.Rows | Should -Be 4
        $p.Nulls | Should -Be 1
        $p.Distinct | Should -Be 2
        $p.Summary | Should -Be '2 distinct, Madrid (2), MADRID (1)'
    }
}
