#Requires -Version 7.4
<#
.SYNOPSIS
    Writes the versioned package (.nupkg) of a built module folder, the form Install-PSResource installs from a repository.
.DESCRIPTION
    Checks the manifest (Test-ModuleManifest, and the fields a repository shows: description, author, project and licence
    links, tags, release notes, CompatiblePSEditions Core, PowerShellVersion 7.4), then packs the folder with
    PSResourceGet's Compress-PSResource, which ships with PowerShell 7.4 and later. Nothing is published anywhere: copy
    the package into a folder or feed registered with Register-PSResourceRepository.
.EXAMPLE
    ./tools/New-ModulePackage.ps1 -ModulePath out/OfiSync -DestinationPath out/package
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DestinationPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ModulePath = (Resolve-Path $ModulePath).Path
$manifestPath = Join-Path $ModulePath 'OfiSync.psd1'
$manifest = Test-ModuleManifest $manifestPath
$data = Import-PowerShellDataFile $manifestPath
$psData = $data.PrivateData.PSData
$missing = @(
    if (-not $data.Description) { 'Description' }
    if (-not $data.Author) { 'Author' }
    if ($data.CompatiblePSEditions -notcontains 'Core') { 'CompatiblePSEditions Core' }
    if ($data.PowerShellVersion -ne '7.4') { 'PowerShellVersion 7.4' }
    foreach ($field in 'ProjectUri', 'LicenseUri', 'Tags', 'ReleaseNotes') { if (-not $psData[$field]) { $field } }
)
if ($missing) { throw "The manifest $manifestPath lacks: $($missing -join ', ')" }

New-Item -ItemType Directory $DestinationPath -Force | Out-Null
$DestinationPath = (Resolve-Path $DestinationPath).Path
$package = Join-Path $DestinationPath "OfiSync.$($manifest.Version).nupkg"
Remove-Item $package -Force -ErrorAction SilentlyContinue
Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
Compress-PSResource -Path $ModulePath -DestinationPath $DestinationPath
if (-not (Test-Path $package)) { throw "Compress-PSResource wrote no $package" }
Write-Host "Package OfiSync $($manifest.Version) written to $package"
Get-Item $package
