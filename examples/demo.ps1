<#
.SYNOPSIS
    The main job of OfiSync, as a user meets it, on the embedded SQLite default: ./build.sh demo runs this script.
.DESCRIPTION
    Creates a Spanish ERP (customers, sectors, sales reps, three years of invoices) and an empty CRM as SQLite files,
    defines the two sync lines, previews them, applies a few picked rows, runs everything, changes some customers in
    the ERP and shows that the next run sends only those, lets one row fail and fixes it, and lists the run history.

    The demo uses a store of its own and never touches your default OfiSync store. It takes 10 to 20 seconds.
.PARAMETER ModulePath
    The OfiSync.psd1 to import; by default the one the build leaves in out/OfiSync.
.PARAMETER Customers
    How many ERP customers to create. Default 3000.
.PARAMETER WorkFolder
    Where the demo's erp.db and crm.db are created (replacing files of those names). By default a new temporary
    folder, removed at the end unless -Keep is given.
.PARAMETER StorePath
    The SQLite store of the demo: lines, connections, sync state and run history. By default store.db in the work
    folder. It must not hold sync lines already, so the demo cannot change a store of yours.
.PARAMETER Keep
    Keeps the temporary work folder, to look at the databases afterwards.
.PARAMETER Language
    The language the demo speaks: en or es. By default es when the session's UI culture is Spanish ($PSUICulture
    es-ES, es-MX...), en otherwise. The narration comes from examples/DemoText.psd1; the commands shown, the data
    and the status values are the same in both languages.
.EXAMPLE
    ./build.sh demo
.EXAMPLE
    pwsh examples/demo.ps1 -Customers 500 -WorkFolder ./demo -Keep
.EXAMPLE
    ./build.sh demo -Language es
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1'),
    [ValidateRange(50, 200000)] [int] $Customers = 3000,
    [string] $WorkFolder,
    [string] $StorePath,
    [switch] $Keep,
    [ValidateSet('en', 'es')] [string] $Language = $(if ($PSUICulture -like 'es*') { 'es' } else { 'en' })
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if ($env:NO_COLOR) { $PSStyle.OutputRendering = 'PlainText' }
$clock = [Diagnostics.Stopwatch]::StartNew()
$T = (Import-PowerShellDataFile (Join-Path $PSScriptRoot 'DemoText.psd1'))[$Language]

# --- Presentation helpers -----------------------------------------------------------------------------------------
$plain = $PSStyle.OutputRendering -eq 'PlainText' -or [Console]::IsOutputRedirected
function Write-Step([string] $Title) {
    $elapsed = '{0,5:N1} s' -f $clock.Elapsed.TotalSeconds
    $text = "== $Title "
    $line = $text + ('=' * [math]::Max(3, 100 - $text.Length)) + " $elapsed"
    if ($plain) { Write-Host "`n$line" } else { Write-Host "`n$($PSStyle.Bold)$($PSStyle.Foreground.Cyan)$line$($PSStyle.Reset)" }
}
function Write-Note([string] $Text) { Write-Host $Text }
# Long text, wrapped at word boundaries to fit 110 columns.
function Write-Wrapped([string] $Text) {
    $line = ''
    foreach ($word in $Text -split ' ') {
        if ($line -and ($line.Length + $word.Length) -ge 110) { Write-Host $line; $line = '  ' }
        $line = if ($line.Trim()) { "$line $word" } else { "$line$word" }
    }
    if ($line.Trim()) { Write-Host $line }
}
# The PowerShell a user would type, shown before its output.
function Write-Command([string] $Text) {
    Write-Host ''
    $lines = $Text -split "`n" | ForEach-Object { "PS> $_" }
    if ($plain) { $lines | Write-Host } else { $lines | ForEach-Object { Write-Host "$($PSStyle.Foreground.Yellow)$_$($PSStyle.Reset)" } }
}
function Show-Table { param([Parameter(ValueFromPipeline)] $InputObject, [object[]] $Property)
    begin { $rows = [Collections.Generic.List[object]]::new() }
    process { $rows.Add($InputObject) }
    end {
        $format = if ($Property) { @{ Property = $Property } } else { @{} }
        $rows | Format-Table @format -AutoSize | Out-String -Width 160 -Stream | Where-Object { $_.Trim() } | Write-Host
    }
}

