@{
    Synopsis    = 'Shows, row by row, what a run of sync lines would write into the target, without writing anything.'

    Description = @'
Get-SyncPreview prepares each named line exactly as Invoke-OfiSync would: it reads the source with the line's pre-filter run inside the source database, maps the columns, resolves the lookups and compares the hash of each row's mapped values with the hash kept, per source key, from the last time the row was written successfully. Instead of writing, it sends one object per row that a run would act on. Nothing is written to the target or to the store, and no run is recorded. Disabled lines are previewed too when they are named or matched.

Each preview object has these properties, in this order:

- Line: the name of the line.
- Key: the source key of the row; the values of a composite key are joined with '|'.
- Action: Insert (the key has no sync state: it was never sent), Update (the key was handled before and its mapped values changed since, its last write failed, it was last written without every column, or -All is given) or Delete (the key was sent before and the source no longer returns it, or it no longer passes the line's pre-filter, and the line's delete policy is Delete) or Flag (the same, for a line whose delete policy is Flag: the flag column will be set). With -IncludeUnchanged, rows with nothing to do come out too, as Unchanged.
- one property per target column that the run would write, in the order of the target table's columns, named like the column and holding the value that would be written (after conversion to the column's type). A column left out with -ExcludeColumn is not there. A target column named Line, Key, Action, Changes or Error comes out with a trailing underscore, such as Key_. Delete rows carry no column properties; a Flag row carries the flag column, with the value it would set.
- Changes: for updates, the columns whose value differs from what the target row holds now, each with Column, Old and New; for a Flag row, the flag column with the value it replaces.
- Error: why the row cannot be written, such as a lookup that finds no match, a value that does not fit its column, or a key column that is NULL in the source (such a row is shown with its other values, so it can be found). Such a row fails when it is applied.

Delete and Flag rows are listed only when the preview reads the line's whole scope: a -Filter narrows what is read, so rows that were not read cannot be told apart from rows that are gone, and no Delete or Flag rows are listed.

The preview is made of ordinary PowerShell objects, so it can be edited before it is applied: keep or drop rows with Where-Object (or pick them in a grid view); drop columns with Select-Object -ExcludeProperty, or with -ExcludeColumn here. Then pipe what is left to Invoke-OfiSync, which writes exactly those rows, with the values the objects hold and only the column properties still on them, without reading the source again. A row written without every column keeps no hash, so the next incremental run sends it whole again.

Export-Csv and Import-Csv keep neither the values' types nor NULL, so Invoke-OfiSync refuses preview rows that went through a CSV file. To pick rows in a spreadsheet, keep their keys and pick by key: $keys = (Import-Csv picked.csv).Key; Get-SyncPreview Clientes | Where-Object Key -in $keys | Invoke-OfiSync. Export-Clixml and Import-Clixml keep a preview exactly, NULLs and types included.
'@

    Parameters  = @{
        Line             = 'The names of the lines to preview. Wildcards are allowed; use * for every line. The lines are previewed in the order they run (the lines they depend on first). A name without wildcards that matches no line, or a pattern that matches none, writes an error. Name is an alias, so Get-SyncLine output can be piped in.'
        AsOf             = @{ Description = 'For sales statistics lines: the day the figures are computed for (sales of the current fiscal year up to and including that day, and of the previous fiscal year). Today when not given; give it to repeat a run exactly. Other lines ignore it. Text is read as [datetime]''...'' reads it, whatever the culture: year first, such as ''2025-06-30''.'; DefaultValue = 'Today (the current date)' }
        All              = 'Previews "sync all" (Invoke-OfiSync -All): the kept hashes are ignored, so every source row within the filters comes out, as Insert when its key was never sent and as Update otherwise.'
        Filter           = 'A filter for this preview only, in Where-Object syntax, given as a scriptblock or a string, such as { poblacion -eq ''Madrid'' }. It is combined with the line''s own pre-filter by -and. It can name the line''s target columns or the source''s columns; $variables take their values from the caller''s scope. Like the pre-filter, it is translated into the source query''s WHERE clause where it can be. With a -Filter, no Delete rows are listed. See FILTERS in about_OfiSync.'
        ExcludeColumn    = 'Target columns of the line that the run would not write: they are left out of the preview objects and of Changes, so Invoke-OfiSync does not write them when the rows are piped to it. A key column cannot be left out, and a name that is not a target column of the line ends that line with an error that lists its columns.'
        IncludeUnchanged = 'Also outputs the rows that have not changed since they were last written, with the action Unchanged. Unchanged rows piped to Invoke-OfiSync are written again, as updates.'
        Credential       = "The user name and password for connections created with New-SyncConnection -PromptForCredential, used to connect to the lines' source and target. Connections that take their password from an environment variable or a SecretManagement secret read it themselves and ignore -Credential."
    }

    Inputs      = 'Objects with a Line or Name property, such as the SyncLine objects of Get-SyncLine.'

    Outputs     = 'One PSObject (type name OfiSync.PreviewRow) per row a run would act on, with the properties Line, Key, Action, one property per written target column, Changes and Error. The default view shows Line, Action, Key and the changes or the error; Format-List * shows every column.'

    Notes       = @'
