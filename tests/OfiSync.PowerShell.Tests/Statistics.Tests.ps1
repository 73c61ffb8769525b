BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    $folder = Join-Path $TestDrive 'stats'
    $script:Db = New-TestDatabases -Folder $folder -Customers 12
    $env:OFISYNC_STORE = Join-Path $folder 'store.db'
    New-SyncConnection ERP Sqlite "Data Source=$($Db.Erp)" | Out-Null
    New-SyncConnection CRM Sqlite "Data Source=$($Db.Crm)" | Out-Null
    # Invoices of 2023 and 2024: customer n buys n * 100 in 2024 and 50 in 2023; customer 12 only has a credit note.
    Erp @'
CREATE TABLE factura (serie TEXT, numero INTEGER, fecha TEXT, cliente_codigo TEXT, total NUMERIC, PRIMARY KEY (serie, numero));
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 11)
INSERT INTO factura SELECT 'A', i, '2024-03-01', printf('4300%05d', i), i * 100 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 11)
INSERT INTO factura SELECT 'B', i, '2023-05-01', printf('4300%05d', i), 50 FROM n;
INSERT INTO factura VALUES ('R', 1, '2024-02-02', '430000012', -30);
'@
    Crm @'
CREATE TABLE cuenta_ventas (cuenta_id INTEGER PRIMARY KEY REFERENCES cuenta(id), ejercicio INTEGER, ventas_actual NUMERIC, ventas_anterior NUMERIC,
  num_facturas INTEGER, fecha_ult_venta DATE, piramide_actual TEXT, piramide_anterior TEXT);
'@
    New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id | Out-Null
    # Customers of Madrid stay out of the CRM: their sales rows must be Skipped, not lost.
    New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -DependsOn Sectores -Filter { poblacion -ne 'Madrid' } -Map @{
        codigo = 'codigo'; razon_social = 'razon_social'; sector_id = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
    } | Out-Null
    New-SyncLine Ventas -Source ERP -Target CRM -TargetTable cuenta_ventas -DependsOn Clientes -SalesStatistics @{
        From = 'Invoices'; Table = 'factura'; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes'
    } -Map @{
        cuenta_id = @{ FromLine = 'Clientes' }; ejercicio = 'fiscal_year'; ventas_actual = 'sales_current'; ventas_anterior = 'sales_previous'
        num_facturas = 'invoices'; fecha_ult_venta = 'last_sale'; piramide_actual = 'tier_current'; piramide_anterior = 'tier_previous'
    } | Out-Null
}
AfterAll { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue }

