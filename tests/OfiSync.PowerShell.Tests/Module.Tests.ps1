BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-OfiSyncModulePath
    $script:ModuleRoot = Split-Path $ModulePath
    $script:Deps = Join-Path $ModuleRoot 'dependencies'
}

Describe 'The built module folder' {
    It 'ships the SQLite native library for <_>' -ForEach @(
        'linux-x64/native/libe_sqlite3.so', 'linux-arm64/native/libe_sqlite3.so',
        'win-x64/native/e_sqlite3.dll', 'win-arm64/native/e_sqlite3.dll',
        'osx-x64/native/libe_sqlite3.dylib', 'osx-arm64/native/libe_sqlite3.dylib') {
        Join-Path $Deps "runtimes/$_" | Should -Exist
    }

    It 'ships the real Microsoft.Data.SqlClient for <_> and its SNI on Windows' -ForEach @('unix', 'win') {
        Join-Path $Deps "runtimes/$_/lib/net8.0/Microsoft.Data.SqlClient.dll" | Should -Exist
        if ($_ -eq 'win') {
            Join-Path $Deps 'runtimes/win-x64/native/Microsoft.Data.SqlClient.SNI.dll' | Should -Exist
            Join-Path $Deps 'runtimes/win-arm64/native/Microsoft.Data.SqlClient.SNI.dll' | Should -Exist
        }
    }

    It 'does not ship the placeholder SqlClient assembly that throws on every platform' {
        Join-Path $Deps 'Microsoft.Data.SqlClient.dll' | Should -Not -Exist
        Join-Path $ModuleRoot 'Microsoft.Data.SqlClient.dll' | Should -Not -Exist
    }

    It 'does not ship System.Management.Automation.dll' {
        Get-ChildItem $ModuleRoot -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'keeps only the cmdlet assembly at its root, the engine under dependencies/' {
        (Get-ChildItem $ModuleRoot -File -Filter *.dll).Name | Should -Be @('OfiSync.PowerShell.dll')
        Join-Path $Deps 'OfiSync.Core.dll' | Should -Exist
    }

    It 'carries the version of Directory.Build.props in its manifest' {
        [xml] $props = Get-Content (Join-Path (Get-RepositoryRoot) 'Directory.Build.props') -Raw
        $expected = $props.Project.PropertyGroup.OfiSyncVersion | Where-Object { $_ } | Select-Object -First 1
        (Import-PowerShellDataFile $ModulePath).ModuleVersion | Should -Be $expected
        (Test-ModuleManifest $ModulePath).Version.ToString() | Should -Be $expected
    }
}

Describe 'Importing and using the module' {
    It 'imports from a path with spaces and queries SQLite through the engine' {
        $spaced = Join-Path $TestDrive 'a folder with spaces/OfiSync'
        New-Item -ItemType Directory $spaced -Force | Out-Null
        Copy-Item "$ModuleRoot/*" $spaced -Recurse
        $r = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$spaced/OfiSync.psd1'
`$t = Test-SyncConnection -Provider Sqlite -ConnectionString 'Data Source=:memory:'
"ok=`$(`$t.Succeeded) version=`$(`$t.ServerVersion)"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' } |
    ForEach-Object { 'context=' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
"@
        $r.Output -join "`n" | Should -Match 'ok=True version=SQLite 3\.'
        $r.Output | Should -Contain 'context=OfiSync'
        $r.ExitCode | Should -Be 0
    }

    It 'reaches SQL Server through the real SqlClient: a network SqlException, never PlatformNotSupported' {
        Import-Module $ModulePath -Force
        $t = Test-SyncConnection -Provider SqlServer -ConnectionString 'Server=127.0.0.1,1;Connect Timeout=2;User Id=sa;Password=Pa55-Secret!'
        $t.Succeeded | Should -BeFalse
        $t.ErrorType | Should -Be 'Microsoft.Data.SqlClient.SqlException'
        $t.Error | Should -Match 'network-related|server was not found|error: 35|error: 40'
        ($t | Out-String) + ($t | Format-List * | Out-String) | Should -Not -Match 'Pa55-Secret'
    }

    It 'imports and queries after another Dapper and Microsoft.Data.SqlClient were loaded first' {
        $pkgs = Get-ToolPackagesPath
        $dapper = Join-Path $pkgs 'dapper/2.0.123/lib/net5.0/Dapper.dll'
        $sqlclient = Join-Path $pkgs 'microsoft.data.sqlclient/5.2.2/runtimes/unix/lib/net8.0/Microsoft.Data.SqlClient.dll'
        $dapper | Should -Exist
        $r = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$null = [Reflection.Assembly]::LoadFrom('$dapper')
`$null = [Reflection.Assembly]::LoadFrom('$sqlclient')
Import-Module '$ModulePath'
`$s = Test-SyncConnection -Provider Sqlite -ConnectionString 'Data Source=:memory:'
`$q = Test-SyncConnection -Provider SqlServer -ConnectionString 'Server=127.0.0.1,1;Connect Timeout=2'
"sqlite=`$(`$s.Succeeded) sqlserver=`$(`$q.ErrorType)"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'Dapper', 'Microsoft.Data.SqlClient' } |
    ForEach-Object { '{0} {1} {2}' -f `$_.GetName().Name, `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } | Sort-Object
"@
        $text = $r.Output -join "`n"
        $text | Should -Match 'sqlite=True sqlserver=Microsoft.Data.SqlClient.SqlException'
        $text | Should -Match 'Microsoft.Data.SqlClient 5\.\d+\.\d+\.\d+ Default'
        $text | Should -Match 'Microsoft.Data.SqlClient 7\.\d+\.\d+\.\d+ OfiSync'
        $r.ExitCode | Should -Be 0
    }

    It 'can be removed and imported again in the same session' {
        $r = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'; Remove-Module OfiSync; Import-Module '$ModulePath' -Force
(Test-SyncConnection -Provider Sqlite -ConnectionString 'Data Source=:memory:').Succeeded
"@
        $r.Output[-1] | Should -Be 'True'
    }
}

Describe 'The cmdlet assembly' {
    It 'references only the engine, PowerShell and the framework, so every dependency loads in the engine context' {
        $dll = Join-Path (Split-Path (Get-OfiSyncModulePath)) 'OfiSync.PowerShell.dll'
        $bytes = [IO.File]::ReadAllBytes($dll)
        $peReader = [Reflection.PortableExecutable.PEReader]::new([IO.MemoryStream]::new($bytes))
        $md = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($peReader)
        $names = foreach ($h in $md.AssemblyReferences) { $md.GetString($md.GetAssemblyReference($h).Name) }
        $foreign = $names | Where-Object { $_ -notmatch '^(OfiSync\.Core|System(\..*)?|netstandard|mscorlib|Microsoft\.Win32\..*)$' }
        $foreign | Should -BeNullOrEmpty
        $names | Should -Contain 'OfiSync.Core'
    }
}
