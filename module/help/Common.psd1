# Text of the parameters that several OfiSync cmdlets share: -Store of every cmdlet, -WhatIf and -Confirm, and the
# line definition of New-SyncLine and Set-SyncLine. A cmdlet's own help source wins over this file.
@{
    Parameters = @{
        Store          = @'
The store to use instead of the default one: the path of a SQLite file, or a PostgreSQL or SQL Server database written as 'PostgreSql:<connection string>' or 'SqlServer:<connection string>'. A relative path is relative to the current PowerShell location.

Only New-SyncConnection and Import-SyncLine create a store that does not exist yet (a SQLite file readable by its owner only, with its folders, or the tables in the database). Every other cmdlet needs the store to exist: a path with a typo is an error that names it, and nothing is created. The cmdlets that only read (Get-*, Test-*, Export-SyncLine, Invoke-SyncQuery) need only read access to the store, and never change it.

Without -Store, the OFISYNC_STORE environment variable chooses the store when it is set, in the same forms; otherwise the store is store.db in the OfiSync folder of the user's local data folder (~/.local/share/OfiSync on Linux, %LOCALAPPDATA%\OfiSync on Windows). The password of a server store can come from the OFISYNC_STORE_PASSWORD environment variable. See about_OfiSync.
'@
        WhatIf         = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
        Confirm        = 'Prompts you for confirmation before running the cmdlet.'

        Credential     = "The user name and password for connections created with New-SyncConnection -PromptForCredential, used to connect to the line's source and target. Connections that take their password from an environment variable or a SecretManagement secret read it themselves and ignore -Credential."
        Description    = 'A free text about the sync line, kept in the store.'
        Enabled        = 'Whether the line takes part when lines run. -Enabled:$false keeps the line but leaves it out; -Enabled turns it on again. New lines are enabled.'
        SourceQuery    = "A SELECT statement, in the source database's SQL, whose rows are the source, instead of -SourceTable: for example to join two tables. The pre-filter (-Filter) is applied to its rows."
        TargetKey      = 'The target columns that hold the key, one per -Key column and in the same order. By default, the target columns the key columns are mapped to, or columns of the same names. The target key finds the row to update, so a rerun never adds a second row for the same source row.'
        TargetId       = "A target column, such as the CRM's identity column, whose value is read back after a row is written and kept in the sync state."
        Map            = @'
How each target column gets its value: a hashtable whose keys are target columns. A value is one of:

- a source column name, such as 'razon_social';
- a constant, the same on every row: @{ Constant = 'Cliente' };
- a lookup that translates a source value through a table of the target: @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' } writes the id of the sector row whose codigo_origen equals the source's sector_codigo. A value the lookup does not find fails the row, and the error names the value; add OnMissing = 'Null' to write NULL instead;
- the CRM id another line recorded for a value: @{ FromLine = 'Clientes'; From = 'customer_key' } (From defaults to customer_key), used by sales statistics lines to reach each customer's CRM record.

A key column that the map leaves out is added to it, into its target key column. With New-SyncLine, no -Map maps every source column to the target column of the same name (ignoring case), read from both tables. With Set-SyncLine, -Map replaces the whole map.
'@
        Filter         = @'
The pre-filter: which source rows take part, as a condition in Where-Object syntax on the source columns, given as a scriptblock or a string, such as { activo -eq 1 -and provincia -eq 'Madrid' }. It can name the line's target columns (their mapped values) or the source's other columns; a misspelt name is refused with the closest name and the two lists. A $variable, and an environment variable written $env:NAME, is read when the filter is given and kept as its value: the line does not change when the variable does, and a variable or environment variable that is not set is refused. The operators are Where-Object's: -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin, which ignore case, their case-sensitive forms -ceq, -cne, -cgt, -cge, -clt, -cle, -clike, -cnotlike, -cin, -cnotin, and -and, -or, -not. It is kept as text in the line, and runs inside the source database when the line runs, so only the wanted rows are read. $null or an empty string removes the pre-filter. See FILTERS in about_OfiSync.
'@
        ChangeColumn   = @'
A source column that moves forward whenever a row changes: a modification time (fecha_modif) or an increasing number (a row version). Incremental runs then read only the rows whose value is at or after the line's high-water mark less -ChangeOverlap, the rows without a value, and the rows whose last write failed (by key); the row hash still decides what is written, so a row read again costs nothing in the target. The mark is the highest value the run's committed batches read, kept in the store: a stopped or killed run never skips a row. Rows gone from the source are found by a scan of the keys alone when -DeletePolicy needs them. The first run, a run with -All, a run after the line changed, and a run where the column went back (a restored backup) read every row and take a new mark; a run with -Filter, or of picked preview rows, reads as always and leaves the mark alone. What a change column cannot see (a lookup table or another line's ids that changed) is sent by a run with -All, for example weekly. An empty string removes the change column.
'@
        ChangeOverlap  = 'How far before its high-water mark a date change column is read again, for transactions that commit after a run read past them and clocks that differ: 5 minutes when not given. Not used for an integer change column, which is read from its mark.'
        DeletePolicy   = "What happens in the target to a row that disappeared from the source: Ignore leaves the target row alone (the default); Flag sets -FlagColumn to -FlagValue in the target row, for example estado = 'Inactivo'; Delete deletes the target row."
        FlagColumn     = 'The target column that the Flag delete policy sets in rows that disappeared from the source, such as estado.'
        FlagValue      = 'The value the Flag delete policy writes into -FlagColumn: a string, a number, a boolean, a date or $null.'
        Order          = 'The place of the line when lines run and are listed: lower numbers first, then by name. Dependencies come first whatever their order: a line always runs after the lines it depends on.'
        DependsOn      = 'The names of the lines that must run before this one, such as the sectors line before the customers line whose lookup needs the sectors. The lines must exist; a line cannot depend on itself, and lines cannot depend on each other in a cycle.'
        BatchSize      = 'How many rows are written to the target per batch, from 1 to 100000.'
        CommandTimeout = 'How many seconds each database command of the line may take; 0 means no limit. SQLite statements never time out: a SQLite target that another program holds locked is waited for in short tries instead, as Invoke-OfiSync describes.'
        SkipCheck      = 'Save the line without connecting to the databases. The definition itself is still checked (the connections and the lines it depends on exist, the key and the map are complete); the tables, columns and types are not. Run Test-SyncLine later.'
    }
}
