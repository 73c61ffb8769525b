<#
.SYNOPSIS
    A CRM on MariaDB (or MySQL), and the store beside it: the demo ERP (SQLite) synced into a MariaDB database of its
    own, dropped at the end.
.DESCRIPTION
    Creates a new database on the server named by -ConnectionString, creates the CRM tables in it, stores the
    connections (the password, if any, through an environment variable: a stored connection never holds one) in a
    store kept in the same database (-Store 'MariaDb:...', shared by every machine that runs the lines), defines the
    Sectores and Clientes lines, runs them, changes two customers in the ERP and runs again. The database is dropped
    at the end unless -Keep is given.

    Rows go into MariaDB as multi-row INSERT ... ON DUPLICATE KEY UPDATE by the target key where only that key's
    unique index can match; the demo's cuenta table also has a UNIQUE nif, so its rows go through a temporary staging
    table and an UPDATE ... JOIN and INSERT ... SELECT by codigo, and a NIF already used by another account fails
    that row instead of updating the other account.
.PARAMETER ConnectionString
    The MariaDB server, with a user allowed to create databases: for example
    'Server=127.0.0.1;Port=3306;User ID=root;Database=mysql'. Default: the OFISYNC_TEST_MARIADB environment variable,
    which the test suite sets. A Password in it is moved into an environment variable for the stored connection.
.PARAMETER Database
    The database to create. Default: ofisync_example_ and a random suffix. It must not exist.
.PARAMETER Keep
    Does not drop the database at the end.
.PARAMETER ModulePath
    The OfiSync module to import: the built out/OfiSync by default; 'OfiSync' for an installed module.
.EXAMPLE
    pwsh examples/06-mariadb.ps1 -ConnectionString 'Server=127.0.0.1;Port=33306;User ID=root;Database=mysql'
#>
param(
    [string] $ConnectionString = $env:OFISYNC_TEST_MARIADB,
    [ValidatePattern('^[a-z_][a-z0-9_]{0,62}$')] [string] $Database = "ofisync_example_$([guid]::NewGuid().ToString('N').Substring(0, 8))",
    [int] $Customers = 500,
    [switch] $Keep,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1')
)
$ErrorActionPreference = 'Stop'
if (-not $ConnectionString) {
    Write-Host 'Give -ConnectionString (a MariaDB server and a user that may create a database), or set OFISYNC_TEST_MARIADB.'
    exit 2
}
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot 'DemoData.psm1')

$work = Join-Path ([IO.Path]::GetTempPath()) "ofisync-06-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
New-Item -ItemType Directory $work | Out-Null
$erp = Join-Path $work 'erp.db'

# The CRM's connection string: the same server, the new database, and no password (see -ConnectionString).
# (A connection string builder is a dictionary: PowerShell would read and write .ConnectionString as one of its
# keys, hence set_ConnectionString and get_ConnectionString.)
$builder = [Data.Common.DbConnectionStringBuilder]::new()
$builder.set_ConnectionString($ConnectionString)
$builder['Database'] = $Database
$password = @{}
foreach ($key in @($builder.get_Keys())) {
    if ($key -in 'Password', 'PWD') {
        if ($builder[$key]) {
            $env:OFISYNC_EXAMPLE_CRM_PASSWORD = $builder[$key]
            # The store's own connection reads its password from OFISYNC_STORE_PASSWORD.
            $env:OFISYNC_STORE_PASSWORD = $builder[$key]
            $password = @{ PasswordVariable = 'OFISYNC_EXAMPLE_CRM_PASSWORD' }
        }
        $builder.Remove($key) | Out-Null
    }
}
$crmConnectionString = $builder.get_ConnectionString()
$store = "MariaDb:$crmConnectionString"
$created = $false

