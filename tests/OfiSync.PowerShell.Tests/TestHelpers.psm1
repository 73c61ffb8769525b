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

Export-ModuleMember -Function *
