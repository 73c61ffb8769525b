# Shared helpers of the Pester suite. Tests import the built module from $env:OFISYNC_MODULE_PATH.

function Get-OfiSyncModulePath {
    if (-not $env:OFISYNC_MODULE_PATH) { throw 'OFISYNC_MODULE_PATH is not set: run the suite through ./build.sh test' }
    $env:OFISYNC_MODULE_PATH
}

function Get-RepositoryRoot { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }

<#
Runs a script in a new pwsh process (a fresh set of load contexts) and returns its output lines.
The same PowerShell that runs the suite is used, whether it is an installed pwsh or the local dotnet tool.
#>
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $exe = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        $prefix = @([Reflection.Assembly]::GetEntryAssembly().Location)
    }
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("`$PSStyle.OutputRendering = 'PlainText'`n" + $Script))
        $output = & $exe @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

function Get-ToolPackagesPath { Join-Path (Get-RepositoryRoot) 'out/tools-packages' }

<#
Creates a small ERP and an empty CRM as SQLite files in $Folder (the domain of ../shared/notes/domain.md),
through the module's own Invoke-SyncQuery, whose connection strings ask for the files with Mode=ReadWriteCreate.
Returns the two file paths.
#>
function New-TestDatabases {
    param([Parameter(Mandatory)] [string] $Folder, [int] $Customers = 20)
    New-Item -ItemType Directory $Folder -Force | Out-Null
    $erp = Join-Path $Folder 'erp.db'
    $crm = Join-Path $Folder 'crm.db'
    # Mode=ReadWriteCreate: the databases are created on purpose; OfiSync never creates one otherwise.
    $q = { param($file, $sql, $p) Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$file;Mode=ReadWriteCreate" -Query $sql -Parameters $p -Confirm:$false }
    & $q $erp @'
CREATE TABLE sector (codigo TEXT PRIMARY KEY, descripcion TEXT NOT NULL);
CREATE TABLE cliente (codigo TEXT PRIMARY KEY, razon_social TEXT NOT NULL, nif TEXT, poblacion TEXT, provincia TEXT,
  sector_codigo TEXT REFERENCES sector(codigo), fecha_alta TEXT, fecha_modif TEXT, activo INTEGER NOT NULL DEFAULT 1, saldo NUMERIC);
INSERT INTO sector VALUES ('HOT', 'Hostelería'), ('AGE', 'Agencias de viaje'), ('CON', 'Construcción');
'@ $null
    $towns = 'Madrid', 'Ávila', 'A Coruña', 'Logroño', 'Cádiz'
    $sectors = 'HOT', 'AGE', 'CON'
    for ($i = 1; $i -le $Customers; $i++) {
        & $q $erp 'INSERT INTO cliente VALUES (@c, @r, @n, @p, @p, @s, @a, @a, 1, @b)' @{
            c = '4300{0:D5}' -f $i; r = "Cliente Ñandú $i, S.L."; n = 'B{0:D8}' -f $i; p = $towns[$i % 5]; s = $sectors[$i % 3]
            a = '2024-01-{0:D2}' -f (($i % 28) + 1); b = [decimal]($i * 100.25)
        }
    }
    & $q $crm @'
CREATE TABLE sector (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo_origen TEXT UNIQUE NOT NULL, descripcion TEXT);
CREATE TABLE cuenta (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT UNIQUE NOT NULL, estado TEXT NOT NULL DEFAULT 'Potencial',
  razon_social TEXT NOT NULL, nif TEXT, poblacion TEXT, provincia TEXT, sector_id INTEGER REFERENCES sector(id), saldo NUMERIC);
'@ $null
    [pscustomobject]@{ Erp = $erp; Crm = $crm }
}

<#
The test bed most suites share: the databases of New-TestDatabases in a folder of their own under $TestDrive, a store
there (made the default through $env:OFISYNC_STORE), the connections ERP and CRM, and the lines Sectores and Clientes
of ../shared/notes/domain.md (Clientes depends on Sectores, looks its sector up, and flags or deletes as asked).
#>
function New-SyncTestBed {
    [CmdletBinding()]
    param(
        [int] $Customers = 20,
        [int] $BatchSize = 6,
        [ValidateSet('Ignore', 'Flag', 'Delete')] [string] $DeletePolicy = 'Ignore',
        [string] $Filter
    )
    # $TestDrive is the calling test's: read from its scope.
    $root = $PSCmdlet.SessionState.PSVariable.GetValue('TestDrive') ?? [IO.Path]::GetTempPath()
    $folder = Join-Path $root ('bed-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $db = New-TestDatabases -Folder $folder -Customers $Customers
    $env:OFISYNC_STORE = Join-Path $folder 'store.db'
    New-SyncConnection ERP Sqlite "Data Source=$($db.Erp)" | Out-Null
    New-SyncConnection CRM Sqlite "Data Source=$($db.Crm)" | Out-Null
    New-SyncLine Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetKey codigo_origen -TargetId id `
        -Map ([ordered]@{ codigo_origen = 'codigo'; descripcion = 'descripcion' }) | Out-Null
    $extra = @{}
    if ($Filter) { $extra.Filter = $Filter }
    if ($DeletePolicy -eq 'Flag') { $extra += @{ DeletePolicy = 'Flag'; FlagColumn = 'estado'; FlagValue = 'Inactivo' } }
    elseif ($DeletePolicy -eq 'Delete') { $extra.DeletePolicy = 'Delete' }
    New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -DependsOn Sectores -BatchSize $BatchSize -Map ([ordered]@{
            codigo       = 'codigo'
            razon_social = 'razon_social'
            nif          = 'nif'
            poblacion    = 'poblacion'
            estado       = @{ Constant = 'Cliente' }
            sector_id    = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
            saldo        = 'saldo'
        }) @extra | Out-Null
    [pscustomobject]@{ Folder = $folder; Erp = $db.Erp; Crm = $db.Crm; Store = $env:OFISYNC_STORE; Customers = $Customers }
}

# SQL against the test bed's ERP and CRM connections, through the module's own Invoke-SyncQuery.
function Erp([string] $Sql, [hashtable] $Parameters) { Invoke-SyncQuery ERP $Sql -Parameters $Parameters -Confirm:$false }
function Crm([string] $Sql, [hashtable] $Parameters) { Invoke-SyncQuery CRM $Sql -Parameters $Parameters -Confirm:$false }

Export-ModuleMember -Function *
