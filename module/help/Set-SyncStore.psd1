@{
    Synopsis    = 'Sets how much run history the OfiSync store keeps per line.'

    Description = @'
Every run of a line is recorded in the store, with the result of each row it wrote. Without a limit that history grows without end, so each store keeps, per line, the runs started within HistoryDays days and at most the newest HistoryRuns runs: a run older than the days, or beyond that number of newer runs of its line, is pruned with its row results. A new store keeps 90 days and 100 runs. 0 keeps history forever in that dimension: -HistoryDays 0 -HistoryRuns 0 turns pruning off.

Pruning happens after each run of a line, for that line, and costs one query when nothing is due. It never removes the newest run of a line, a run still running, or the sync state (what was last written of each source row): a line's next run is the same whatever history is kept. A pruning that fails is a warning; the sync it follows is not affected. Clear-SyncRun removes older runs at once, by these limits or by others.

What is lost with a pruned run is its history: Get-SyncRun no longer lists it, Get-SyncRunResult no longer has its rows, and the reason given for a customer whose CRM record was deleted or flagged (when a sales statistics line cannot find its CRM id) is no longer known once the run that deleted it is pruned; the message then says the row is not yet in the target. An hourly line keeps about four days of history with 100 runs; raise -HistoryRuns for such lines, or set it to 0 and let -HistoryDays alone decide.

The settings are kept in the store (its ofisync_meta table, as history_days and history_runs), so every machine that uses the store prunes the same way.
'@

    Parameters  = @{
        HistoryDays = @{
            Description  = 'Keeps the runs started within this many days (0 to 36500); older runs are pruned. 0 keeps runs whatever their age.'
            DefaultValue = 'Unchanged (a new store keeps 90)'
        }
        HistoryRuns = @{
            Description  = 'Keeps at most this many runs of each line, the newest; older ones are pruned. 0 keeps every run.'
            DefaultValue = 'Unchanged (a new store keeps 100)'
        }
        PassThru    = 'Writes the store''s summary, as Get-SyncStore does, after the change.'
    }

    Inputs      = 'None.'

    Outputs     = 'None, or with -PassThru one OfiSync.Core.Store.StoreSummary.'

    Examples    = @(
        @{
            Title   = 'Keep a year of history, however many runs'
            Code    = 'Set-SyncStore -HistoryDays 365 -HistoryRuns 0'
            Remarks = 'Each line keeps every run of the last 365 days. The next run of each line prunes what is older.'
        }
        @{
            Title   = 'See what would change, then keep at most 500 runs per line'
            Code    = "Set-SyncStore -HistoryRuns 500 -WhatIf`nSet-SyncStore -HistoryRuns 500 -PassThru"
            Remarks = 'The first command says what it would set and changes nothing; the second sets it and shows the store.'
        }
        @{
            Title   = 'Keep all history'
            Code    = 'Set-SyncStore -HistoryDays 0 -HistoryRuns 0'
            Remarks = 'Turns pruning off: the store keeps every run and its rows, and grows with each run.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncStore', 'Clear-SyncRun', 'Get-SyncRun')
}
