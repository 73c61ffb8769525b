@{
    Synopsis    = 'Shows the OfiSync store: where it is, its schema version, how much run history it keeps, and how much it holds.'

    Description = @'
Get-SyncStore describes the store the other cmdlets use (the default one, OFISYNC_STORE, or -Store): its Location (a file path, or the database with any password replaced by ***), its Provider (Sqlite, PostgreSql, MariaDb or SqlServer) and SchemaVersion, and its history retention: HistoryDays and HistoryRuns, the limits each line's run history is pruned to (0 means forever in that dimension; Set-SyncStore changes them).

It also counts what the store holds: Lines, Connections, Runs, HistoryRows (the row results of every run, whether kept one by one or packed per batch), StateRows (the sync state: one per source row of each line) and the start of the OldestRun; and SizeBytes, the space the store takes where the database tells it cheaply: the SQLite file's pages (used and free: a SQLite file does not shrink when rows are deleted, its free pages are reused), the PostgreSQL tables with their indexes, InnoDB's estimate on MariaDB, or the pages used on SQL Server (left empty when the account may not read them).

Get-SyncStore only reads the store.
'@

    Parameters  = @{}

    Inputs      = 'None.'

    Outputs     = 'One OfiSync.Core.Store.StoreSummary, with Location, Provider, SchemaVersion, HistoryDays, HistoryRuns, Lines, Connections, Runs, HistoryRows, StateRows, SizeBytes and OldestRun (UTC). The default view is a list, with 0 limits shown as forever and the size in KB or MB.'

    Examples    = @(
        @{
            Title   = 'See how big the store is and what history it keeps'
            Code    = 'Get-SyncStore'
            Remarks = 'Shows the default store: where it is, its schema version, HistoryDays and HistoryRuns, and its counts and size.'
        }
        @{
            Title   = 'Compare the size of two stores'
            Code    = "'./test.db', './prod.db' | ForEach-Object { Get-SyncStore -Store `$_ } | Select-Object Location, Runs, HistoryRows, SizeBytes"
            Remarks = 'Describes each store in turn and shows their runs, history rows and sizes side by side.'
        }
    )

    Links       = @('about_OfiSync', 'Set-SyncStore', 'Clear-SyncRun', 'Get-SyncRun')
}
