#Requires -Version 7.4

<#
.SYNOPSIS
    Crash consistency proof: a sync killed with SIGKILL at random moments, again and again, then run normally,
    leaves the CRM equal to the ERP's mapped projection, with no row lost or duplicated and the state consistent.
.DESCRIPTION
    Builds, in a scratch folder, an ERP (SQLite, generated set-based with Invoke-SyncQuery), a CRM (SQLite, or a
    scratch database on a PostgreSQL server), a store and two lines: Sectores, and Clientes (a constant, a lookup,
    a pre-filter activo -eq 1, DeletePolicy Delete, so rows deleted in the ERP or leaving the filter are deleted).
    The CRM's cuenta table has no unique constraint on codigo unless -UniqueTargetKey: a duplicate could not hide
    behind the database refusing it.

    Then, until -Kills kills have been made: starts Invoke-OfiSync -Force (every third time -All, so the kill falls
    in a long write) in a child pwsh process, waits for the Clientes run to reach a random point of its progress
    (0 to 105% of the rows in scope, read as the run history counts them at each committed batch; past 100% the kill
    falls in the deletes or after the end), waits a further random part of one batch's time, and kills the process
    with SIGKILL (Process.Kill). A run that ends before its kill is counted as a run, not a kill. Between two runs a
    few percent of the ERP's rows change: updates, inserts, deletes, rows leaving the filter, and edits and
    deactivations of the round before undone, so each rerun has work.

    At the end, one normal run, then the checks:
      rows lost         source rows (in the filter) whose key the CRM lacks
      rows duplicated   CRM rows beyond the first for a key
      rows different    CRM rows whose mapped columns differ from the source's projection (every mapped column)
      rows extra        CRM rows whose key the source no longer has in scope (they should have been deleted)
      state mismatches  store state rows that do not match the CRM one to one: a state without its CRM row, a CRM
                        row without a state, a status other than Succeeded, no hash, or a CRM id that differs
      rows pending      rows a further run would still send (Get-SyncPreview): state hashes out of step
      run errors        runs that ended by themselves with an error or a non-zero exit code
    It prints the counts, and exits 1 when any of them is not zero.

    Run it on a copy of the module: other builds rewrite out/OfiSync meanwhile.
.PARAMETER Rows
    Customers in the ERP. Default 100,000.
.PARAMETER Kills
    Kills to make. Default 20.
.PARAMETER Target
    The CRM: Sqlite (a file) or PostgreSql (a scratch database on -PostgresConnectionString).
.PARAMETER ChangeColumn
    Gives the Clientes line -ChangeColumn fecha_modif: runs then read only the rows changed since the line's mark (every
    change of the loop sets fecha_modif to a later time), find the rows gone by a scan of the keys, and a kill must
    still lose nothing.
.PARAMETER Quick
    For CI: 20,000 rows and 4 kills, unless -Rows or -Kills are given.
.PARAMETER ModulePath
    The OfiSync.psd1 to use. Default: $env:OFISYNC_MODULE_PATH, else out/OfiSync/OfiSync.psd1.
.PARAMETER PostgresConnectionString
    A PostgreSQL server where a scratch database may be created and dropped. Default: $env:OFISYNC_TEST_POSTGRES.
.PARAMETER Seed
    The seed of the random choices (the points of progress where kills fall, the ERP changes), printed at the start.
    A loop replayed with it makes the same choices; where exactly each kill lands still depends on the machine's speed.
.PARAMETER PassThru
    Also write the counts as an object (the tests use it).
.EXAMPLE
    dotnet pwsh -File tools/crash-loop.ps1 -Rows 100000 -Kills 20
.EXAMPLE
    dotnet pwsh -File tools/crash-loop.ps1 -Quick -Target PostgreSql
