@{
    Synopsis    = 'Gets the run history of the store: one record per line and run, newest first.'

    Description = @'
Every time Invoke-OfiSync runs a line, the store records the run: its id, the line, the mode, the status, when it started and ended, the machine and user that ran it, and the counts of rows read, inserted, updated, deleted, unchanged, failed and skipped. Get-SyncRun lists these records, the newest first.

Without parameters it lists every run. -Line keeps the runs of some lines, -Since the runs started from a moment on, -Last the newest few, and -Filter any condition on the properties of the records. -Id gets runs by their ids. To see the rows of a run, pipe it to Get-SyncRunResult.

The Mode of a run is Incremental (an ordinary run), All (Invoke-OfiSync -All) or Selected (rows piped from Get-SyncPreview). Its Status is Running (not ended yet), Succeeded, CompletedWithErrors (some rows failed), Failed (the line could not complete; Message says why, such as the delete safety cap) or Stopped (-MaxErrors was reached, or the command was stopped).
'@

    Parameters  = @{
        Line   = @{
            Description  = 'The names of the lines whose runs to get. Wildcards are allowed. The runs of each name or pattern come out in turn, newest first, and -Last applies to each. A run belongs to its line, so after Set-SyncLine -NewName the older runs are listed under the new name too; runs of a removed line are found by the name it had. A name without wildcards that matches no line and no run writes an error. Name is an alias. -Line does not take pipeline input: write Get-SyncRun -Line (Get-SyncLine ''C*'').Name.'
            DefaultValue = 'Every line'
        }
        Id     = 'The ids of the runs to get, such as the RunId of a row result or of an Invoke-OfiSync -Summary object: Get-SyncRun -Id $summary.RunId. An id that is not in the store writes an error. From the pipeline, the RunId property of run results, summaries and runs binds here, so Get-SyncRunResult ... | Get-SyncRun gives the run of those rows.'
        Last   = @{
            Description  = 'Gets only the newest runs: this many in all, or this many of each -Line name or pattern.'
            DefaultValue = 'Every run'
        }
        Since  = @{
            Description  = 'Gets only the runs that started at this moment or later, such as (Get-Date).AddDays(-7). A date written without a time zone, such as [datetime]''2024-06-01'', is taken as local time; the store keeps times in UTC. Text is read as [datetime]''...'' reads it, whatever the culture: year first, such as ''2024-06-01'' or ''2024-06-01 18:00''.'
            DefaultValue = 'None'
        }
        Filter = @'
Keeps only the runs for which a condition holds, written in Where-Object syntax on the properties of the run records, as a scriptblock or a string: such as { Failed -gt 0 } or { Status -ne 'Succeeded' -and Mode -eq 'Incremental' }. The names are bare property names (RunId, Line, Mode, Status, Started, Ended, Read, Inserted, Updated, Deleted, Unchanged, Failed, Skipped, Message, Host, User), without $_; Duration cannot be compared, use Started and Ended. The filter is evaluated by OfiSync's own filter evaluator, not run as PowerShell: the operators are -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin, -and, -or and -not, and a $variable takes its value from the caller's scope. A name the records lack ends the command with an error that lists the names there are.
'@
    }

    Inputs      = 'Objects with a Line or Name property, such as the lines of Get-SyncLine, which bind to -Line. Objects with a RunId or Id property (a number) and neither a Line nor a Name bind to -Id; the runs, results and summaries of OfiSync have a Line, so piping them gets every run of their line.'

    Outputs     = 'One OfiSync.Core.Store.SyncRun per run, with RunId, Line, Mode, Status, Started and Ended (in UTC), Duration, Read, Inserted, Updated, Deleted, Unchanged, Failed, Skipped, Message, Host and User. The default view shows RunId, Line, Mode, Status, Started (in local time), Duration, Inserted, Updated, Deleted and Failed.'

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
            Title   = 'The failed rows of the last run'
            Code    = 'Get-SyncRun -Last 1 | Get-SyncRunResult -Status Failed | Export-Csv failures.csv'
            Remarks = 'Get-SyncRunResult takes the RunId of the run from the pipeline and writes the rows that failed in it, with the key and the error of each, into a CSV file.'
        }
        @{
            Title   = 'Runs of the lines that are enabled'
            Code    = 'Get-SyncLine -Filter { Enabled -eq $true } | Get-SyncRun -Last 3'
            Remarks = 'The name of each line binds to -Line, so this lists the three newest runs of each enabled line.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncRunResult', 'Invoke-OfiSync', 'Get-SyncLine')
}
