#Requires -Version 7.4

<#
.SYNOPSIS
    Builds, tests and demonstrates OfiSync. On Linux and macOS, ./build.sh calls this script.
.DESCRIPTION
    build  assembles the importable module at out/OfiSync/OfiSync.psd1
    test   builds, then runs every xunit and Pester suite and prints one closing line: "N passed, N failed, N skipped"
    demo   builds, then runs the main job on the embedded SQLite default (examples/demo.ps1)
    package builds, then writes the versioned module package out/package/OfiSync.<version>.nupkg (tools/New-ModulePackage.ps1)
    bench  builds in Release and runs the benchmark (bench/)
    clean  removes out/
.EXAMPLE
    ./build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'demo', 'bench', 'package', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [Parameter(ValueFromRemainingArguments)]
    [string[]] $Rest
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'OfiSync'
$ToolPackages = Join-Path $Out 'tools-packages'

# Platforms the portable module folder serves; their native libraries are kept, the others dropped.
$Platforms = 'linux-x64', 'linux-arm64', 'win-x64', 'win-arm64', 'osx-x64', 'osx-arm64'

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' exited with code $LASTEXITCODE" }
}

# "-Customers 300 -Keep" from the command line as a hashtable, so named arguments reach the script by name.
function ConvertTo-Splat([string[]] $Arguments) {
    $named = @{}
    $list = @($Arguments | Where-Object { $_ })
    for ($i = 0; $i -lt $list.Count; $i++) {
        if ($list[$i] -notmatch '^-(\w+)$') { throw "Unexpected argument '$($list[$i])': give -Name value pairs or -Switch" }
        $name = $Matches[1]
        if ($i + 1 -lt $list.Count -and $list[$i + 1] -notmatch '^-\w+$') { $named[$name] = $list[++$i] } else { $named[$name] = $true }
    }
    $named
}

function Get-ModuleVersion {
    [xml] $props = Get-Content (Join-Path $Root 'Directory.Build.props') -Raw
    $props.Project.PropertyGroup.OfiSyncVersion | Where-Object { $_ } | Select-Object -First 1
}

# The CHANGELOG.md section of this version, or [Unreleased] when the version has none yet: the package's release notes.
function Get-ReleaseNotes([string] $Version) {
    $text = Get-Content (Join-Path $Root 'CHANGELOG.md') -Raw
    $sections = [regex]::Matches($text, '(?ms)^## \[(?<name>[^\]]+)\][^\n]*\n(?<body>.*?)(?=^## \[|\z)')
    $section = @($sections | Where-Object { $_.Groups['name'].Value -eq $Version }) + @($sections | Where-Object { $_.Groups['name'].Value -eq 'Unreleased' })
    if (-not $section) { return "OfiSync $Version" }
    "OfiSync $Version`n`n" + $section[0].Groups['body'].Value.Trim()
}

function Build-Module {
    $publish = Join-Path $Out 'publish'
    Remove-Item $publish, $ModuleOut -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/OfiSync.PowerShell/OfiSync.PowerShell.csproj'),
        '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')

    $deps = Join-Path $ModuleOut 'dependencies'
    New-Item -ItemType Directory -Path $deps -Force | Out-Null
    # Only the cmdlet assembly sits at the root; the engine and everything it needs go to dependencies/,
    # where the module's own load context finds them and the default one does not.
    Get-ChildItem $publish -File | Where-Object Name -NotLike '*.deps.json' | ForEach-Object {
        $target = if ($_.BaseName -eq 'OfiSync.PowerShell') { $ModuleOut } else { $deps }
        Copy-Item $_.FullName $target
    }
    Get-ChildItem $publish -Directory | Where-Object Name -NE 'runtimes' | Copy-Item -Destination $deps -Recurse
    foreach ($os in 'unix', 'win') {
        $lib = Join-Path $publish "runtimes/$os/lib/net8.0"
        if (Test-Path $lib) {
            $to = Join-Path $deps "runtimes/$os/lib/net8.0"
            New-Item -ItemType Directory $to -Force | Out-Null
            Copy-Item "$lib/*" $to
        }
    }
    foreach ($rid in $Platforms) {
        $native = Join-Path $publish "runtimes/$rid/native"
        if (Test-Path $native) {
            $to = Join-Path $deps "runtimes/$rid/native"
            New-Item -ItemType Directory $to -Force | Out-Null
            Copy-Item "$native/*" $to
        }
    }
    # The root Microsoft.Data.SqlClient.dll is a placeholder that throws "not supported on this platform";
    # the real one is under runtimes/<os>/lib.
    Remove-Item (Join-Path $deps 'Microsoft.Data.SqlClient.dll') -Force -ErrorAction SilentlyContinue

    Get-ChildItem (Join-Path $Root 'module') | Copy-Item -Destination $ModuleOut -Recurse -Force
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    $manifest = Join-Path $ModuleOut 'OfiSync.psd1'
    $version = Get-ModuleVersion
    $notes = (Get-ReleaseNotes $version).Replace("'", "''")
    ((Get-Content $manifest -Raw) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion = '$version'").Replace("ReleaseNotes = ''", "ReleaseNotes = '$notes'") |
        Set-Content $manifest -NoNewline
    $helpBuilder = Join-Path $Root 'tools/Build-Help.ps1'
    if (Test-Path $helpBuilder) { & $helpBuilder -ModulePath $ModuleOut }
    Write-Host "Module $version built at $manifest"
}

