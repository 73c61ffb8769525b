@{
    Synopsis    = 'Gets the row results recorded for runs: which rows each run inserted, updated or deleted, and which failed and why.'

    Description = @'
Invoke-OfiSync records in the store, for every run, the result of every row it acted on: the row's key, the action (Insert, Update, Delete, or Flag for a line with the Flag delete policy), the status (Succeeded, Failed or Skipped), the error of a failed row or the reason a row was skipped, and the target's id for the row when the line has a TargetId. Get-SyncRunResult reads those results back, in the order they happened, for the runs whose ids it is given, or for every run of the last sync (-LastSync).

The run ids come from Get-SyncRun, from Invoke-OfiSync -Summary, or from the results themselves: each has a RunId property, which binds to -RunId through the pipeline. -Status keeps only the rows of one status, such as the failed rows to send to whoever fixes the data in the ERP: Get-SyncRunResult -LastSync -Status Failed gives every row that failed in the last Invoke-OfiSync call, whatever its line.

Rows that had not changed are not recorded: they appear only in the run's Unchanged count (Get-SyncRun).
'@

    Parameters  = @{
        LastSync = 'Gets the rows of every run of the newest sync: all the lines the last Invoke-OfiSync call ran, in the order they ran. With -Status Failed, the failures of the last sync.'
        RunId  = 'The ids of the runs whose row results to get. Objects with a RunId or Id property, such as the runs of Get-SyncRun and the summaries of Invoke-OfiSync -Summary, bind here from the pipeline. An id that is not in the store writes an error.'
        Status = @{
            Description  = 'Gets only the rows of this status: Succeeded, Failed or Skipped. Without it, every row of the run comes out. Skipped rows come from sales statistics lines: a customer the customers line has not sent to the CRM, with the reason in Error.'
            DefaultValue = 'Every status'
        }
    }

    Inputs      = 'Objects with a RunId or Id property: the runs of Get-SyncRun, the summaries of Invoke-OfiSync -Summary, or row results.'

    Outputs     = 'One OfiSync.Core.Engine.RowResult per recorded row, with RunId, Line (the name the line had when it ran), Key, Action (Insert, Update, Delete or Flag), Status (Succeeded, Failed or Skipped), Error, Column (the target column a failure is about, when the database says which) and TargetId (the CRM''s id of the row). The default view marks the status: ✔ Succeeded, ✘ Failed, – Skipped.'

    Examples    = @(
        @{
            Title   = 'Export the failed rows of the last sync'
            Code    = 'Get-SyncRunResult -LastSync -Status Failed | Export-Csv failures.csv'
            Remarks = 'Writes one CSV line per row that failed in any line of the last Invoke-OfiSync call, with its line, key, action and error. Those rows are sent again by the next run, once the data is fixed.'
        }
        @{
            Title   = 'Every row of one run'
            Code    = 'Get-SyncRunResult 42'
            Remarks = 'Lists every row that run 42 acted on, with its status mark, action, key, target id and error. -RunId is the first position.'
        }
        @{
            Title   = 'Run, then list the failures'
            Code    = 'Invoke-OfiSync -Force -Summary -ErrorAction SilentlyContinue | Get-SyncRunResult -Status Failed'
            Remarks = 'Runs every enabled line with one summary per line, and sends each summary on to Get-SyncRunResult, which lists the failed rows of that run.'
        }
        @{
            Title   = 'Count today''s changes by action and status'
            Code    = 'Get-SyncRun -Line Clientes -Since (Get-Date).Date | Get-SyncRunResult | Group-Object Action, Status -NoElement'
            Remarks = 'Counts the rows of every run of the Clientes line since midnight, such as 12 "Update, Succeeded" and 1 "Insert, Failed".'
        }
        @{
            Title   = 'The history of one customer'
            Code    = 'Get-SyncRun -Line Clientes | Get-SyncRunResult | Where-Object Key -eq ''430000004'''
            Remarks = 'Shows every run that wrote, failed or deleted the customer 430000004, newest run first.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncRun', 'Invoke-OfiSync')
}