#>
[CmdletBinding()]
param(
    [ValidateRange(100, 10000000)] [int] $Rows = 100000,
    [ValidateRange(1, 10000)] [int] $Kills = 20,
    [ValidateSet('Sqlite', 'PostgreSql')] [string] $Target = 'Sqlite',
    [switch] $Quick,
    [string] $ModulePath,
    [string] $PostgresConnectionString = $env:OFISYNC_TEST_POSTGRES,
    [string] $WorkFolder,
    [int] $Seed = -1,
    [ValidateRange(1, 100000)] [int] $BatchSize = 1000,
    [switch] $UniqueTargetKey,
    [switch] $ChangeColumn,
    [switch] $KeepWorkFolder,
    [switch] $PassThru
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if ($Quick) {
    if (-not $PSBoundParameters.ContainsKey('Rows')) { $Rows = 20000 }
    if (-not $PSBoundParameters.ContainsKey('Kills')) { $Kills = 4 }
}
if ($Seed -lt 0) { $Seed = Get-Random -Maximum ([int]::MaxValue) }
$rng = [Random]::new($Seed)
if (-not $ModulePath) { $ModulePath = if ($env:OFISYNC_MODULE_PATH) { $env:OFISYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1' } }
$ModulePath = (Resolve-Path $ModulePath).Path
if ($Target -eq 'PostgreSql' -and -not $PostgresConnectionString) { throw 'The PostgreSql target needs -PostgresConnectionString or $env:OFISYNC_TEST_POSTGRES.' }
Import-Module $ModulePath

$ownFolder = -not $WorkFolder
if ($ownFolder) { $WorkFolder = Join-Path ([IO.Path]::GetTempPath()) ('ofisync-crash-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) }
New-Item -ItemType Directory $WorkFolder -Force | Out-Null
$erpFile = Join-Path $WorkFolder 'erp.db'
$crmFile = Join-Path $WorkFolder 'crm.db'
$store = Join-Path $WorkFolder 'store.db'
$childLog = Join-Path $WorkFolder 'runs.log'
$InStore = @{ Store = $store }
$pgDatabase = $null
$timing = [ordered]@{}
$clock = [Diagnostics.Stopwatch]::StartNew()

function Quote([string] $s) { "'" + $s.Replace("'", "''") + "'" }
function Erp([string] $Sql, [hashtable] $Parameters) { Invoke-SyncQuery ERP $Sql -Parameters $Parameters -CommandTimeout 0 -Confirm:$false @InStore }
function Crm([string] $Sql, [hashtable] $Parameters) { Invoke-SyncQuery CRM $Sql -Parameters $Parameters -CommandTimeout 0 -Confirm:$false @InStore }
function StoreQuery([string] $Sql, [hashtable] $Parameters) {
    Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$store;Mode=ReadOnly" -Query $Sql -Parameters $Parameters -Confirm:$false
}

Write-Host ("Crash loop: {0} rows, {1} kills, {2} target, batch {3}, seed {4}, folder {5}{6}" -f $Rows, $Kills, $Target, $BatchSize, $Seed, $WorkFolder, $(if ($ChangeColumn) { ', reading by the change column fecha_modif' } else { '' }))

# ---------------------------------------------------------------- the ERP, the CRM, the store, the lines
$erpConnection = "Data Source=$erpFile"
# Mode=ReadWriteCreate: the scratch databases are created on purpose (OfiSync never creates one by opening it).
Invoke-SyncQuery -Provider Sqlite -ConnectionString "$erpConnection;Mode=ReadWriteCreate" -Confirm:$false -CommandTimeout 0 -Parameters @{ rows = $Rows } -Query @'
CREATE TABLE sector (codigo TEXT PRIMARY KEY, descripcion TEXT NOT NULL);
INSERT INTO sector VALUES ('AGE', 'Agencias de viaje'), ('COM', 'Comercio'), ('CON', 'Construcción'), ('HOT', 'Hostelería'), ('IND', 'Industria');
CREATE TABLE cliente (codigo TEXT PRIMARY KEY, razon_social TEXT NOT NULL, nif TEXT, poblacion TEXT, sector_codigo TEXT,
  fecha_alta TEXT, saldo NUMERIC, activo INTEGER NOT NULL DEFAULT 1, fecha_modif DATETIME);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @rows)
INSERT INTO cliente
SELECT printf('43%08d', i), 'Cliente Ñandú ' || i || ', S.L.', CASE WHEN i % 10 = 0 THEN NULL ELSE printf('B%08d', i) END,
  CASE i % 5 WHEN 0 THEN 'Madrid' WHEN 1 THEN 'Ávila' WHEN 2 THEN 'A Coruña' WHEN 3 THEN 'Logroño' ELSE 'Cádiz' END,
  CASE i % 6 WHEN 0 THEN 'AGE' WHEN 1 THEN 'COM' WHEN 2 THEN 'CON' WHEN 3 THEN 'HOT' WHEN 4 THEN 'IND' ELSE NULL END,
  date('2015-01-01', '+' || (i % 3650) || ' days'), round((i * 37 % 1000000) / 100.0, 2), CASE WHEN i % 50 = 0 THEN 0 ELSE 1 END,
  datetime('2024-01-01', '+' || (i % 8760) || ' hours')
FROM n;
'@ | Out-Null

$keyIndex = if ($UniqueTargetKey) { 'CREATE UNIQUE INDEX ix_cuenta_codigo ON cuenta (codigo)' } else { 'CREATE INDEX ix_cuenta_codigo ON cuenta (codigo)' }
if ($Target -eq 'Sqlite') {
    $crmConnection = "Data Source=$crmFile;Foreign Keys=True"
    Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crmFile;Mode=ReadWriteCreate" -Query 'PRAGMA user_version' -Confirm:$false | Out-Null
    $crmDdl = @"
CREATE TABLE sector (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo_origen TEXT UNIQUE NOT NULL, descripcion TEXT);
CREATE TABLE cuenta (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT NOT NULL, estado TEXT NOT NULL DEFAULT 'Potencial',
  razon_social TEXT NOT NULL, nif TEXT, poblacion TEXT, sector_id INTEGER REFERENCES sector(id), fecha_alta DATE, saldo NUMERIC);
$keyIndex;
"@
    # What the CRM holds, one text per row: the mapped columns joined by U+001F, NULL as U+0001.
    $crmSignature = "SELECT CAST(id AS TEXT) AS id, codigo, coalesce(estado, char(1)) || char(31) || coalesce(razon_social, char(1)) || char(31) || coalesce(nif, char(1)) || char(31) || coalesce(poblacion, char(1)) || char(31) || coalesce(CAST(sector_id AS TEXT), char(1)) || char(31) || coalesce(fecha_alta, char(1)) || char(31) || coalesce(printf('%.2f', saldo), char(1)) AS sig FROM cuenta"
}
else {
    $pgDatabase = 'ofisync_crash_' + [guid]::NewGuid().ToString('N').Substring(0, 10)
    Invoke-SyncQuery -Provider PostgreSql -ConnectionString $PostgresConnectionString -Query "CREATE DATABASE $pgDatabase" -Confirm:$false | Out-Null
    Write-Host "  CRM database $pgDatabase created on the PostgreSQL server"
    # A connection string builder is a dictionary to PowerShell: .ConnectionString would read and write a key of
    # that name, hence set_ConnectionString and get_ConnectionString.
    $builder = [Data.Common.DbConnectionStringBuilder]::new()
    $builder.set_ConnectionString($PostgresConnectionString)
    $builder['Database'] = $pgDatabase
    # A stored connection holds no password: one given in the server's connection string travels in an environment variable.
    $crmCredential = @{}
    foreach ($key in @($builder.get_Keys())) {
        if ($key -in 'Password', 'PWD') {
            $env:OFISYNC_CRASH_CRM_PASSWORD = $builder[$key]
            $builder.Remove($key) | Out-Null
            $crmCredential = @{ PasswordVariable = 'OFISYNC_CRASH_CRM_PASSWORD' }
        }
    }
    $crmConnection = $builder.get_ConnectionString()
    if ($crmConnection -notmatch [regex]::Escape($pgDatabase)) { throw "The scratch database is not in the CRM's connection string: $crmConnection" }
    $crmDdl = @"
CREATE TABLE sector (id SERIAL PRIMARY KEY, codigo_origen VARCHAR(10) UNIQUE NOT NULL, descripcion VARCHAR(100));
CREATE TABLE cuenta (id SERIAL PRIMARY KEY, codigo VARCHAR(20) NOT NULL, estado VARCHAR(20) NOT NULL DEFAULT 'Potencial',
  razon_social VARCHAR(100) NOT NULL, nif VARCHAR(12), poblacion VARCHAR(40), sector_id INTEGER REFERENCES sector(id), fecha_alta DATE, saldo NUMERIC(12,2));
$keyIndex;
"@
    $crmSignature = "SELECT id::text AS id, codigo, concat_ws(chr(31), coalesce(estado, chr(1)), coalesce(razon_social, chr(1)), coalesce(nif, chr(1)), coalesce(poblacion, chr(1)), coalesce(sector_id::text, chr(1)), coalesce(to_char(fecha_alta, 'YYYY-MM-DD'), chr(1)), coalesce(to_char(saldo, 'FM9999999990.00'), chr(1))) AS sig FROM cuenta"
}

New-SyncConnection ERP Sqlite $erpConnection @InStore | Out-Null
$crmCredential = if ($Target -eq 'PostgreSql') { $crmCredential } else { @{} }
New-SyncConnection CRM $Target $crmConnection @crmCredential @InStore | Out-Null
Crm $crmDdl | Out-Null
New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id `
    -Map ([ordered]@{ codigo_origen = 'codigo'; descripcion = 'descripcion' }) @InStore | Out-Null
$changeColumnArgs = if ($ChangeColumn) { @{ ChangeColumn = 'fecha_modif' } } else { @{} }
New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -DependsOn Sectores `
    -BatchSize $BatchSize -Filter 'activo -eq 1' -DeletePolicy Delete @changeColumnArgs -Map ([ordered]@{
        codigo       = 'codigo'
        estado       = @{ Constant = 'Cliente' }
        razon_social = 'razon_social'
        nif          = 'nif'
        poblacion    = 'poblacion'
        sector_id    = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
        fecha_alta   = 'fecha_alta'
        saldo        = 'saldo'
    }) @InStore | Out-Null
$timing['setup'] = $clock.Elapsed.TotalSeconds

# ---------------------------------------------------------------- child runs and kills
$pwshExe = [Environment]::ProcessPath
$pwshPrefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($pwshExe) -eq 'dotnet') { $pwshPrefix = @([Reflection.Assembly]::GetEntryAssembly().Location) }

function Start-SyncChild([switch] $All) {
    $allSwitch = if ($All) { ' -All' } else { '' }
    $script = @"
`$ErrorActionPreference = 'Continue'
`$PSStyle.OutputRendering = 'PlainText'
Import-Module $(Quote $ModulePath)
"--- run `$PID at `$([DateTime]::UtcNow.ToString('HH:mm:ss.fff'))$allSwitch" | Out-File -Append $(Quote $childLog)
Invoke-OfiSync -Force -Summary$allSwitch -Store $(Quote $store) -ErrorVariable failed *>&1 | Out-String -Width 250 | Out-File -Append $(Quote $childLog)
if (`$failed) { exit 3 }
"@
    $info = [Diagnostics.ProcessStartInfo]::new($pwshExe)
    foreach ($a in $pwshPrefix + @('-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script)))) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    [Diagnostics.Process]::Start($info)
}

function Get-LastClientesRun {
    StoreQuery "SELECT run_id, status, mode, rows_read, (julianday(coalesce(ended, strftime('%Y-%m-%d %H:%M:%f', 'now'))) - julianday(started)) * 86400.0 AS seconds,
                (SELECT COUNT(*) FROM ofisync_run_row r WHERE r.run_id = ofisync_run.run_id)
                + (SELECT COALESCE(SUM(b.row_count), 0) FROM ofisync_run_batch b WHERE b.run_id = ofisync_run.run_id) AS committed
                FROM ofisync_run WHERE line_name = 'Clientes' ORDER BY run_id DESC LIMIT 1"
}

# Changes between runs: a residue class of the customer number, moved by a salt, picks a few percent of the rows.
# Besides updates, inserts and deletes, each round toggles the NIF of some rows and the activo flag (the filter) of
# others, and toggles back those of the round before: an edit undone, a customer deactivated and reactivated in
# the ERP before a run completed.
$nextCode = $Rows + 1
$previousToggle = -1
$previousScope = -1
function Update-Source([int] $Iteration) {
    $p = @{ it = $Iteration; s1 = $rng.Next(1000); s2 = $rng.Next(1000); s3 = $rng.Next(1000); s4 = $rng.Next(1000); undo = $script:previousToggle; back = $script:previousScope
        first = $script:nextCode; last = $script:nextCode + [Math]::Max(1, [int]($Rows / 100)) - 1
        # Every change of this round is stamped later than every change before it, as an ERP's fecha_modif would be.
        stamp = ([datetime]'2025-01-01').AddHours($Iteration).ToString('yyyy-MM-dd HH:mm:ss', [Globalization.CultureInfo]::InvariantCulture) }
    $script:nextCode = $p.last + 1
    $script:previousToggle = $p.s2
    $script:previousScope = $p.s3
    Erp -Parameters $p @'
UPDATE cliente SET razon_social = 'Cliente ' || codigo || ' rev ' || @it, saldo = round(saldo + 1.25, 2),
  poblacion = CASE WHEN poblacion = 'Madrid' THEN 'Toledo' ELSE 'Madrid' END, fecha_alta = date(fecha_alta, '+1 day'),
  fecha_modif = @stamp WHERE (CAST(substr(codigo, 3) AS INTEGER) * 7919 + @s1) % 20 = 0;
UPDATE cliente SET nif = CASE WHEN nif LIKE 'T%' THEN nullif(substr(nif, 2), '') ELSE 'T' || coalesce(nif, '') END, fecha_modif = @stamp
  WHERE (CAST(substr(codigo, 3) AS INTEGER) * 7919 + @undo) % 97 = 0 AND @undo >= 0;
UPDATE cliente SET nif = CASE WHEN nif LIKE 'T%' THEN nullif(substr(nif, 2), '') ELSE 'T' || coalesce(nif, '') END, fecha_modif = @stamp
  WHERE (CAST(substr(codigo, 3) AS INTEGER) * 7919 + @s2) % 97 = 0;
UPDATE cliente SET activo = 1 - activo, fecha_modif = @stamp WHERE (CAST(substr(codigo, 3) AS INTEGER) * 7919 + @back) % 499 = 0 AND @back >= 0;
UPDATE cliente SET activo = 1 - activo, fecha_modif = @stamp WHERE (CAST(substr(codigo, 3) AS INTEGER) * 7919 + @s3) % 499 = 0;
DELETE FROM cliente WHERE (CAST(substr(codigo, 3) AS INTEGER) * 7919 + @s4) % 211 = 0;
WITH RECURSIVE n(i) AS (SELECT @first UNION ALL SELECT i + 1 FROM n WHERE i < @last)
INSERT INTO cliente SELECT printf('43%08d', i), 'Alta nueva ' || i || ' (' || @it || ')', printf('X%08d', i), 'Segovia',
  CASE i % 3 WHEN 0 THEN 'COM' WHEN 1 THEN 'CON' ELSE NULL END, date('2024-01-01', '+' || (i % 365) || ' days'), round(i / 7.0, 2), 1, @stamp FROM n;
'@ | Out-Null
}

$runs = 0; $killed = 0; $killedMidRun = 0; $runErrors = 0; $iteration = 0
$lastRunId = 0
if ($ChangeColumn) {
    # A first complete run takes the line's mark, so the kills fall in runs that read only the change window.
    $child = Start-SyncChild
    $child.WaitForExit()
    $runs++
    $lastRunId = (Get-LastClientesRun).run_id
    Update-Source 0
}

# The rows a run will read: the line's scope, or with a mark, the rows changed since it (less the 5 minutes' overlap).
function Get-RowsToRead([string] $Mode) {
    $mark = if ($ChangeColumn -and $Mode -ne 'All') { (StoreQuery "SELECT change_mark FROM ofisync_line WHERE name = 'Clientes'").change_mark } else { $null }
    if ($mark -is [DBNull] -or -not $mark) { return (Erp 'SELECT COUNT(*) AS n FROM cliente WHERE activo = 1').n }
    $since = ([datetime]::Parse(($mark | ConvertFrom-Json).Value, [Globalization.CultureInfo]::InvariantCulture)).AddMinutes(-5)
    (Erp 'SELECT COUNT(*) AS n FROM cliente WHERE activo = 1 AND fecha_modif >= @s' @{ s = $since.ToString('yyyy-MM-dd HH:mm:ss', [Globalization.CultureInfo]::InvariantCulture) }).n
}
$maxIterations = $Kills * 5 + 10
while ($killed -lt $Kills) {
    $iteration++
    if ($iteration -gt $maxIterations) { Write-Warning "Stopped after $maxIterations runs with only $killed kills: the runs end too fast to be killed."; break }
    $mode = if ($iteration % 3 -eq 0) { 'All' } else { 'Incremental' }
    $inScope = Get-RowsToRead $mode
    # The random moment: a random point of the run's progress (the rows it has read, counted at each committed
    # batch; past 1 the kill falls in the deletes or after the end), then a random part of a batch's time, so that
    # kills land inside a target transaction, between a target commit and its store commit, or in a store commit.
    $fraction = $rng.NextDouble() * 1.05
    $threshold = [long]($fraction * $inScope)
    $jitter = $rng.NextDouble()
    $child = Start-SyncChild -All:($mode -eq 'All')
    $runs++
    $deadline = [DateTime]::UtcNow.AddSeconds(300)
    $started = $false; $runStart = $null; $run = $null
    while (-not $child.HasExited -and [DateTime]::UtcNow -lt $deadline) {
        $run = Get-LastClientesRun
        if ($run -and $run.run_id -gt $lastRunId) {
            if (-not $started) { $started = $true; $runStart = [DateTime]::UtcNow }
            if ($run.rows_read -ge $threshold -or $run.status -ne 'Running') { break }
        }
        Start-Sleep -Milliseconds 10
    }
    if ($started) {
        $elapsed = ([DateTime]::UtcNow - $runStart).TotalSeconds
        $batchSeconds = $elapsed * $BatchSize / [Math]::Max([double]$run.rows_read, $BatchSize)
        $killAt = [DateTime]::UtcNow.AddSeconds($jitter * $batchSeconds)
        while (-not $child.HasExited -and [DateTime]::UtcNow -lt $killAt) { Start-Sleep -Milliseconds 2 }
    }
    if (-not $child.HasExited) {
        $child.Kill()   # SIGKILL on Unix, TerminateProcess on Windows: no finally block, no flush, no cleanup
        $child.WaitForExit()
        $killed++
        $run = Get-LastClientesRun
        $mid = $run -and $run.run_id -gt $lastRunId -and $run.status -eq 'Running'
        if ($mid) { $killedMidRun++ }
        $where = if ($mid) { 'during the Clientes run, {0:N2} s after its start, {1:N0} of {2:N0} rows read and committed' -f $run.seconds, $run.rows_read, $inScope }
                 elseif ($started) { 'after the Clientes run ended' } else { 'before the Clientes run started' }
        Write-Host ("  run {0,3} ({1,-11}) killed {2}" -f $runs, $mode, $where)
    }
    else {
        $child.WaitForExit()
        $run = Get-LastClientesRun
        if ($child.ExitCode -ne 0) {
            $runErrors++
            Write-Warning ("run {0} exited with code {1}: {2} {3}" -f $runs, $child.ExitCode, $child.StandardOutput.ReadToEnd(), $child.StandardError.ReadToEnd())
        }
        Write-Host ("  run {0,3} ({1,-11}) ended by itself before its kill, exit code {2}, Clientes {3} in {4:N2} s" -f $runs, $mode, $child.ExitCode, $run.status, $run.seconds)
    }
    $child.Dispose()
    if ($run) { $lastRunId = $run.run_id }
    Update-Source $iteration
}
$timing['kill loop'] = $clock.Elapsed.TotalSeconds - $timing['setup']

# ---------------------------------------------------------------- the normal run
$finalStart = $clock.Elapsed.TotalSeconds
$child = Start-SyncChild
$child.WaitForExit()
$runs++
$final = Get-LastClientesRun
$lastRun = Get-SyncRun Clientes -Last 1 @InStore
if ($child.ExitCode -ne 0 -or $lastRun.Status -ne 'Succeeded') {
    $runErrors++
    Write-Warning ("The final run exited with code {0}, Clientes {1}: {2}" -f $child.ExitCode, $lastRun.Status, $lastRun.Message)
}
Write-Host ("  final run: Clientes {0} in {1:N2} s: read {2:N0}, inserted {3:N0}, updated {4:N0}, deleted {5:N0}, unchanged {6:N0}, failed {7:N0}" -f
    $lastRun.Status, $final.seconds, $lastRun.Read, $lastRun.Inserted, $lastRun.Updated, $lastRun.Deleted, $lastRun.Unchanged, $lastRun.Failed)
$child.Dispose()
$timing['final run'] = $clock.Elapsed.TotalSeconds - $finalStart

# ---------------------------------------------------------------- the checks
$checkStart = $clock.Elapsed.TotalSeconds
$sectorIds = @{}
foreach ($s in Crm 'SELECT codigo_origen, id FROM sector') { $sectorIds[[string]$s.codigo_origen] = [string]$s.id }
$case = 'CASE sector_codigo ' + (($sectorIds.Keys | ForEach-Object { "WHEN $(Quote $_) THEN $(Quote $sectorIds[$_])" }) -join ' ') + ' ELSE NULL END'
# The source's mapped projection, in the same text form as the CRM's: estado is the constant, sector_id the lookup.
$expected = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
foreach ($r in Erp "SELECT codigo, 'Cliente' || char(31) || coalesce(razon_social, char(1)) || char(31) || coalesce(nif, char(1)) || char(31) || coalesce(poblacion, char(1)) || char(31) || coalesce($case, char(1)) || char(31) || coalesce(fecha_alta, char(1)) || char(31) || coalesce(printf('%.2f', saldo), char(1)) AS sig FROM cliente WHERE activo = 1") {
    $expected[$r.codigo] = $r.sig
}
$actual = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
$duplicated = 0; $examples = [Collections.Generic.List[string]]::new()
foreach ($r in Crm $crmSignature) {
    if ($actual.ContainsKey($r.codigo)) { $duplicated++; if ($examples.Count -lt 10) { $examples.Add("duplicated: $($r.codigo)") }; continue }
    $actual[$r.codigo] = $r
}
$lost = 0; $different = 0; $extra = 0
$columns = 'estado', 'razon_social', 'nif', 'poblacion', 'sector_id', 'fecha_alta', 'saldo'
foreach ($key in $expected.Keys) {
    if (-not $actual.ContainsKey($key)) { $lost++; if ($examples.Count -lt 10) { $examples.Add("lost: $key") }; continue }
    if ($actual[$key].sig -cne $expected[$key]) {
        $different++
        if ($examples.Count -lt 10) {
            $want = $expected[$key].Replace([string][char]1, 'NULL') -split [char]31; $got = $actual[$key].sig.Replace([string][char]1, 'NULL') -split [char]31
            $cols = for ($i = 0; $i -lt $columns.Count; $i++) { if ($want[$i] -cne $got[$i]) { "$($columns[$i]) '$($got[$i])' instead of '$($want[$i])'" } }
            $examples.Add("different: $key $($cols -join ', ')")
        }
    }
}
foreach ($key in $actual.Keys) { if (-not $expected.ContainsKey($key)) { $extra++; if ($examples.Count -lt 10) { $examples.Add("extra: $key") } } }

# The store's state: one Succeeded row with a hash per CRM row, holding that row's CRM id.
$stateMismatch = 0; $stateRows = 0
$seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
foreach ($s in StoreQuery "SELECT s.source_key, s.target_id, s.status, s.row_hash IS NULL AS nohash FROM ofisync_state s JOIN ofisync_line l ON l.line_no = s.line_no WHERE l.name = 'Clientes'") {
    $stateRows++
    [void]$seen.Add($s.source_key)
    $problem = if (-not $actual.ContainsKey($s.source_key)) { 'state without CRM row' }
               elseif ($s.status -ne 0) { "state status $($s.status) (0 is Succeeded)" }
               elseif ($s.nohash -ne 0) { 'state without hash' }
               elseif ([string]$s.target_id -cne [string]$actual[$s.source_key].id) { "state CRM id $($s.target_id), CRM row id $($actual[$s.source_key].id)" }
    if ($problem) { $stateMismatch++; if ($examples.Count -lt 10) { $examples.Add("state: $($s.source_key) $problem") } }
}
foreach ($key in $actual.Keys) { if (-not $seen.Contains($key)) { $stateMismatch++; if ($examples.Count -lt 10) { $examples.Add("state: $key CRM row without state") } } }
$pending = @(Get-SyncPreview Clientes @InStore).Count
$stuckRuns = @(StoreQuery "SELECT run_id FROM ofisync_run WHERE status = 'Running'").Count
$timing['checks'] = $clock.Elapsed.TotalSeconds - $checkStart

$result = [pscustomobject][ordered]@{
    Target          = $Target
    Rows            = $Rows
    Seed            = $Seed
    Runs            = $runs
    Kills           = $killed
    KillsMidRun     = $killedMidRun
    RowsChecked     = $expected.Count
    RowsLost        = $lost
    RowsDuplicated  = $duplicated
    RowsDifferent   = $different
    RowsExtra       = $extra
    StateRows       = $stateRows
    StateMismatches = $stateMismatch
    RowsPending     = $pending
    RunErrors       = $runErrors
    RunsLeftRunning = $stuckRuns
    Seconds         = [Math]::Round($clock.Elapsed.TotalSeconds, 1)
    Timing          = [pscustomobject]$timing
}
$failed = $lost + $duplicated + $different + $extra + $stateMismatch + $pending + $runErrors -gt 0 -or $killed -lt $Kills
Write-Host ''
Write-Host ("runs             {0,9:N0}" -f $runs)
Write-Host ("kills            {0,9:N0}   ({1} during the Clientes run)" -f $killed, $killedMidRun)
Write-Host ("rows checked     {0,9:N0}" -f $expected.Count)
Write-Host ("rows lost        {0,9:N0}" -f $lost)
Write-Host ("rows duplicated  {0,9:N0}" -f $duplicated)
Write-Host ("rows different   {0,9:N0}" -f $different)
Write-Host ("rows extra       {0,9:N0}" -f $extra)
Write-Host ("state mismatches {0,9:N0}   ({1:N0} state rows)" -f $stateMismatch, $stateRows)
Write-Host ("rows pending     {0,9:N0}" -f $pending)
Write-Host ("run errors       {0,9:N0}" -f $runErrors)
Write-Host ("(runs killed and left 'Running' in the history: {0})" -f $stuckRuns)
Write-Host ("time: setup {0:N1} s, kill loop {1:N1} s, final run {2:N1} s, checks {3:N1} s, total {4:N1} s" -f $timing['setup'], $timing['kill loop'], $timing['final run'], $timing['checks'], $clock.Elapsed.TotalSeconds)
foreach ($e in $examples) { Write-Host "  $e" }
Write-Host $(if ($failed) { 'FAIL' } else { 'PASS' })

if ($pgDatabase -and -not $KeepWorkFolder -and -not $failed) {
    Invoke-SyncQuery -Provider PostgreSql -ConnectionString $PostgresConnectionString -Query "DROP DATABASE IF EXISTS $pgDatabase WITH (FORCE)" -Confirm:$false | Out-Null
}
if ($ownFolder -and -not $KeepWorkFolder -and -not $failed) { Remove-Item $WorkFolder -Recurse -Force -ErrorAction SilentlyContinue }
elseif ($failed) { Write-Host "Kept for inspection: $WorkFolder (child output in runs.log)$(if ($pgDatabase) { ", CRM database $pgDatabase" })" }
if ($PassThru) { $result }
exit $(if ($failed) { 1 } else { 0 })