# --- Setup: module, work folder, a store of the demo's own ---------------------------------------------------------
$temporary = -not $WorkFolder
if ($temporary) { $WorkFolder = Join-Path ([IO.Path]::GetTempPath()) ("ofisync-demo-" + [guid]::NewGuid().ToString('N').Substring(0, 8)) }
$WorkFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($WorkFolder)
if (-not $StorePath) { $StorePath = Join-Path $WorkFolder 'store.db' }
$StorePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($StorePath)
$savedStore = $env:OFISYNC_STORE
$exitCode = 0

try {
    Import-Module $ModulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'DemoData.psm1') -Force
    New-Item -ItemType Directory $WorkFolder -Force | Out-Null
    $erpPath = Join-Path $WorkFolder 'erp.db'
    $crmPath = Join-Path $WorkFolder 'crm.db'

    # Every OfiSync command below uses this store: the demo's own, never your default one.
    $env:OFISYNC_STORE = $StorePath
    if ((Test-Path $StorePath) -and (Get-SyncLine)) {
        throw ($T.StoreNotEmpty -f $StorePath)
    }

    Write-Host ($T.Banner -f (Get-Module OfiSync).Version)
    Write-Host ($T.WorkFolder -f $WorkFolder)
    Write-Host ($T.Store -f $StorePath)

    # --- 1. The databases ------------------------------------------------------------------------------------------
    Write-Step ($T.Step1 -f $Customers)
    $erp = New-DemoErp -Path $erpPath -Customers $Customers
    New-DemoCrm -Path $crmPath | Out-Null
    function Invoke-Erp([string] $Sql) { Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erpPath" -Query $Sql -Confirm:$false }
    function Invoke-Crm([string] $Sql) { Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crmPath" -Query $Sql -Confirm:$false }
    $active = (Invoke-Erp 'SELECT COUNT(*) AS n FROM cliente WHERE activo = 1').n
    Write-Note ($T.ErpSummary -f
        $erp.Customers, $active, $erp.Invoices, $erp.From, $erp.To)
    Write-Note $T.CrmEmpty
    Write-Command "Invoke-SyncQuery -Provider Sqlite -ConnectionString 'Data Source=erp.db' -Query 'SELECT codigo, razon_social, nif, poblacion, provincia, sector_codigo, activo FROM cliente LIMIT 5'"
    Invoke-Erp 'SELECT codigo, razon_social, nif, poblacion, provincia, sector_codigo, activo FROM cliente LIMIT 5' | Show-Table

    # --- 2. Connections and lines ----------------------------------------------------------------------------------
    Write-Step $T.Step2
    Write-Command @"
New-SyncConnection -Name ERP -Provider Sqlite -ConnectionString 'Data Source=$erpPath'
New-SyncConnection -Name CRM -Provider Sqlite -ConnectionString 'Data Source=$crmPath'
Get-SyncConnection | Test-SyncConnection
"@
    New-SyncConnection -Name ERP -Provider Sqlite -ConnectionString "Data Source=$erpPath" | Out-Null
    New-SyncConnection -Name CRM -Provider Sqlite -ConnectionString "Data Source=$crmPath" | Out-Null
    Get-SyncConnection | Test-SyncConnection | Show-Table

    Write-Command (@'
New-SyncLine -Name Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetId id -Map @{
    codigo_origen = 'codigo'; descripcion = 'descripcion' }
New-SyncLine -Name Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -Map @{
    codigo = 'codigo'; razon_social = 'razon_social'; nif = 'nif'; ...  <map-comment>
    estado    = @{ Constant = 'Cliente' }
    sector_id = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
} -Filter { activo -eq 1 } -DeletePolicy Flag -FlagColumn estado -FlagValue Inactivo -DependsOn Sectores
Get-SyncLine
'@).Replace('<map-comment>', $T.MapComment)
    New-SyncLine -Name Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetId id -Map @{
        codigo_origen = 'codigo'
        descripcion   = 'descripcion'
    } | Out-Null
    New-SyncLine -Name Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id `
        -Map (Get-DemoClientesMap) -Filter { activo -eq 1 } -DeletePolicy Flag -FlagColumn estado -FlagValue Inactivo `
        -DependsOn Sectores | Out-Null
    Get-SyncLine | Show-Table
    Write-Command "(Get-SyncLine Clientes).Columns | ForEach-Object ToString     $($T.ColumnsComment)"
    Write-Wrapped (((Get-SyncLine Clientes).Columns | ForEach-Object ToString) -join '; ')

    # --- 3. Preview --------------------------------------------------------------------------------------------------
    Write-Step $T.Step3
    Write-Note $T.SectorsFirst
    Write-Command 'Invoke-OfiSync -Line Sectores -Force -Summary'
    Invoke-OfiSync -Line Sectores -Force -Summary | Show-Table
    Write-Command @'
$preview = Get-SyncPreview -Line Clientes
$preview | Group-Object Action -NoElement
$preview | Select-Object -First 5 Action, Key, razon_social, nif, poblacion, sector_id, estado
'@
    $preview = @(Get-SyncPreview -Line Clientes)
    $preview | Group-Object Action -NoElement | Show-Table
    $preview | Select-Object -First 5 | Show-Table -Property Action, Key, razon_social, nif, poblacion, sector_id, estado
    Write-Note ($T.OnlyActive -f $preview.Count)

    # --- 4. Pick a few rows and apply them ---------------------------------------------------------------------------
    Write-Step $T.Step4
    Write-Command "Get-SyncColumn Clientes provincia, sector_codigo -Profile -Top 4   $($T.ProfileComment)"
    Get-SyncColumn Clientes provincia, sector_codigo -Profile -Top 4 | Show-Table -Property Name, Rows, Nulls, Summary
    Write-Note $T.ProfileNote
    Write-Command @'
$riojanos = $preview | Where-Object provincia -eq 'La Rioja' | Select-Object * -ExcludeProperty telefono
$riojanos | Invoke-OfiSync -Confirm:$false
'@
    $riojanos = @($preview | Where-Object provincia -EQ 'La Rioja' | Select-Object * -ExcludeProperty telefono)
    # An empty pipeline (no customer of La Rioja) runs nothing: Invoke-OfiSync never falls back to every line then.
    $picked = @($riojanos | Invoke-OfiSync -Confirm:$false)
    $picked | Select-Object -First 5 | Show-Table
    if ($picked.Count -gt 5) { Write-Note ($T.More -f ($picked.Count - 5)) }
    Write-Note ($T.PickedSent -f
        $picked.Count, (Invoke-Crm 'SELECT COUNT(*) AS n FROM cuenta').n)
    Write-Note $T.NoHash

    # --- 5. Run everything -------------------------------------------------------------------------------------------
    Write-Step $T.Step5
    Write-Command @'
$results = Invoke-OfiSync -Force
$results | Select-Object -First 5
$results | Group-Object Line, Action, Status -NoElement
'@
    $results = @(Invoke-OfiSync -Force)
    Write-Note $T.Legend
    $results | Select-Object -First 5 | Show-Table
    $results | Group-Object Line, Action, Status -NoElement | Show-Table
    Write-Note ($T.FirstRun -f $results.Count)
    if ($picked) { Write-Note ($T.RiojaAgain -f $picked.Count) }
    Write-Command "Invoke-OfiSync -Force -Summary     $($T.AgainComment)"
    Invoke-OfiSync -Force -Summary | Show-Table
    Write-Note $T.NothingChanged

    # --- 6. Changes in the ERP -----------------------------------------------------------------------------------------
    Write-Step $T.Step6
    $cl = Invoke-Erp "SELECT codigo, razon_social FROM cliente WHERE activo = 1 AND pais = 'ES' AND provincia <> 'La Rioja' ORDER BY codigo LIMIT 4"
    $changeSql = @"
UPDATE cliente SET telefono = '915550123', fecha_modif = date('now') WHERE codigo = '$($cl[0].codigo)';
UPDATE cliente SET direccion = 'Calle Mayor 12, 2º A', cp = '28801', poblacion = 'Alcalá de Henares', provincia = 'Madrid', fecha_modif = date('now') WHERE codigo = '$($cl[1].codigo)';
UPDATE cliente SET razon_social = 'Peñalver e Hijos, S.L.', nombre_comercial = 'Peñalver e Hijos', fecha_modif = date('now') WHERE codigo = '$($cl[2].codigo)';
UPDATE cliente SET activo = 0, fecha_modif = date('now') WHERE codigo = '$($cl[3].codigo)';
INSERT INTO cliente (codigo, razon_social, nombre_comercial, nif, direccion, cp, poblacion, provincia, pais, telefono, email,
                     sector_codigo, forma_pago, vendedor_codigo, fecha_alta, fecha_modif, activo)
VALUES ('439999001', 'Cafetería La Ñora, S.L.', 'Cafetería La Ñora', 'B30999999', 'Plaza de la Iglesia 3', '30830', 'La Ñora',
        'Murcia', 'ES', '968123456', 'hola@cafeterialanora.es', 'HOS', 'Contado', 'V02', date('now'), date('now'), 1);
"@
    Write-Command "Invoke-SyncQuery -Connection ERP -Query `$changeSql   $($T.InErpComment)"
    Write-Note ($T.Changes1 -f $cl[0].codigo, $cl[1].codigo, $cl[2].codigo)
    Write-Note ($T.Changes2 -f $cl[3].codigo)
    Invoke-SyncQuery -Connection ERP -Query $changeSql -Confirm:$false
    $expected = @($cl.codigo) + '439999001' | Sort-Object

    Write-Command "Get-SyncPreview -Line Clientes        $($T.ChangesComment)"
    Get-SyncPreview -Line Clientes | Show-Table
    Write-Command 'Invoke-OfiSync -Force'
    $incremental = @(Invoke-OfiSync -Force)
    $incremental | Show-Table
    $sent = @($incremental.Key | Sort-Object)
    Write-Note ($T.IncrementalRun -f $sent.Count, ($active + 1), ($sent -join ', '))
    Write-Note ($T.FlaggedKept -f
        (Invoke-Crm "SELECT estado FROM cuenta WHERE codigo = '$($cl[3].codigo)'").estado)
    if (Compare-Object $expected $sent) { throw ($T.IncrementalWrong -f ($sent -join ', '), ($expected -join ', ')) }

    # --- 7. A row that fails -------------------------------------------------------------------------------------------
    Write-Step $T.Step7
    $pair = Invoke-Erp "SELECT codigo, nif FROM cliente WHERE activo = 1 AND pais = 'ES' AND provincia <> 'La Rioja' ORDER BY codigo LIMIT 2 OFFSET 10"
    $bad = $pair[1].codigo; $goodNif = $pair[1].nif
    Write-Note ($T.TypingError -f $bad, $pair[0].codigo, $pair[0].nif)
    Invoke-Erp "UPDATE cliente SET nif = '$($pair[0].nif)', fecha_modif = date('now') WHERE codigo = '$bad'" | Out-Null
    Write-Command @'
$results = Invoke-OfiSync -Force -ErrorVariable rowErrors -ErrorAction SilentlyContinue
$results | Where-Object Status -eq Failed | Format-List Key, Action, Status, Column, Error
'@
    $failedRun = @(Invoke-OfiSync -Force -ErrorVariable rowErrors -ErrorAction SilentlyContinue)
    $failedRun | Where-Object Status -EQ Failed | Format-List Key, Action, Status, Column, Error | Out-String -Stream | Where-Object { $_.Trim() } | Write-Host
    Write-Note ($T.FailedRows -f
        @($failedRun | Where-Object Status -EQ Failed).Count, $rowErrors.Count, ($rowErrors | Select-Object -First 1).FullyQualifiedErrorId.Split(',')[0])
    Write-Note $T.Retry

    Write-Command "Invoke-SyncQuery -Connection ERP -Query `"UPDATE cliente SET nif = '$goodNif' WHERE codigo = '$bad'`"   $($T.FixedComment)"
    Invoke-SyncQuery -Connection ERP -Query "UPDATE cliente SET nif = @nif, fecha_modif = date('now') WHERE codigo = @codigo" -Parameters @{ nif = $goodNif; codigo = $bad } -Confirm:$false
    Write-Command 'Invoke-OfiSync -Force'
    $fixed = @(Invoke-OfiSync -Force)
    $fixed | Show-Table
    Write-Note ($T.AfterFix -f $fixed.Count, ($fixed.Key -join ', '), ($fixed.Status -join ', '))

    # --- 8. Run history --------------------------------------------------------------------------------------------------
    Write-Step $T.Step8
    Write-Command 'Get-SyncRun -Line Clientes'
    Get-SyncRun -Line Clientes | Show-Table
    Write-Command 'Get-SyncRun -Filter { Failed -gt 0 } | Get-SyncRunResult -Status Failed'
    Get-SyncRun -Filter { Failed -gt 0 } | Get-SyncRunResult -Status Failed | Show-Table

    # --- 9. Sales statistics and the pyramid -------------------------------------------------------------------------
    Write-Step $T.Step9
    Write-Note $T.SalesNote
    Write-Command (@(
        "New-SyncLine -Name Ventas -Source ERP -Target CRM -TargetTable cuenta_ventas -DependsOn Clientes -Key customer_key, fiscal_year -SalesStatistics @{"
        "    From = 'Invoices'; Table = 'factura'; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes' } -Map @{"
        "    cuenta_id = @{ FromLine = 'Clientes' }; ejercicio = 'fiscal_year'; ventas_actual = 'sales_current'; ventas_anterior = 'sales_previous'"
        "    num_facturas = 'invoices'; fecha_ult_venta = 'last_sale'; piramide_actual = 'tier_current'; piramide_anterior = 'tier_previous' }") -join "`n")
    # Keyed by customer and fiscal year (target key cuenta_id, ejercicio, the table's primary key): each fiscal year's
    # figures get a row of their own, and last year's row stays when a new year starts. Clientes has -TargetId id: its
    # recorded CRM ids are how each customer's figures find their cuenta.
    New-SyncLine -Name Ventas -Source ERP -Target CRM -TargetTable cuenta_ventas -DependsOn Clientes -Key customer_key, fiscal_year -SalesStatistics @{
        From = 'Invoices'; Table = 'factura'; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes'
    } -Map @{
        cuenta_id = @{ FromLine = 'Clientes' }; ejercicio = 'fiscal_year'; ventas_actual = 'sales_current'; ventas_anterior = 'sales_previous'
        num_facturas = 'invoices'; fecha_ult_venta = 'last_sale'; piramide_actual = 'tier_current'; piramide_anterior = 'tier_previous'
    } | Out-Null
    $asOf = $erp.To
    Write-Command ("Invoke-OfiSync -Line Ventas -Force -AsOf '{0}' -Summary" -f $asOf.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture))
    $ventas = Invoke-OfiSync -Line Ventas -Force -AsOf $asOf -Summary
    $ventas | Show-Table
    Write-Note ($T.SalesWritten -f
        $ventas.Inserted, $ventas.Skipped)
    Write-Command 'Invoke-SyncQuery CRM "SELECT piramide_actual, COUNT(*) AS clientes, SUM(ventas_actual) AS ventas ... GROUP BY piramide_actual"'
    Invoke-Crm @"
SELECT COALESCE(piramide_actual, '$($T.NeverBought)') AS piramide_actual, COUNT(*) AS clientes, printf('%,.2f', SUM(ventas_actual)) AS ventas_actual
FROM cuenta_ventas GROUP BY piramide_actual
ORDER BY CASE piramide_actual WHEN 'Top' THEN 1 WHEN 'Large' THEN 2 WHEN 'Medium' THEN 3 WHEN 'Small' THEN 4 WHEN 'Inactive' THEN 5 ELSE 6 END
"@ | Show-Table
    Write-Note $T.Tiers
    Write-Command "# $($T.Biggest)"
    Invoke-Crm @"
SELECT c.codigo, c.razon_social, printf('%,.2f', v.ventas_actual) AS ventas_actual, printf('%,.2f', v.ventas_anterior) AS ventas_anterior,
       v.num_facturas, v.fecha_ult_venta, v.piramide_actual, v.piramide_anterior
FROM cuenta_ventas v JOIN cuenta c ON c.id = v.cuenta_id ORDER BY v.ventas_actual DESC LIMIT 5
"@ | Show-Table
    Write-Command ("Invoke-OfiSync -Line Ventas -Force -AsOf '{0}' -Summary     {1}" -f $asOf.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture), $T.SameDayComment)
    $again = Invoke-OfiSync -Line Ventas -Force -AsOf $asOf -Summary
    Write-Note ($T.SameDay -f ($again.Inserted + $again.Updated), $again.Unchanged)

    $counts = Invoke-Crm "SELECT COUNT(*) AS cuentas, SUM(estado = 'Cliente') AS clientes, SUM(estado = 'Inactivo') AS inactivos FROM cuenta"
    Write-Step $T.Done
    Write-Note ($T.CrmHolds -f
        $counts.cuentas, $counts.clientes, $counts.inactivos, @(Get-SyncRun).Count)
    Write-Note ($T.Finished -f $clock.Elapsed.TotalSeconds)
}
catch {
    $exitCode = 1
    $where = if ($_.InvocationInfo -and $_.InvocationInfo.ScriptLineNumber) { $T.StoppedAt -f $_.InvocationInfo.ScriptLineNumber } else { '' }
    Write-Host ("`n" + ($T.Stopped -f $_.Exception.Message, $where))
}
finally {
    if ($null -eq $savedStore) { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue } else { $env:OFISYNC_STORE = $savedStore }
    if ($temporary -and -not $Keep) {
        Remove-Item -LiteralPath $WorkFolder -Recurse -Force -ErrorAction SilentlyContinue
    }
    elseif ($exitCode -eq 0) {
        Write-Host ($T.KeptIn -f $WorkFolder)
    }
}
exit $exitCode
