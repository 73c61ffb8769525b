@{
    Synopsis    = 'Runs sync lines: writes the new and changed source rows into the target, applies the delete policies, and returns a result for every row.'

    Description = @'
Invoke-OfiSync runs sync lines, the lines they depend on first. Without -Line or pipeline input it runs every enabled line.

Up to -ThrottleLimit lines (4 by default) run at once: a line starts as soon as every line it depends on has succeeded (or completed with failed rows), and two lines that write the same target table never run at once. A line that fails stops the lines that depend on it, and nothing else. -ThrottleLimit 1 runs the lines one after the other, in dependency order, as earlier versions did. Results come out as each line's batches are committed, so with several lines running their rows interleave; each result names its line. The progress shows one bar for the sync and one bar under it for each running line.

For each line, it reads the source with the line's pre-filter run inside the source database, maps the columns and resolves the lookups. The run is incremental: OfiSync keeps, per source key, a hash of the row's mapped values as they were last written successfully, and only rows whose key has no hash, or whose hash differs, are written. Writes are upserts by the line's target key, in batches of the line's BatchSize: a rerun updates the same target row and never adds a second one. A row that fails keeps no hash, so the next run sends it again; so does a row written without every column (see -ExcludeColumn). Changes made by hand in the target are not detected, because only the source side is hashed: -All writes every row again.

After the inserts and updates, when the line's delete policy is Flag or Delete and the run read the line's whole scope (no -Filter, and not rows piped from a preview), the keys that were written before and that the source no longer returns are flagged or deleted in the target. A row that stopped passing the line's pre-filter counts as gone too. A safety cap protects against a source that came back empty or half read: when the rows to delete or flag are more than -DeleteCapPercent of the rows of the target table, nothing is deleted and the line fails with an error; -Force lifts the cap.

Rows piped from Get-SyncPreview are applied exactly as previewed: the rows that are still in the pipeline, with the values their properties hold, and only the column properties still on the objects. Untick rows with Where-Object (or a grid view) and columns with Select-Object -ExcludeProperty or Get-SyncPreview -ExcludeColumn. The source is not read again and nothing else of the line is written; such a run is recorded with the mode Selected. A preview row with a property that is not a column of its line (added with Select-Object or Add-Member) is refused with an error naming it (PreviewRowPropertyUnknown), and rows that went through Export-Csv and Import-Csv, which keep neither types nor NULL, are refused with one error per line (PreviewRowsFromText): pick such rows by key instead (Get-SyncPreview Clientes | Where-Object Key -in $keys), or keep a preview in a file with Export-Clixml and Import-Clixml, which keep it exactly.

Invoke-OfiSync asks once for the whole sync before any line runs (its ConfirmImpact is High, so it asks with the default $ConfirmPreference): the question has one line per sync line, saying how many rows it would insert, update and delete, or flag (with the column and the value it sets) for a line with the Flag delete policy, counted by reading the source first. The counts are all made before the first line runs, so a line that depends on another one is counted against the target as it is before the sync. A session started with -NonInteractive cannot ask, and the command fails there; scheduled jobs use -Force or -Confirm:$false. -WhatIf counts and says, in one message, what each line would do, and writes nothing.

Every row acted on comes out as a result, as its batch is committed: its line, key, action (Insert, Update, Delete, or Flag for a line with the Flag delete policy), status (Succeeded, Failed or Skipped) and, for a failure, the error and the column to blame. Rows that had not changed give no result; they are counted as Unchanged in the run's summary. Each failed row is also written as a non-terminating error (ErrorId RowFailed, with the row's result as its target object), so $? is $false after a run with failures, -ErrorVariable collects them and -ErrorAction Stop stops at the first one. A line that cannot run at all (a table or column that changed, a filter, the delete cap) writes one error (ErrorId SyncLineFailed, or ConnectionFailed when a database cannot be reached) and the lines that depend on it are not run (DependencyFailed); the other lines go on. A connection whose password cannot be found (its environment variable not set, its secret unreadable, no -Credential) writes one error before anything runs (ErrorId CredentialUnavailable, with the connection as its target object), naming the lines that use it; those lines are not run. A line that another run holds (in this or another process, or on another machine sharing a server store) after -LockTimeout writes one error (ErrorId LineLocked, category ResourceBusy, with the line as its target object) and is skipped, its dependants too; with -LockTimeout 0 it is skipped at once. Every run of every line is recorded in the store, with the id of the sync it belongs to (SyncId: one per Invoke-OfiSync call, shared by every line the call ran): Get-SyncRunResult -LastSync -Status Failed lists every row that failed in the last call, whatever its line. See Get-SyncRun and Get-SyncRunResult.