Describe 'A sales statistics line' {
    It 'is a line like the others, keyed on the CRM id' {
        $line = Get-SyncLine Ventas
        $line.Kind.ToString() | Should -Be 'SalesStatistics'
        $line.TargetKey | Should -Be 'cuenta_id'
        Test-SyncLine Ventas | Where-Object Severity -EQ 'Error' | Should -BeNullOrEmpty
    }

    It 'writes each customer''s sales and tiers to its CRM record, and skips customers not in the CRM yet' {
        $results = Invoke-OfiSync -Force -AsOf '2024-06-30' -WarningAction SilentlyContinue
        $ventas = $results | Where-Object Line -EQ Ventas
        $skipped = @($ventas | Where-Object Status -EQ 'Skipped')
        $skipped.Key | Should -Be @('430000005', '430000010')
        $skipped[0].Error | Should -Match "run the line 'Clientes' first"
        ($ventas | Where-Object Status -EQ 'Succeeded').Count | Should -Be 10
        # The history keeps skipped rows with their reason too.
        $kept = Get-SyncRun Ventas -Last 1 | Get-SyncRunResult -Status Skipped
        $kept.Key | Should -Be @('430000005', '430000010')
        $kept[0].Error | Should -Be $skipped[0].Error
        $top = Crm "SELECT v.* FROM cuenta_ventas v JOIN cuenta c ON c.id = v.cuenta_id WHERE c.codigo = '430000011'"
        $top.ventas_actual | Should -Be 1100
        $top.ventas_anterior | Should -Be 50
        $top.piramide_actual | Should -Be 'Top'
        $top.ejercicio | Should -Be 2024
        $top.fecha_ult_venta | Should -Be '2024-03-01'
        (Crm "SELECT v.piramide_actual AS t FROM cuenta_ventas v JOIN cuenta c ON c.id = v.cuenta_id WHERE c.codigo = '430000012'").t | Should -Be $null
    }

    It 'sends nothing on a rerun for the same day, and the skipped customers once the CRM has them' {
        (Invoke-OfiSync Ventas -Force -AsOf '2024-06-30' | Where-Object Status -NE 'Skipped') | Should -BeNullOrEmpty
        Set-SyncLine Clientes -Filter $null
        Invoke-OfiSync Clientes -Force | Out-Null
        $r = Invoke-OfiSync Ventas -Force -AsOf '2024-06-30'
        ($r | Where-Object Status -EQ 'Succeeded').Key | Should -Contain '430000005'
        (Crm 'SELECT COUNT(*) AS n FROM cuenta_ventas').n | Should -Be 12
    }

    It 'reads the sales through a query: only the invoices of series A' {
        Crm 'CREATE TABLE cuenta_ventas_a (cuenta_id INTEGER PRIMARY KEY REFERENCES cuenta(id), ventas_actual NUMERIC, ventas_anterior NUMERIC)'
        New-SyncLine VentasA -Source ERP -Target CRM -TargetTable cuenta_ventas_a -DependsOn Clientes -SalesStatistics @{
            From = 'Invoices'; Query = "SELECT cliente_codigo, fecha, total FROM factura WHERE serie = 'A'"; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes'
        } -Map @{ cuenta_id = @{ FromLine = 'Clientes' }; ventas_actual = 'sales_current'; ventas_anterior = 'sales_previous' } | Out-Null
        (Get-SyncLine VentasA).Statistics.Query | Should -Match "serie = 'A'"
        Test-SyncLine VentasA | Where-Object Severity -EQ 'Error' | Should -BeNullOrEmpty
        Invoke-OfiSync VentasA -Force -AsOf '2024-06-30' | Where-Object Status -NE 'Succeeded' | Should -BeNullOrEmpty
        $row = Crm "SELECT v.* FROM cuenta_ventas_a v JOIN cuenta c ON c.id = v.cuenta_id WHERE c.codigo = '430000011'"
        $row.ventas_actual | Should -Be 1100
        $row.ventas_anterior | Should -Be 0   # the series B invoices of 2023 are left out
        New-SyncLine VentasAB -Source ERP -Target CRM -TargetTable cuenta_ventas_a -SalesStatistics @{
            Table = 'factura'; Query = 'SELECT * FROM factura'; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes'
        } -Map @{ cuenta_id = @{ FromLine = 'Clientes' }; ventas_actual = 'sales_current' } -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineStatisticsSourceMissing*'
        $e[0].Exception.Message | Should -Match 'either a table \(Table'
    }

    It 'says what is missing when the customers line records no CRM ids, and the rows say it too' {
        New-SyncLine ClientesSinId -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Map @{ codigo = 'codigo'; razon_social = 'razon_social' } | Out-Null
        New-SyncLine V5 -Source ERP -Target CRM -TargetTable cuenta_ventas -SalesStatistics @{
            Table = 'factura'; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'ClientesSinId'
        } -Map @{ cuenta_id = @{ FromLine = 'ClientesSinId' }; ventas_actual = 'sales_current' } -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineTargetIdNotRecorded*'
        $e[0].TargetObject | Should -Be 'V5'
        $e[0].Exception.Message | Should -Match "the line 'ClientesSinId', which records none: it has no -TargetId\. Give it the CRM's id column \(Set-SyncLine ClientesSinId -TargetId id\)"
        Get-SyncLine V5 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Set-SyncLine Clientes -TargetId ''
        try {
            $problem = Test-SyncLine Ventas | Where-Object Severity -EQ 'Error'
            $problem.Code | Should -Be 'TargetIdNotRecorded'
            $problem.Column | Should -Be 'cuenta_id'
            # A new customer reaches the CRM, but its id is not recorded: its figures cannot find its record.
            Erp "INSERT INTO cliente (codigo, razon_social, poblacion, sector_codigo, activo) VALUES ('430000099', 'Nuevo', 'Cádiz', 'HOT', 1);
                 INSERT INTO factura VALUES ('A', 99, '2024-03-02', '430000099', 10);"
            (Invoke-OfiSync Clientes -Force).Key | Should -Be '430000099'
            $row = Get-SyncPreview Ventas -AsOf '2024-06-30' | Where-Object Key -EQ '430000099'
            $row.Error | Should -Match "customer_key '430000099' cannot be matched to a CRM record: the line 'Clientes' records no CRM ids \(it has no -TargetId\)"
        }
        finally {
            Set-SyncLine Clientes -TargetId id
            Erp "DELETE FROM factura WHERE numero = 99; DELETE FROM cliente WHERE codigo = '430000099';"
        }
        Test-SyncLine Ventas | Where-Object Severity -EQ 'Error' | Should -BeNullOrEmpty
    }

    It 'refuses a statistics line without a map, and an unknown spec key' {
        New-SyncLine V2 -Source ERP -Target CRM -TargetTable cuenta_ventas -SalesStatistics @{ Table = 'factura' } -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'MapRequired*'
        New-SyncLine V3 -Source ERP -Target CRM -TargetTable cuenta_ventas -SalesStatistics @{ Tabla = 'factura' } -Map @{ x = 'y' } -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].Exception.Message | Should -Match "Tabla"
    }
}
