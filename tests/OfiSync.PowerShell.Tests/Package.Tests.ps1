# The module as a package: tools/New-ModulePackage.ps1 (what ./build.sh package runs) packs the built module, and a
# clean pwsh installs it from a local folder repository with Install-PSResource, imports it by name and runs a sync.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleFolder = Split-Path (Get-OfiSyncModulePath)
    $script:Repository = Join-Path $TestDrive 'repository'
    $script:Package = & (Join-Path (Get-RepositoryRoot) 'tools/New-ModulePackage.ps1') -ModulePath $ModuleFolder -DestinationPath $Repository 6>$null
    $script:Version = (Import-PowerShellDataFile (Get-OfiSyncModulePath)).ModuleVersion
}

Describe 'The module package' {
    It 'is a versioned .nupkg whose manifest names the project, licence, tags and release notes' {
        $Package.Name | Should -Be "OfiSync.$Version.nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Package.FullName)
        try {
            $entries = $zip.Entries.FullName
            $entries | Should -Contain 'OfiSync.psd1'
            $entries | Should -Contain 'OfiSync.PowerShell.dll'
            $entries | Should -Contain 'dependencies/OfiSync.Core.dll'
            # The Spanish messages: a satellite assembly beside the engine, found by the module's load context.
            $entries | Should -Contain 'dependencies/es/OfiSync.Core.resources.dll'
            $entries | Should -Contain 'en-US/about_OfiSync.help.txt'
            $entries | Should -Contain 'es-ES/about_OfiSync.help.txt'
            $entries | Should -Contain 'es-ES/OfiSync.PowerShell.dll-Help.xml'
            $entries | Should -Contain 'en-US/OfiSync.PowerShell.dll-Help.xml'
            $entries | Should -Contain 'LICENSE'
            $reader = [IO.StreamReader]::new($zip.GetEntry('OfiSync.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $m = $nuspec.package.metadata
        $m.id | Should -Be 'OfiSync'
        $m.version | Should -Be $Version
        $m.description | Should -Match 'CRM'
        $m.authors | Should -Not -BeNullOrEmpty
        $m.projectUrl | Should -Not -BeNullOrEmpty
        $m.licenseUrl | Should -Not -BeNullOrEmpty
        $m.tags | Should -Match 'PSEdition_Core'
        $m.releaseNotes | Should -Match "^OfiSync $([regex]::Escape($Version))"
        $manifest = Import-PowerShellDataFile (Get-OfiSyncModulePath)
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be '7.4'
    }

    It 'refuses a module folder whose manifest lacks release notes' {
        $bare = Join-Path $TestDrive 'bare/OfiSync'
        New-Item -ItemType Directory $bare -Force | Out-Null
        Copy-Item (Join-Path $ModuleFolder '*') $bare -Recurse
        $psd1 = Join-Path $bare 'OfiSync.psd1'
        (Get-Content $psd1 -Raw) -replace "(?s)ReleaseNotes = '.*?'\r?\n", "ReleaseNotes = ''`n" | Set-Content $psd1 -NoNewline
        { & (Join-Path (Get-RepositoryRoot) 'tools/New-ModulePackage.ps1') -ModulePath $bare -DestinationPath (Join-Path $TestDrive 'bare-out') 6>$null } |
            Should -Throw '*lacks: ReleaseNotes*'
    }

    It 'installs with Install-PSResource from a local repository into a clean session, imports by name and syncs' {
        $home2 = Join-Path $TestDrive 'home'
        $work = Join-Path $TestDrive 'work'
        New-Item -ItemType Directory $home2, $work -Force | Out-Null
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name OfiSyncLocal -Uri '$Repository' -Trusted
Install-PSResource -Name OfiSync -Repository OfiSyncLocal -Scope CurrentUser -TrustRepository -Quiet
"installed=`$((Get-Module -ListAvailable OfiSync).ModuleBase)"
Import-Module OfiSync
"version=`$((Get-Module OfiSync).Version)"
`$erp = Join-Path '$work' 'erp.db'; `$crm = Join-Path '$work' 'crm.db'
Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=`$erp;Mode=ReadWriteCreate" -Query "CREATE TABLE cliente (codigo TEXT PRIMARY KEY, nombre TEXT); INSERT INTO cliente VALUES ('1', 'Ana'), ('2', 'Luis')" -Confirm:`$false
Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=`$crm;Mode=ReadWriteCreate" -Query "CREATE TABLE cuenta (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT UNIQUE, nombre TEXT)" -Confirm:`$false
New-SyncConnection ERP Sqlite "Data Source=`$erp" | Out-Null
New-SyncConnection CRM Sqlite "Data Source=`$crm" | Out-Null
New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id | Out-Null
"inserted=`$((Invoke-OfiSync -Force -Summary).Inserted)"
"@
        $r = Invoke-ChildPwsh -Script $script -Environment @{
            HOME = $home2; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $null
            OFISYNC_STORE = (Join-Path $work 'store.db'); OFISYNC_MODULE_PATH = $null
        }
        $text = $r.Output -join "`n"
        $r.ExitCode | Should -Be 0 -Because $text
        $r.Output | Should -Contain "version=$Version"
        $r.Output | Should -Contain 'inserted=2'
        ($r.Output | Where-Object { $_ -like 'installed=*' }) | Should -BeLike "installed=$home2*"
    }
}
