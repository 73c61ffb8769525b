<#
.SYNOPSIS
    Runs the Pester suite against the built module and writes its counts as JSON for build.ps1 to add up.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string[]] $TestPath = (Join-Path $PSScriptRoot '../tests/OfiSync.PowerShell.Tests')
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module (Resolve-Path $PesterPath).Path -Force
$env:OFISYNC_MODULE_PATH = (Resolve-Path $ModulePath).Path

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config

# A container that failed to run (a syntax error, an error outside any test) counts as one failure; a container
# that merely holds failed tests is already counted through them.
$failedContainers = @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.FailedCount -eq 0 }).Count
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $failedContainers
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content $ResultPath
