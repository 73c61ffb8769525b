<#
.SYNOPSIS
    The main job on the embedded SQLite default: ./build.sh demo runs this against the freshly built module.
.PARAMETER ModulePath
    The OfiSync.psd1 to import; by default the one the build leaves in out/OfiSync.
.PARAMETER WorkFolder
    Where the demo's ERP and CRM databases are created; a new temporary folder by default.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1'),
    [string] $WorkFolder = (Join-Path ([IO.Path]::GetTempPath()) "ofisync-demo-$PID")
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
New-Item -ItemType Directory $WorkFolder -Force | Out-Null
$erp = Join-Path $WorkFolder 'erp.db'
$crm = Join-Path $WorkFolder 'crm.db'

Write-Host "OfiSync $((Get-Module OfiSync).Version) demo in $WorkFolder`n"
Write-Host '1. Both databases answer:'
Test-SyncConnection -Provider Sqlite -ConnectionString "Data Source=$erp" | Format-Table | Out-Host
Test-SyncConnection -Provider Sqlite -ConnectionString "Data Source=$crm" | Format-Table | Out-Host