try {
    # 1. A database of our own, on the server given.
    $test = Test-SyncConnection -Provider MariaDb -ConnectionString $ConnectionString
    $test | Format-Table -AutoSize | Out-Host
    if (-not $test.Succeeded) {
        Write-Host "The MariaDB server cannot be reached: $($test.Error)"
        exit 2
    }
    Invoke-SyncQuery -Provider MariaDb -ConnectionString $ConnectionString -Query "CREATE DATABASE $Database CHARACTER SET utf8mb4" -Confirm:$false
    $created = $true
    Write-Host "Created the database $Database."

    # 2. The store in that database, the connections, and the CRM's tables through the stored connection.
    New-SyncConnection -Name ERP -Provider Sqlite -ConnectionString "Data Source=$erp" -Store $store | Out-Null
    New-SyncConnection -Name CRM -Provider MariaDb -ConnectionString $crmConnectionString @password -Store $store | Out-Null
    Get-SyncConnection -Store $store | Format-Table -AutoSize | Out-Host
    New-DemoErp -Path $erp -Customers $Customers | Out-Null
    New-DemoCrm -Connection CRM -ConnectionProvider MariaDb -Store $store
    Write-Host 'Tables of the database, as MariaDB sees them (the store''s ofisync_* beside the CRM''s):'
    Invoke-SyncQuery -Connection CRM -Store $store -Query @'
SELECT table_name, COUNT(*) AS columns FROM information_schema.columns
WHERE table_schema = DATABASE() GROUP BY table_name ORDER BY table_name
'@ | Format-Table -AutoSize | Out-Host

    # 3. The lines: the same as on SQLite. New-SyncLine checks the columns and types against MariaDB.
    New-SyncLine -Name Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetId id -Store $store -Map @{
        codigo_origen = 'codigo'
        descripcion   = 'descripcion'
    } | Out-Null
    New-SyncLine -Name Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -Store $store `
        -Map (Get-DemoClientesMap) -Filter { activo -eq 1 } -DeletePolicy Flag -FlagColumn estado -FlagValue Inactivo -DependsOn Sectores | Out-Null
    Test-SyncLine -Store $store | Format-Table -AutoSize | Out-Host    # nothing when both lines are sound

    # 4. The first run, then what landed in MariaDB, accents and all. (The database's default collation,
    # utf8mb4_unicode_ci or the like, would find 'n' for 'ñ': utf8mb4_bin compares the letters as written.
    # An OfiSync -Filter needs no such care: it selects what PowerShell's -like would, whatever the collation.)
    Invoke-OfiSync -Force -Summary -Store $store | Format-Table Line, Status, Read, Inserted, Updated, Failed -AutoSize | Out-Host
    Invoke-SyncQuery -Connection CRM -Store $store -Query @'
SELECT c.codigo, c.razon_social, s.descripcion AS sector
FROM cuenta c LEFT JOIN sector s ON s.id = c.sector_id
WHERE c.razon_social COLLATE utf8mb4_bin LIKE '%ñ%' ORDER BY c.codigo LIMIT 5
'@ | Format-Table -AutoSize | Out-Host

    # 5. Two customers change in the ERP: the next run sends those two, as updates.
    Invoke-SyncQuery -Connection ERP -Store $store -Confirm:$false -Query @'
UPDATE cliente SET telefono = '915550199', fecha_modif = date('now')
WHERE codigo IN (SELECT codigo FROM cliente WHERE activo = 1 ORDER BY codigo LIMIT 2)
'@
    $second = @(Invoke-OfiSync -Force -Store $store)
    $second | Format-Table -AutoSize | Out-Host
    Write-Host "Second run: $($second.Count) rows sent to MariaDB."
    $n = (Invoke-SyncQuery -Connection CRM -Store $store -Query 'SELECT COUNT(*) AS n FROM cuenta').n
    Write-Host "The CRM on MariaDB holds $n cuentas."
    Get-SyncRun -Store $store -Last 2 | Format-Table Line, Status, Inserted, Updated, Unchanged -AutoSize | Out-Host
}
finally {
    if ($created -and -not $Keep) {
        Invoke-SyncQuery -Provider MariaDb -ConnectionString $ConnectionString -Query "DROP DATABASE IF EXISTS $Database" -Confirm:$false
        Write-Host "Dropped the database $Database."
    }
    elseif ($created) {
        Write-Host "The database $Database stays (-Keep), with the store in it: -Store '$store'."
    }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:OFISYNC_EXAMPLE_CRM_PASSWORD, Env:OFISYNC_STORE_PASSWORD -ErrorAction SilentlyContinue
}
