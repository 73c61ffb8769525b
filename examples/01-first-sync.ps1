<#
.SYNOPSIS
    A first sync: two connections, one line, a preview, a run and its results.
.DESCRIPTION
    Creates a small demo ERP and an empty CRM as SQLite files (examples/DemoData.psm1), stores a connection to each,
    defines one sync line that copies the ERP's customers into the CRM's cuenta table, previews it, runs it and shows
    one result per row. Everything goes into a scratch folder, with a store of its own: your default store is not
    touched.
.PARAMETER ModulePath
    The OfiSync module to import: the built out/OfiSync by default; 'OfiSync' for an installed module.
.PARAMETER WorkFolder
    Where the databases and the store go. By default a new temporary folder, removed at the end.
.EXAMPLE
    pwsh examples/01-first-sync.ps1
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1'),
    [string] $WorkFolder
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot 'DemoData.psm1')

$scratch = -not $WorkFolder
if ($scratch) { $WorkFolder = Join-Path ([IO.Path]::GetTempPath()) "ofisync-01-$([guid]::NewGuid().ToString('N').Substring(0, 8))" }
New-Item -ItemType Directory $WorkFolder -Force | Out-Null
$erp = Join-Path $WorkFolder 'erp.db'
$crm = Join-Path $WorkFolder 'crm.db'
# Every OfiSync command takes -Store; without it, the OFISYNC_STORE variable or your default store is used.
$store = Join-Path $WorkFolder 'store.db'

try {
    New-DemoErp -Path $erp -Customers 200 | Out-Null
    New-DemoCrm -Path $crm | Out-Null

    # 1. The connections: a name, a provider and a connection string (never a password; see about_OfiSync).
    New-SyncConnection -Name ERP -Provider Sqlite -ConnectionString "Data Source=$erp" -Store $store | Out-Null
    New-SyncConnection -Name CRM -Provider Sqlite -ConnectionString "Data Source=$crm" -Store $store | Out-Null
    Get-SyncConnection -Store $store | Test-SyncConnection -Store $store | Format-Table -AutoSize | Out-Host

    # 2. One line: the ERP's customers into the CRM's cuenta table, by the customer code. Each target column takes a
    #    source column or a constant. New-SyncLine checks the tables, columns and types before saving the line.
    New-SyncLine -Name Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -Store $store -Map @{
        codigo       = 'codigo'
        razon_social = 'razon_social'
        nif          = 'nif'
        poblacion    = 'poblacion'
        provincia    = 'provincia'
        estado       = @{ Constant = 'Cliente' }
    } | Format-Table -AutoSize | Out-Host

    # 3. The preview: what a run would write, one object per row. Nothing is written.
    $preview = Get-SyncPreview -Line Clientes -Store $store
    Write-Host "The preview has $($preview.Count) rows:"
    $preview | Group-Object Action -NoElement | Format-Table -AutoSize | Out-Host
    $preview | Select-Object -First 3 | Format-List Action, Key, razon_social, nif, poblacion, estado | Out-Host

    # 4. The run: -Force runs without asking for confirmation. One result per row.
    #    Keep the results in a variable: piping a run straight into Select-Object -First would stop it early.
    $results = Invoke-OfiSync -Line Clientes -Force -Store $store
    $results | Select-Object -First 5 | Format-Table -AutoSize | Out-Host
    $results | Group-Object Status -NoElement | Format-Table -AutoSize | Out-Host

    # 5. A second run sends nothing: no row changed in the ERP since.
    $again = @(Invoke-OfiSync -Line Clientes -Force -Store $store)
    Write-Host "First run: $($results.Count) rows sent. Second run: $($again.Count) rows sent."
    # The run history, newest first.
    Get-SyncRun -Store $store | Format-Table RunId, Line, Mode, Status, Inserted, Updated, Unchanged, Failed -AutoSize | Out-Host
}
finally {
    if ($scratch) { Remove-Item -LiteralPath $WorkFolder -Recurse -Force -ErrorAction SilentlyContinue }
}
