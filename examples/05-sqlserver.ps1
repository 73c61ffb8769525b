<#
.SYNOPSIS
    A CRM on SQL Server: Windows integrated authentication or a SQL login given at run time, and the encryption
    options of the connection.
.DESCRIPTION
    Syncs the demo ERP (a SQLite file) into a SQL Server database of its own, created on -Server and dropped at the
    end unless -Keep is given. The store is a scratch SQLite file.

    This example is not run by the test suite, which has no SQL Server: the suite only checks that it parses. Run it
    against a server of yours, with a login allowed to create databases (dbcreator):

        # Windows integrated authentication, as the current Windows account
        pwsh examples/05-sqlserver.ps1 -Server sql01.example.local

        # A SQL Server login: the password is asked for (Get-Credential) and never stored
        pwsh examples/05-sqlserver.ps1 -Server sql01.example.local -Authentication Credential

        # A test server whose certificate this machine does not trust (only on a network you trust)
        pwsh examples/05-sqlserver.ps1 -Server 'localhost,1433' -Authentication Credential -TrustServerCertificate

    Connections to SQL Server are encrypted and the server's certificate validated by default (-Encrypt Mandatory).
    When the certificate is not trusted, Test-SyncConnection says so: install the issuing authority's certificate
    on this machine (the better fix), or create the connection with -TrustServerCertificate. -Encrypt Strict uses
    TDS 8 (SQL Server 2022 and later) and always validates the certificate.

    How the password of a stored connection is found, in order of preference for unattended jobs:
        -IntegratedSecurity    no password at all: the Windows account that runs OfiSync (a gMSA for a service)
        -PasswordSecret        a SecretManagement secret, read with Get-Secret each time
        -PasswordVariable      an environment variable of the account that runs OfiSync
        -PromptForCredential   the -Credential parameter of each command (interactive use, as here)
.PARAMETER Server
    The SQL Server instance: a host name, 'host\instance' or 'host,port'.
.PARAMETER Authentication
    Integrated (the default: Windows integrated authentication) or Credential (a SQL Server login, from -Credential
    or asked for with Get-Credential).
.PARAMETER Credential
    The SQL Server login for -Authentication Credential. Asked for when not given.
.PARAMETER Encrypt
    Mandatory (the default), Optional or Strict.
.PARAMETER TrustServerCertificate
    Accept the server's certificate without validating it.
.PARAMETER Database
    The database to create for the CRM. Default: OfiSyncExample and a random suffix.
.PARAMETER Keep
    Does not drop the database at the end.
.PARAMETER ModulePath
    The OfiSync module to import: the built out/OfiSync by default; 'OfiSync' for an installed module.
#>
param(
    [Parameter(Mandatory)] [string] $Server,
    [ValidateSet('Integrated', 'Credential')] [string] $Authentication = 'Integrated',
    [pscredential] $Credential,
    [ValidateSet('Mandatory', 'Optional', 'Strict')] [string] $Encrypt = 'Mandatory',
    [switch] $TrustServerCertificate,
    [ValidatePattern('^[A-Za-z_][A-Za-z0-9_]{0,100}$')] [string] $Database = "OfiSyncExample_$([guid]::NewGuid().ToString('N').Substring(0, 8))",
    [int] $Customers = 500,
    [switch] $Keep,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot 'DemoData.psm1')

$work = Join-Path ([IO.Path]::GetTempPath()) "ofisync-05-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
New-Item -ItemType Directory $work | Out-Null
$store = Join-Path $work 'store.db'
$erp = Join-Path $work 'erp.db'

# How the SQL Server connections log in, and how they are encrypted. These parameters are the same for every
# SQL Server connection below.
$login = @{ Encrypt = $Encrypt }
if ($TrustServerCertificate) { $login.TrustServerCertificate = $true }
# What each command that opens a connection gets: -Credential for a connection created with -PromptForCredential.
$cred = @{}
if ($Authentication -eq 'Integrated') {
    $login.IntegratedSecurity = $true
}
else {
    if (-not $Credential) { $Credential = Get-Credential -Message "SQL Server login for $Server" }
    $login.PromptForCredential = $true
    $cred.Credential = $Credential
}
$created = $false

