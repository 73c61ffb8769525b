@{
    Synopsis    = 'Removes older runs and their row results from the store, now.'

    Description = @'
Clear-SyncRun removes runs of sync lines from the store's history, with the row results they recorded, without waiting for the pruning that follows each run. It removes:

- with -Before, the runs started before that moment;
- with -KeepLast, the runs beyond the newest that many of each line;
- with both, the runs that are both older than -Before and beyond the newest -KeepLast (so at least -KeepLast runs of each line stay);
- with neither, what the store's retention prunes (Get-SyncStore shows it; Set-SyncStore changes it): runs older than HistoryDays or beyond the newest HistoryRuns.

The newest run of each line, a run still running, and the sync state (what was last written of each source row) are never removed: a line's next run is the same after Clear-SyncRun. Nothing is changed in the source or target databases.

-Line limits it to some lines (by name or wildcard, or lines piped from Get-SyncLine); without it every line's runs are considered, those of removed lines too, and Clear-SyncRun asks once more before removing anything (-Force, or -Confirm:$false, does not ask). -WhatIf says for each line how many runs (and history rows) would go, from when to when, and removes nothing.

A SQLite store file does not shrink when rows are removed: its free pages are reused by the next runs.
'@

    Parameters  = @{
        Line     = @{
            Description  = 'The names of the lines whose runs to remove. Wildcards are allowed. A name without wildcards that matches no line writes an error, and the other names are still done. Lines piped from Get-SyncLine bind by their Name. Name is an alias.'
            DefaultValue = 'Every line with runs'
        }
        Before   = @{
            Description  = 'Removes the runs started before this moment, such as (Get-Date).AddDays(-30). A date without a time zone is local time. Text is read as [datetime]''...'' reads it, whatever the culture: year first, such as ''2024-06-01''.'
            DefaultValue = 'None'
        }
        KeepLast = @{
            Description  = 'Keeps the newest this many runs of each line (1 or more) and removes the older ones (with -Before, only those started before it).'
            DefaultValue = 'None'
        }
        Force    = 'Removes the runs of every line without the extra question asked when -Line is not given.'
        PassThru = 'Writes one object per line whose runs were removed, with the line, the number of runs and history rows removed, and the start of the oldest and newest of them.'
    }

    Inputs      = 'Line names, or objects with a Name property such as the output of Get-SyncLine.'

    Outputs     = 'None, or with -PassThru one OfiSync.Core.Store.RunRemoval per line: Line, LineId, Runs, HistoryRows, OldestStarted and NewestStarted (UTC).'

    Examples    = @(
        @{
            Title   = 'See what would go, then remove runs older than 30 days'
            Code    = "Clear-SyncRun -Before (Get-Date).AddDays(-30) -WhatIf`nClear-SyncRun -Before (Get-Date).AddDays(-30) -Force -PassThru"
            Remarks = 'The first command lists, per line, how many runs and history rows would be removed; the second removes them without asking and lists what went.'
        }
        @{
            Title   = 'Keep the last 10 runs of the customer lines'
            Code    = "Get-SyncLine -Name 'Cli*' | Clear-SyncRun -KeepLast 10"
            Remarks = 'Each line from Get-SyncLine binds by its Name; the runs of each beyond its newest 10 are removed.'
        }
        @{
            Title   = 'Apply the store''s retention now'
            Code    = 'Clear-SyncRun -Force'
            Remarks = 'Removes, for every line, the runs the store''s retention would prune after its next run.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncStore', 'Set-SyncStore', 'Get-SyncRun')
}