Delete rows piped to Invoke-OfiSync are applied as the line's delete policy says (flag or delete), for exactly those keys: they were previewed and confirmed, so the safety cap of ordinary runs does not apply to them. Unchanged rows (-IncludeUnchanged) piped in are not written.

The values of a preview are those of the moment it was made: Invoke-OfiSync writes them as they are on the objects, even if the source changed since, or if you changed a property. The next incremental run compares the source with what was written, and sends the row again when they differ.
'@

    Examples    = @(
        @{
            Title   = 'See what the next run of a line would do'
            Code    = 'Get-SyncPreview -Line Clientes'
            Remarks = 'Lists the customers that the next incremental run would insert, update or flag, with the changed columns of each update, old and new. Nothing is written.'
        }
        @{
            Title   = 'Look at the values first, then pick'
            Code    = @'
Get-SyncColumn Clientes poblacion -Profile
Get-SyncPreview Clientes | Where-Object poblacion -in 'Madrid', 'Ávila' | Invoke-OfiSync
'@
            Remarks = 'The filter helper counts the towns of the customers the line would send, most frequent first ("4 distinct, Madrid (13), Ávila (13)..."); the second command previews them and applies only the rows of the two towns picked from that list.'
        }
        @{
            Title   = 'Apply only the rows of one town'
            Code    = 'Get-SyncPreview Clientes | Where-Object { $_.poblacion -eq ''Madrid'' } | Invoke-OfiSync'
            Remarks = 'The column values are properties of the preview rows, so Where-Object picks rows by them. Invoke-OfiSync asks for confirmation, then writes only the rows from Madrid; the other changes stay pending for the next run.'
        }
        @{
            Title   = 'Apply the rows without one column'
            Code    = 'Get-SyncPreview Clientes | Where-Object Action -ne ''Delete'' | Select-Object * -ExcludeProperty telefono | Invoke-OfiSync'
            Remarks = @'
Select-Object removes the telefono property, so Invoke-OfiSync writes every other column and leaves telefono in the CRM as it is. Where-Object leaves out the Delete rows, to apply them later in an ordinary run under its safety cap. Because those rows were written without every column, the next incremental run sends them whole again, telefono included. Get-SyncPreview Clientes -ExcludeColumn telefono does the same.
'@
        }
        @{
            Title   = 'Pick the rows in a grid'
            Code    = @'
# Windows
Get-SyncPreview Clientes | Out-GridView -PassThru -Title 'Rows to send' | Invoke-OfiSync
# Linux and macOS: Install-Module Microsoft.PowerShell.ConsoleGuiTools
Get-SyncPreview Clientes | Out-ConsoleGridView -Title 'Rows to send' | Invoke-OfiSync
'@
            Remarks = 'Shows the preview rows in a grid where you select the rows to send; only the selected rows are written. Out-GridView exists on Windows only; Out-ConsoleGridView, from the Microsoft.PowerShell.ConsoleGuiTools module, works in any terminal.'
        }
        @{
            Title   = 'List the changed columns of every update'
            Code    = "Get-SyncPreview Clientes | Where-Object Action -eq 'Update' | Select-Object Key -ExpandProperty Changes"
            Remarks = 'One line per changed column: the key of the row, the column, the value the CRM has now and the value the run would write.'
        }
        @{
            Title   = 'Count what a sync all would do, line by line'
            Code    = 'Get-SyncPreview * -All | Group-Object Line, Action -NoElement'
            Remarks = 'Previews Invoke-OfiSync -All for every line and counts its inserts, updates and deletes. Sync all is an upsert of every source row: the target table is never truncated, and deletes follow the line''s delete policy as in an ordinary run.'
        }
        @{
            Title   = 'Preview a subset with a filter of your own'
            Code    = @'
$towns = 'Madrid', 'Toledo'
Get-SyncPreview Clientes -Filter { poblacion -in $towns } -ExcludeColumn telefono
'@
            Remarks = 'Previews only the customers of two towns, without the telefono column. The filter is added to the line''s pre-filter and runs in the source database; $towns is read from the session. No Delete rows are listed, because the whole scope of the line is not read.'
        }
    )

    Links       = @('Get-SyncColumn', 'about_OfiSync', 'Invoke-OfiSync', 'Get-SyncLine', 'Get-SyncRun')
}