try {
    # 1. The connections: master, to create the database; ERP (SQLite); CRM (the new database).
    New-SyncConnection -Name SqlMaster -Provider SqlServer -ConnectionString "Server=$Server;Database=master;Connect Timeout=15" @login -Store $store | Out-Null
    New-SyncConnection -Name ERP -Provider Sqlite -ConnectionString "Data Source=$erp" -Store $store | Out-Null
    New-SyncConnection -Name CRM -Provider SqlServer -ConnectionString "Server=$Server;Database=$Database" @login -Store $store | Out-Null
    Get-SyncConnection -Store $store | Format-Table -AutoSize | Out-Host

    $test = Test-SyncConnection -Name SqlMaster -Store $store @cred
    $test | Format-Table -AutoSize | Out-Host
    if (-not $test.Succeeded) { throw "SQL Server $Server cannot be reached ($($test.ErrorType)): $($test.Error)" }

    # 2. The CRM database and its tables (T-SQL: NVARCHAR text, IDENTITY ids).
    Invoke-SyncQuery -Connection SqlMaster -Store $store @cred -Confirm:$false -Query "CREATE DATABASE [$Database]"
    $created = $true
    Write-Host "Created the database $Database on $Server."
    New-DemoCrm -Connection CRM -ConnectionProvider SqlServer -Store $store @cred
    New-DemoErp -Path $erp -Customers $Customers | Out-Null

    # 3. The lines, checked against SQL Server's columns and types.
    New-SyncLine -Name Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable dbo.sector -Key codigo -TargetId id -Store $store @cred -Map @{
        codigo_origen = 'codigo'
        descripcion   = 'descripcion'
    } | Out-Null
    New-SyncLine -Name Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable dbo.cuenta -Key codigo -TargetId id -Store $store @cred `
        -Map (Get-DemoClientesMap) -Filter { activo -eq 1 } -DeletePolicy Flag -FlagColumn estado -FlagValue Inactivo -DependsOn Sectores | Out-Null

    # 4. Run: rows go to SQL Server by bulk copy into a staging table, then MERGE by the target key.
    Invoke-OfiSync -Force -Summary -Store $store @cred | Format-Table Line, Status, Read, Inserted, Updated, Failed -AutoSize | Out-Host
    Invoke-SyncQuery -Connection CRM -Store $store @cred -Query @'
SELECT TOP (5) c.codigo, c.razon_social, s.descripcion AS sector
FROM dbo.cuenta AS c LEFT JOIN dbo.sector AS s ON s.id = c.sector_id
WHERE c.razon_social LIKE N'%ñ%' ORDER BY c.codigo
'@ | Format-Table -AutoSize | Out-Host

    # 5. An unattended job would use a connection that needs no prompt, for example:
    #    New-SyncConnection -Name CRM -Provider SqlServer -ConnectionString 'Server=sql01;Database=CRM' -IntegratedSecurity -Force
    #    New-SyncConnection -Name CRM -Provider SqlServer -ConnectionString 'Server=sql01;Database=CRM' -UserName ofisync -PasswordSecret CrmSql -Force
    #    and then run examples/03-scheduled-task.ps1 -Store <this store>.
}
finally {
    if ($created -and -not $Keep) {
        # SINGLE_USER WITH ROLLBACK IMMEDIATE closes the connections that OfiSync's connection pool still holds.
        Invoke-SyncQuery -Connection SqlMaster -Store $store @cred -Confirm:$false -Query @"
ALTER DATABASE [$Database] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
DROP DATABASE [$Database];
"@
        Write-Host "Dropped the database $Database."
    }
    if (-not $Keep) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
}