Passing faults are tried again, on a new connection, waiting 0.5, 1, 2, 4 and 8 seconds, with a warning each time as it happens: a lost connection, a restarted server, or a SQLite database that another program holds locked (a write transaction it keeps open). Each try waits for such a lock for a couple of seconds (the connection's Default Timeout), so a line waits about half a minute in all before it fails with an error that names the line, the connection and the database file. Batches committed before a fault stay written.

With -Verbose, each line says the query it reads the source with (the pre-filter as SQL, its parameters, and what is left to filter in memory), and then, batch by batch, how many rows were read, inserted, updated, unchanged, deleted, flagged, failed and skipped, how many times the batch was retried after a passing fault, and how long reading, writing and recording it took.
'@

    Parameters  = @{
        Line             = @{
            Description  = 'The names of the lines to run. Wildcards are allowed. The lines run in dependency order whatever the order given. A name or pattern that matches no line writes an error. A disabled line named here is skipped with a warning, unless -IncludeDisabled is given. Name is an alias. When preview rows are piped in, -Line is ignored.'
            DefaultValue = 'Every enabled line'
        }
        InputObject      = 'What to run, from the pipeline: SyncLine objects from Get-SyncLine, or line names, run like -Line; or preview rows from Get-SyncPreview, applied exactly as previewed. Preview rows are grouped by line; rows of a line that kept different sets of columns are written in separate passes, each recorded as a run. Other objects write an error (InputObjectNotUnderstood).'
        LockTimeout      = 'How many seconds a line waits when another run of the same line is in progress, in this or another process, or on another machine sharing a server store (30 by default). After that, the line is skipped with a non-terminating error (ErrorId LineLocked, category ResourceBusy, the line as its target object) that says so, and writes nothing; the lines that depend on it are not run. 0 skips a locked line at once: what several machines that run the same schedule on one server store want. A line that waited and then ran finds only what the other run left to do. The lock lives in the store: a PostgreSQL advisory lock, a SQL Server application lock, or a lock file beside a SQLite store; it is released when the run ends or its process dies (the session or the file handle ends with it), so a killed run never leaves a line locked.'
        ThrottleLimit    = @{
            Description  = 'How many lines run at the same time, from 1 to 64. A line starts once every line it depends on succeeded; lines that write the same target table wait for each other. 1 runs the lines one after the other in dependency order. More lines at once help when lines wait on their databases (a slow view, a remote server); on a machine with few cores, lines that convert many rows share the processor, and an embedded SQLite target or store takes one writer at a time.'
            DefaultValue = '4'
        }
        AsOf             = @{ Description = 'For sales statistics lines: the day the figures are computed for (sales of the current fiscal year up to and including that day, and of the previous fiscal year). Today when not given; give it to repeat a run exactly. Other lines ignore it. Text is read as [datetime]''...'' reads it, whatever the culture: year first, such as ''2025-06-30''.'; DefaultValue = 'Today (the current date)' }
        All              = '"Sync all": writes every source row again (within the pre-filter and -Filter), whatever the kept hashes say. It is an upsert by the target key: rows the target lacks are inserted and the others updated; the target table is never truncated, and rows the source lacks are left to the line''s delete policy as in an ordinary run. The run is recorded with the mode All. Ignored when preview rows are piped in.'
        Filter           = 'A filter for this run only, in Where-Object syntax, given as a scriptblock or a string, such as { fecha_modif -ge ''2024-06-01'' }. It is combined with the line''s own pre-filter by -and, can name the line''s target columns or the source''s columns, and reads $variables from the caller''s scope. A run with -Filter reads only part of the line''s scope, so it never deletes or flags rows. See FILTERS in about_OfiSync.'
        ExcludeColumn    = 'Target columns of the lines that this run does not write: the target keeps what those columns hold. A key column cannot be left out, and a name that is not a target column of a line makes that line fail. Rows written without every column keep no hash, so the next incremental run sends them whole again.'
        Force            = 'Runs without asking for confirmation (unless -Confirm is given too), and lifts the delete safety cap (-DeleteCapPercent), so a line deletes or flags every row gone from the source however many there are. To run unattended and keep the cap, use -Confirm:$false instead.'
        MaxErrors        = @{
            Description  = 'Stops a line once this many of its rows have failed. The count is checked after each batch, so the rows of that batch are all handled first. The run is recorded as Stopped, its deletes are not done, and the lines that depend on it are not run. 0 means no limit.'
            DefaultValue = '0 (no limit)'
        }
        DeleteCapPercent = 'The safety cap on deletes: the largest share, from 0 to 100, of the rows of a line''s target table that one run may delete or flag (rounded down: with the default 10, a table of 25 rows allows 2). When more rows are gone from the source, the line deletes nothing, fails with an error that gives the counts, and its run is recorded as Failed; its inserts and updates are already written. With fewer than 10 target rows, the default allows no delete at all. -Force lifts the cap.'
        Summary          = 'Writes one run record (OfiSync.Core.Engine.SyncRun, the same objects Get-SyncRun reads from the history, shown with a summary view) per line instead of one result per row: RunId, SyncId, Line, Mode, Status, the counts Read, Inserted, Updated, Deleted, Flagged, Unchanged, Failed and Skipped, Started, Ended, Duration, RowsPerSecond and Message, and WritePaths (rows written by the plain bulk insert, by the upsert, and those that fell back from the one to the other because the target held them already: a diagnostic of this run, not kept in the history). Failed rows then write no error each: a line with failed rows writes one error (ErrorId RowsFailed, with the summary as its target object) that gives the count and the command that lists them. When two or more lines ran, one OfiSync.Core.Engine.SyncTotal comes last: SyncId, Lines (asked for), Succeeded, CompletedWithErrors, Failed, NotRun (locked, blocked by a failed dependency, or without a password), the counts of rows added up (Read, Inserted, Updated, Deleted, Flagged, Unchanged, FailedRows), Started, Ended, Duration and RowsPerSecond. Scripts that want only the lines keep the objects that have a RunId: Where-Object RunId.'
        IncludeDisabled  = 'Also runs disabled lines. Without it, disabled lines are left out: silently (with a verbose message) when every line runs, with a warning when the line was named.'
        Credential       = "The user name and password for connections created with New-SyncConnection -PromptForCredential, used to connect to the lines' source and target. Connections that take their password from an environment variable or a SecretManagement secret read it themselves and ignore -Credential."
        WhatIf           = 'Shows in one message, with a line for each sync line, how many rows the run would insert, update and delete (or flag, with the column and value), and into which table, without writing anything or recording a run. The counts are made by reading the source and the sync state, as a run would.'
        Confirm          = 'Asks once before the sync, stating for each line how many rows it would insert, update and delete. Invoke-OfiSync asks anyway unless -Force is given or $ConfirmPreference is None; -Confirm:$false runs without asking and keeps the delete safety cap.'
    }

    Inputs      = 'SyncLine objects from Get-SyncLine, line names, or preview rows (OfiSync.PreviewRow objects, or copies of them made by Select-Object) from Get-SyncPreview.'

    Outputs     = @'
One OfiSync.Core.Engine.RowResult per row acted on, with RunId, Line, Key, Action (Insert, Update, Delete or Flag), Status (Succeeded, Failed or Skipped), Error, Column (the target column the error is about, when one is to blame) and TargetId (the value of the line's TargetId column, such as the CRM's id). The default view marks the status: ✔ Succeeded, ✘ Failed, – Skipped.

With -Summary, one OfiSync.Core.Engine.SyncRun per line run instead (and, when two or more lines ran, one OfiSync.Core.Engine.SyncTotal last, the sync added up), shown with the summary view (Read, Unchanged and Rows/s beside the counts); Get-SyncRun gives the same records later. Its Mode is Incremental, All or Selected (rows from a preview); its Status is Succeeded, CompletedWithErrors (some rows failed), Failed (the line could not complete, such as when the delete cap stopped it; Message says why) or Stopped (-MaxErrors, or the command was stopped).
'@

    Notes       = @'
A pipeline that stops reading early stops the run too: Invoke-OfiSync | Select-Object -First 3 ends the line after the batch that gave those rows, and the run is recorded as Stopped; what was committed stays, and the next run sends the rest. A pipeline that delivers nothing (a Where-Object that kept no preview row) runs nothing.

A run with -ErrorAction Stop stops at the first failed row, after the batch that holds it: the rows of that batch are already written, the rest of the line, its deletes and the lines after it are not run; that line stops itself after that batch (lines run ahead of the pipeline, so the engine is told to stop at a line's first failed row; $ErrorActionPreference = 'Stop' counts too) and is recorded as Stopped; the other lines running at that moment stop after their current batch and are recorded as Stopped with the counts of what they did (a line that had already reached its end, as Succeeded or CompletedWithErrors).

A row is Skipped when it waits for another line: a sales statistics row whose customer the customers line has not sent to the CRM yet. Its error says which line to run; it is sent by a later run. Rows left out of a preview are not sent at all, and rows that had not changed are only counted as Unchanged.

Preview rows with the action Delete or Flag are applied like the others: the row is deleted, or its flag column set, by its key. If the line's delete policy changed between the preview and the run, such a row fails with a message saying so, and nothing is done to it.
'@

    Examples    = @(
        @{
            Title   = 'Run every enabled line'
            Code    = 'Invoke-OfiSync'
            Remarks = 'Asks before each line, saying how many rows it would insert, update and delete, then writes one result per row it acted on. Rows that had not changed since the last run are not written and give no result.'
        }
        @{
            Title   = 'See what a run would do'
            Code    = 'Invoke-OfiSync -WhatIf'
            Remarks = @'
Writes one message with a line per sync line, such as: What if: Performing the operation "Synchronise" on target "insert 3, update 12, delete 0 rows of line 'Clientes' into crm.cuenta". Nothing is written and no run is recorded. Get-SyncPreview shows the same rows one by one.
'@
        }
        @{
            Title   = 'Apply only some rows of a preview'
            Code    = 'Get-SyncPreview Clientes | Where-Object { $_.poblacion -eq ''Madrid'' } | Invoke-OfiSync'
            Remarks = 'Writes only the customers from Madrid, exactly as the preview showed them, after asking once for the line. The other changed customers are left for the next run.'
        }
        @{
            Title   = 'Apply a preview without one column'
            Code    = 'Get-SyncPreview Clientes | Where-Object Action -in ''Insert'', ''Update'' | Select-Object * -ExcludeProperty telefono | Invoke-OfiSync -Confirm:$false'
            Remarks = 'Writes every previewed insert and update except the telefono column, without asking. Those rows keep no hash, so the next incremental run sends them whole, telefono included. Delete and Flag rows are left out, to be applied by an ordinary run under its safety cap.'
        }
        @{
            Title   = 'Send every customer again'
            Code    = 'Get-SyncLine -Name Clientes | Invoke-OfiSync -All -Summary -Confirm:$false'
            Remarks = 'Writes every source row of the line again, as an upsert (nothing is truncated), and shows one summary with the counts instead of one result per row. Useful after the CRM was restored or changed by hand.'
        }
        @{
            Title   = 'A scheduled job that tells the scheduler when a row failed'
            Code    = @'
# sync.ps1, run by cron, a systemd timer or the Task Scheduler as: pwsh -NoProfile -NonInteractive -File sync.ps1
Import-Module OfiSync
Invoke-OfiSync -Force -ErrorVariable failed
if ($failed) {
    Get-SyncRunResult -LastSync -Status Failed | Export-Csv /var/log/ofisync/failures.csv
    exit 1
}
'@
            Remarks = @'
A non-interactive session cannot answer the confirmation, so the job runs with -Force. Every failed row, and every line that could not run, adds an error to $failed; the rows that failed in any line of this sync go to a CSV file, and the script ends with exit code 1 so the scheduler reports the failure; the results go to the job's output. Add -Summary for one line per sync line in the log.

-Force also lifts the delete safety cap. To keep the cap in an unattended job, write Invoke-OfiSync -Confirm:$false -ErrorVariable failed instead.
'@
        }
        @{
            Title   = 'Several machines on one server store'
            Code    = @'
Invoke-OfiSync -Force -Summary -ThrottleLimit 4 -LockTimeout 0 -Store 'PostgreSql:Host=db1;Database=ofisync;Username=sync' -ErrorVariable problems
$locked = @($problems | Where-Object FullyQualifiedErrorId -like 'LineLocked*')
Get-SyncRunResult -LastSync -Status Failed
'@
            Remarks = 'Every machine runs the same job on the same PostgreSQL store: each line runs on one machine at a time, and a machine that finds a line running elsewhere skips it at once (ErrorId LineLocked) instead of waiting. The last line lists the rows that failed in this sync, whatever their line. With -LockTimeout 60 the second machine would wait, then find nothing left to send.'
        }
        @{
            Title   = 'Allow a larger delete than the safety cap'
            Code    = 'Invoke-OfiSync -Line Clientes -DeleteCapPercent 30'
            Remarks = 'A run that would delete or flag more than 10% of the rows of the target table fails without deleting anything. After checking that those customers really are gone from the ERP, this run allows up to 30% of them. -Force would allow any number.'
        }
        @{
            Title   = 'Look at the failed rows of a run'
            Code    = @'
$results = Invoke-OfiSync -Line Clientes -Confirm:$false -ErrorAction SilentlyContinue
$results | Where-Object Status -eq 'Failed' | Format-Table Key, Column, Error -Wrap
'@
            Remarks = 'Runs the line without showing an error per failed row, then lists the failed rows with the column to blame and the reason. The next run tries them again. Get-SyncRunResult gives the same rows later, from the store.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncPreview', 'Get-SyncRun', 'Get-SyncRunResult', 'Get-SyncLine')
}
