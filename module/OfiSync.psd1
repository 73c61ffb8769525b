@{
    RootModule           = 'OfiSync.PowerShell.dll'
    # Filled in by the build from Directory.Build.props (OfiSyncVersion): the one place the version lives.
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b0c6f0e-2f1c-4b8e-9d8a-0f5c1a7e3d21'
    Author               = 'OfiSync contributors'
    CompanyName          = 'OfiSync'
    Copyright            = '(c) OfiSync contributors. MIT licence.'
    Description          = 'Keeps a CRM database up to date from a business management application (ERP): sync lines, pre-filters, incremental sync, preview, per-row results, sales statistics and the customer pyramid.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('OfiSync.Format.ps1xml')
    TypesToProcess       = @('OfiSync.Types.ps1xml')
    CmdletsToExport      = @(
        'New-SyncConnection', 'Get-SyncConnection', 'Remove-SyncConnection', 'Test-SyncConnection',
        'Invoke-SyncQuery',
        'New-SyncLine', 'Get-SyncLine', 'Set-SyncLine', 'Remove-SyncLine', 'Test-SyncLine', 'Export-SyncLine', 'Import-SyncLine',
        'Get-SyncColumn', 'Get-SyncPreview', 'Invoke-OfiSync', 'Get-SyncRun', 'Get-SyncRunResult', 'Clear-SyncRun',
        'Get-SyncStore', 'Set-SyncStore'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Sync', 'CRM', 'ERP', 'SQLite', 'PostgreSQL', 'SqlServer', 'MariaDB', 'MySQL', 'Database', 'PSEdition_Core', 'Linux', 'Windows', 'macOS')
            ProjectUri   = 'https://github.com/ofisync/ofisync'
            LicenseUri   = 'https://github.com/ofisync/ofisync/blob/main/LICENSE'
            # Filled in by the build from CHANGELOG.md: the section of this version, or [Unreleased] before a release.
            ReleaseNotes = ''
        }
    }
}