function Restore-TestTools {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/PesterRestore/PesterRestore.csproj'),
        '--packages', $ToolPackages, '--nologo', '-v', 'quiet')
}

function Get-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content $Path -Raw
    $c = $trx.TestRun.ResultSummary.Counters
    # xunit's skipped tests are counted as total but not executed.
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Skipped = [int]$c.total - [int]$c.executed }
}

function Invoke-Tests {
    Build-Module
    Restore-TestTools
    $results = Join-Path $Out 'test'
    Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory $results | Out-Null
    $counts = [System.Collections.Generic.List[object]]::new()

    Write-Host "`n=== xunit: OfiSync.Core.Tests ==="
    & dotnet test (Join-Path $Root 'tests/OfiSync.Core.Tests/OfiSync.Core.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=core.trx' --logger 'console;verbosity=normal' --results-directory $results
    $trx = Join-Path $results 'core.trx'
    if (Test-Path $trx) { $counts.Add((Get-TrxCounts $trx)) }
    else { $counts.Add([pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }); Write-Host 'xunit produced no results: counted as one failure' }

    Write-Host "`n=== Pester: OfiSync.PowerShell.Tests ==="
    $pesterJson = Join-Path $results 'pester.json'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-PesterSuite.ps1') `
        -PesterPath (Join-Path $ToolPackages "pester/$(Get-PesterVersion)/tools/Pester.psd1") `
        -ModulePath (Join-Path $ModuleOut 'OfiSync.psd1') -ResultPath $pesterJson
    if (Test-Path $pesterJson) { $counts.Add((Get-Content $pesterJson -Raw | ConvertFrom-Json)) }
    else { $counts.Add([pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }); Write-Host 'Pester produced no results: counted as one failure' }

    $passed = ($counts | Measure-Object Passed -Sum).Sum
    $failed = ($counts | Measure-Object Failed -Sum).Sum
    $skipped = ($counts | Measure-Object Skipped -Sum).Sum
    Write-Host ''
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Get-PesterVersion {
    [xml] $props = Get-Content (Join-Path $Root 'Directory.Packages.props') -Raw
    $props.Project.PropertyGroup.PesterVersion | Where-Object { $_ } | Select-Object -First 1
}

switch ($Task) {
    'clean' { Remove-Item $Out -Recurse -Force -ErrorAction SilentlyContinue }
    'build' { Build-Module }
    'test' { Invoke-Tests }
    'package' {
        Build-Module
        & (Join-Path $Root 'tools/New-ModulePackage.ps1') -ModulePath $ModuleOut -DestinationPath (Join-Path $Out 'package')
    }
    'demo' {
        Build-Module
        $named = ConvertTo-Splat $Rest
        & (Join-Path $Root 'examples/demo.ps1') -ModulePath (Join-Path $ModuleOut 'OfiSync.psd1') @named
        if ($LASTEXITCODE) { exit $LASTEXITCODE }
    }
    'bench' {
        $Configuration = 'Release'
        Build-Module
        Invoke-Native dotnet (@('run', '--project', (Join-Path $Root 'bench/OfiSync.Bench'), '-c', 'Release', '--') + @($Rest | Where-Object { $_ }))
    }
}
