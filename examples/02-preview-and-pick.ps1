<#
.SYNOPSIS
    Preview a run, untick rows and columns, and apply exactly what is left.
.DESCRIPTION
    The "Sincronización" window of the CRM lists the rows about to be transferred and lets you untick rows and
    columns before you confirm. Get-SyncColumn -Profile shows first what the rows hold (the most frequent provinces).
    In OfiSync the preview is a list of ordinary PowerShell objects: Where-Object unticks
    rows, Select-Object -ExcludeProperty (or Get-SyncPreview -ExcludeColumn) unticks columns, and Invoke-OfiSync
    applies what is left. Runs on scratch SQLite databases and a store of its own.
.PARAMETER ModulePath
    The OfiSync module to import: the built out/OfiSync by default; 'OfiSync' for an installed module.
.PARAMETER WorkFolder
    Where the databases and the store go. By default a new temporary folder, removed at the end.
.EXAMPLE
    pwsh examples/02-preview-and-pick.ps1
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1'),
    [string] $WorkFolder
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot 'DemoData.psm1')

$scratch = -not $WorkFolder
if ($scratch) { $WorkFolder = Join-Path ([IO.Path]::GetTempPath()) "ofisync-02-$([guid]::NewGuid().ToString('N').Substring(0, 8))" }
New-Item -ItemType Directory $WorkFolder -Force | Out-Null
$erp = Join-Path $WorkFolder 'erp.db'
$crm = Join-Path $WorkFolder 'crm.db'
$store = Join-Path $WorkFolder 'store.db'
function Invoke-Crm([string] $Sql) { Invoke-SyncQuery -Connection CRM -Query $Sql -Store $store }

try {
    New-DemoErp -Path $erp -Customers 500 | Out-Null
    New-DemoCrm -Path $crm | Out-Null
    # The connections ERP and CRM, and the lines Sectores and Clientes of demo.ps1.
    Initialize-DemoStore -ErpPath $erp -CrmPath $crm -Store $store | Out-Null
    # The customers look their sector up in the CRM: send the sectors first.
    Invoke-OfiSync -Line Sectores -Force -Store $store | Out-Null

    # --- What there is to pick from -------------------------------------------------------------------------------
    # The filter helper counts, inside the ERP and under the line's pre-filter, what a column holds: the provinces
    # with the most customers first. Their names go straight into a Where-Object, or a -Filter.
    $provincias = Get-SyncColumn -Line Clientes -Column provincia -Profile -Top 5 -Store $store
    Write-Host "Provinces: $($provincias.Summary)"

    # --- Rows -----------------------------------------------------------------------------------------------------
    # The preview rows carry one property per target column, so Where-Object picks by the values to be written.
    $preview = Get-SyncPreview -Line Clientes -Store $store
    Write-Host "Rows to send: $($preview.Count)"

    # Only the customers of Madrid and Barcelona that have an e-mail address, for a mailing campaign in the CRM:
    $picked = $preview | Where-Object { $_.provincia -in 'Madrid', 'Barcelona' -and $_.email }
    Write-Host "Picked: $(@($picked).Count) rows"

    # --- Columns --------------------------------------------------------------------------------------------------
    # Untick columns with Select-Object -ExcludeProperty: the run leaves those target columns as they are.
    # (Get-SyncPreview -ExcludeColumn telefono, forma_pago does the same while previewing.)
    $picked = $picked | Select-Object * -ExcludeProperty telefono, forma_pago
    $picked | Select-Object -First 5 | Format-Table Action, Key, provincia, email -AutoSize | Out-Host

    # --- Apply --------------------------------------------------------------------------------------------------------
    # Exactly these rows, with these columns: the source is not read again. -Confirm:$false, because Invoke-OfiSync
    # asks before writing (a preview piped in is one question per line).
    # A pipeline that delivers nothing runs nothing (never every line): say so rather than print an empty result.
    if (-not $picked) { Write-Host 'Nothing picked.'; return }
    $results = $picked | Invoke-OfiSync -Store $store -Confirm:$false
    $results | Group-Object Status -NoElement | Format-Table -AutoSize | Out-Host
    $inCrm = Invoke-Crm 'SELECT COUNT(*) AS n, COUNT(telefono) AS con_telefono FROM cuenta'
    Write-Host "Applied $(@($results).Count) rows. The CRM holds $($inCrm.n) cuentas, $($inCrm.con_telefono) with a telephone."

    # Rows sent without every column keep no hash: the next ordinary run sends them again, whole. The rows that
    # were not picked are still pending too.
    $pending = Get-SyncPreview -Line Clientes -Store $store
    $pending | Group-Object Action -NoElement | Format-Table -AutoSize | Out-Host

    # --- Picking in a grid ----------------------------------------------------------------------------------------
    # Interactively, tick the rows in a grid instead of writing a Where-Object:
    #
    #   Windows (Out-GridView comes with PowerShell on Windows):
    #       Get-SyncPreview Clientes | Out-GridView -PassThru -Title 'Rows to send' | Invoke-OfiSync
    #
    #   Linux, macOS, or a Windows terminal without a desktop:
    #       Install-Module Microsoft.PowerShell.ConsoleGuiTools -Scope CurrentUser
    #       Get-SyncPreview Clientes | Out-ConsoleGridView -Title 'Rows to send' | Invoke-OfiSync
    #
    # Both pass on the rows you select, unchanged, so Invoke-OfiSync applies exactly those.

    # --- Picking in a spreadsheet ---------------------------------------------------------------------------------
    # A CSV file keeps neither types nor NULLs, so rows read back with Import-Csv are refused. Keep the keys of the
    # rows left in the spreadsheet instead, and pick the preview rows by key (Export-Clixml and Import-Clixml keep a
    # whole preview exactly, if it must wait in a file).
    $csv = Join-Path $WorkFolder 'pending.csv'
    $pending | Select-Object -First 3 | Export-Csv $csv           # edited in a spreadsheet: rows deleted, say
    $keys = (Import-Csv $csv).Key
    $byKey = @(Get-SyncPreview -Line Clientes -Store $store | Where-Object Key -In $keys | Invoke-OfiSync -Store $store -Confirm:$false)
    Write-Host "Sent the $($byKey.Count) rows kept in the spreadsheet, by key."

    # --- A filter instead of a Where-Object -------------------------------------------------------------------------
    # -Filter runs inside the ERP's query (only the matching rows are read); $variables come from this script.
    $provincias = 'Sevilla', 'Cádiz', 'Málaga'
    $south = Get-SyncPreview -Line Clientes -Store $store -Filter { provincia -in $provincias }
    Write-Host "Customers of $($provincias -join ', ') still to send: $(@($south).Count)"
}
finally {
    if ($scratch) { Remove-Item -LiteralPath $WorkFolder -Recurse -Force -ErrorAction SilentlyContinue }
}
