# Get-SyncStore, Set-SyncStore and Clear-SyncRun: the store's retention seen and changed, older runs removed on demand.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
}
AfterAll { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue }

Describe 'Get-SyncStore and Set-SyncStore' {
    BeforeEach { $script:Bed = New-SyncTestBed -Customers 5 }

    It 'describes the store: where, schema, retention and counts' {
        Invoke-OfiSync -Force | Out-Null
        $store = Get-SyncStore
        $store.Location | Should -Be $Bed.Store
        $store.Provider | Should -Be 'Sqlite'
        $store.SchemaVersion | Should -BeGreaterOrEqual 3
        $store.HistoryDays | Should -Be 90
        $store.HistoryRuns | Should -Be 100
        $store.Lines | Should -Be 2
        $store.Runs | Should -Be 2
        $store.HistoryRows | Should -Be (3 + 5)
        $store.SizeBytes | Should -BeGreaterThan 0
        (Get-SyncStore | Out-String) | Should -Match 'HistoryRuns\s+:\s+100'
    }

    It 'changes nothing with -WhatIf, and sets the retention for real' {
        Set-SyncStore -HistoryDays 7 -HistoryRuns 0 -WhatIf
        (Get-SyncStore).HistoryDays | Should -Be 90
        $after = Set-SyncStore -HistoryDays 7 -HistoryRuns 0 -Confirm:$false -PassThru
        $after.HistoryDays | Should -Be 7
        $after.HistoryRuns | Should -Be 0
        (Get-SyncStore | Out-String) | Should -Match 'HistoryRuns\s+:\s+every run'
        Set-SyncStore -HistoryDays 30
        ((Get-SyncStore).HistoryDays, (Get-SyncStore).HistoryRuns) | Should -Be @(30, 0)
    }

    It 'refuses a call that sets nothing, and a negative limit, with a clear error' {
        { Set-SyncStore -ErrorAction Stop } | Should -Throw -ErrorId 'StoreSettingMissing,OfiSync.PowerShell.Commands.SetSyncStoreCommand'
        { Set-SyncStore -HistoryRuns -1 -ErrorAction Stop } | Should -Throw '*HistoryRuns*'
    }

    It 'prunes a line to the runs kept after each of its runs' {
        Set-SyncStore -HistoryRuns 2
        1..4 | ForEach-Object { Invoke-OfiSync -All -Force | Out-Null }
        (Get-SyncRun Clientes).Count | Should -Be 2
        (Get-SyncRun Sectores).Count | Should -Be 2
        (Get-SyncRun Clientes -Last 1 | Get-SyncRunResult).Count | Should -Be 5
    }
}

Describe 'Clear-SyncRun' {
    BeforeAll {
        $script:Bed = New-SyncTestBed -Customers 5
        1..4 | ForEach-Object { Invoke-OfiSync -All -Force | Out-Null }
    }

    It 'says what it would remove with -WhatIf and removes nothing' {
        # What-if text goes to the host, not to a stream: read it from a child pwsh's output.
        $child = Invoke-ChildPwsh "Import-Module '$(Get-OfiSyncModulePath)'; Clear-SyncRun -Line Clientes -KeepLast 1 -WhatIf" -Environment @{ OFISYNC_STORE = $env:OFISYNC_STORE }
        ($child.Output -join ' ') | Should -Match "Remove 3 run\(s\) started .* with 15 history row\(s\)"
        (Get-SyncRun Clientes).Count | Should -Be 4
    }

    It 'asks once more before clearing every line, unless -Force' {
        # A non-interactive session cannot answer: the question shows as an error, and nothing is removed.
        $child = Invoke-ChildPwsh "Import-Module '$(Get-OfiSyncModulePath)'; Clear-SyncRun -KeepLast 1" -Environment @{ OFISYNC_STORE = $env:OFISYNC_STORE }
        ($child.Output -join ' ') | Should -Match 'NonInteractive'
        (Get-SyncRun).Count | Should -Be 8
    }

    It 'removes the older runs of the lines piped from Get-SyncLine, and the newest stays complete' {
        $newest = Get-SyncRun Clientes -Last 1
        $removed = Get-SyncLine Clientes | Clear-SyncRun -KeepLast 1 -Confirm:$false -PassThru
        $removed.Line | Should -Be 'Clientes'
        $removed.Runs | Should -Be 3
        $removed.HistoryRows | Should -Be 15
        (Get-SyncRun Clientes).RunId | Should -Be $newest.RunId
        (Get-SyncRunResult -RunId $newest.RunId).Count | Should -Be 5
        (Get-SyncRun Sectores).Count | Should -Be 4
        (Get-SyncPreview Clientes).Count | Should -Be 0 # the sync state stays
    }

    It 'removes by age across every line with -Force, and never the newest run of a line' {
        Clear-SyncRun -Before (Get-Date).AddMinutes(1) -Force
        (Get-SyncRun).Line | Sort-Object | Should -Be @('Clientes', 'Sectores')
    }

    It 'writes an error for an unknown line and still does the others' {
        Invoke-OfiSync Sectores -All -Force | Out-Null
        $removed = Clear-SyncRun -Line Nope, Sectores -KeepLast 1 -Confirm:$false -PassThru -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SyncLineNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'Nope'
        $removed.Runs | Should -Be 1
    }

    It 'reads -Before as the invariant culture does, and refuses text that is not a date' {
        { Clear-SyncRun -Before 'not a date' -Force -ErrorAction Stop } | Should -Throw '*Before*'
        { Clear-SyncRun -KeepLast 0 -Force -ErrorAction Stop } | Should -Throw '*KeepLast*'
    }
}
