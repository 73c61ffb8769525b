@{
    Synopsis    = 'Gets the run history of the store: one record per line and run, newest first.'

    Description = @'
Every time Invoke-OfiSync runs a line, the store records the run: its id, the sync it belongs to (SyncId: one Invoke-OfiSync call, shared by every line that call ran), the line, the mode, the status, when it started and ended, the machine and user that ran it, and the counts of rows read, inserted, updated, deleted, flagged, unchanged, failed and skipped. Get-SyncRun lists these records, the newest first.

Without parameters it lists every run. -LastSync gets the runs of the newest sync (every line the last Invoke-OfiSync call ran), -SyncId those of a given sync. -Line keeps the runs of some lines, -Since the runs started from a moment on, -Last the newest few, and -Filter any condition on the properties of the records. -Id gets runs by their ids. To see the rows of a run, pipe it to Get-SyncRunResult: Get-SyncRun -LastSync | Get-SyncRunResult -Status Failed lists every row that failed in the last sync, whatever line it belongs to.

The Mode of a run is Incremental (an ordinary run), All (Invoke-OfiSync -All) or Selected (rows piped from Get-SyncPreview). Its Status is Running (not ended yet), Succeeded, CompletedWithErrors (some rows failed), Failed (the line could not complete; Message says why, such as the delete safety cap) or Stopped (-MaxErrors was reached, or the command was stopped).
'@

    Parameters  = @{
        Line   = @{
            Description  = 'The names of the lines whose runs to get. Wildcards are allowed. The runs of each name or pattern come out in turn, newest first, and -Last applies to each. A run belongs to its line, so after Set-SyncLine -NewName the older runs are listed under the new name too; runs of a removed line are found by the name it had. A name without wildcards that matches no line and no run writes an error. Name is an alias. Lines piped from Get-SyncLine bind to -InputObject and select their runs the same way.'
            DefaultValue = 'Every line'
        }
        Id     = 'The ids of the runs to get, such as the RunId of a row result or of an Invoke-OfiSync -Summary object: Get-SyncRun -Id $summary.RunId. An id that is not in the store writes an error. From the pipeline, the RunId property of run results, summaries and runs binds here, so Get-SyncRunResult ... | Get-SyncRun gives the run of those rows.'
        InputObject = 'Sync lines from Get-SyncLine, through the pipeline: the runs of each line, as with -Line (and -Last applies to each).'
        LastSync = 'Gets the runs of the newest sync: the runs that the last Invoke-OfiSync call recorded, one per line it ran, newest first. The newest sync is the one of the newest run in the store, whichever machine ran it. A run recorded by a version of OfiSync without sync ids is a sync of its own.'
        SyncId = 'Gets the runs of the syncs with these ids (the SyncId of a run, a row result or an Invoke-OfiSync -Summary object). An id that no run records writes an error.'
        Last   = @{
            Description  = 'Gets only the newest runs: this many in all, or this many of each -Line name or pattern.'
            DefaultValue = 'Every run'
        }
        Since  = @{
            Description  = 'Gets only the runs that started at this moment or later, such as (Get-Date).AddDays(-7). A date written without a time zone, such as [datetime]''2024-06-01'', is taken as local time; the store keeps times in UTC. Text is read as [datetime]''...'' reads it, whatever the culture: year first, such as ''2024-06-01'' or ''2024-06-01 18:00''.'
            DefaultValue = 'None'
        }
        Filter = @'
Keeps only the runs for which a condition holds, written in Where-Object syntax on the properties of the run records, as a scriptblock or a string: such as { Failed -gt 0 } or { Status -ne 'Succeeded' -and Mode -eq 'Incremental' }. The names are bare property names (RunId, SyncId, Line, Mode, Status, Started, Ended, Read, Inserted, Updated, Deleted, Flagged, Unchanged, Failed, Skipped, Message, Host, User), without $_; Duration cannot be compared, use Started and Ended. The filter is evaluated by OfiSync's own filter evaluator, not run as PowerShell: the operators are -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin (and their case-sensitive forms -ceq, -clike, -cin...), -and, -or and -not, and a $variable takes its value from the caller's scope. A name the records lack ends the command with an error that lists the names there are.
'@
    }

    Inputs      = 'Sync lines from Get-SyncLine, which bind to -InputObject: the runs of those lines. Objects with a RunId or Id property (a number), such as row results, summaries and runs, bind to -Id: the run each belongs to.'

    Outputs     = 'One OfiSync.Core.Engine.SyncRun per run (the same type as Invoke-OfiSync -Summary writes), with RunId, SyncId, Line, Mode, Status, Started and Ended (in UTC), Duration, Read, Inserted, Updated, Deleted, Flagged, Unchanged, Failed, Skipped, Message, Host and User. The default view shows RunId, Line, Mode, Status, Started (in local time), Duration, Inserted, Updated, Deleted, Flagged and Failed.'

    Examples    = @(
        @{
            Title   = 'List the last runs'
            Code    = 'Get-SyncRun -Last 10'
            Remarks = 'Shows the ten newest runs of any line, the newest first.'
        }
        @{
            Title   = 'List the runs of the last week that did not succeed'
            Code    = 'Get-SyncRun -Since (Get-Date).AddDays(-7) -Filter { Status -ne ''Succeeded'' -or Failed -gt 0 }'
            Remarks = 'Keeps the runs that failed, stopped or had failed rows. Message tells why a run failed or stopped.'
        }
        @{
            Title   = 'The last run of each customer line'
            Code    = "Get-SyncRun -Line 'Cli*' -Last 1 | Format-List *"
            Remarks = 'Shows every property of the newest run whose line name starts with Cli, including the host and user that ran it and the counts of read and unchanged rows.'
        }
        @{
            Title   = 'What the last sync did, and its failed rows'
            Code    = "Get-SyncRun -LastSync`nGet-SyncRun -LastSync | Get-SyncRunResult -Status Failed | Export-Csv failures.csv"
            Remarks = 'The first command lists one run per line that the last Invoke-OfiSync call ran. The second passes them to Get-SyncRunResult, which takes each RunId from the pipeline and writes the rows that failed in any of them, with the line, key and error of each, into a CSV file. Get-SyncRunResult -LastSync -Status Failed does the same in one command.'
        }
        @{
            Title   = 'Runs of the lines that are enabled'
            Code    = 'Get-SyncLine -Filter { Enabled -eq $true } | Get-SyncRun -Last 3'
            Remarks = 'Each line binds to -InputObject, so this lists the three newest runs of each enabled line.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncRunResult', 'Invoke-OfiSync', 'Get-SyncLine')
}
