@{
    Synopsis    = 'Runs SQL of your own against a stored connection or a connection string, and writes the rows as objects.'

    Description = @'
Invoke-SyncQuery runs a SQL statement, in the database's own dialect, against a stored connection (see New-SyncConnection) or a provider and connection string, and writes every row it returns as an object whose properties are the columns. Use it to look at the ERP or the CRM while you design sync lines: which tables and columns there are, what the values look like, how many rows a filter keeps.

Values go in as parameters, never pasted into the SQL text: write @name in the query and give its value in -Parameters. Database NULL values come out as $null. When a join returns two columns of the same name, the second gets its position as a suffix, such as codigo_5. A statement that returns several result sets writes the rows of each in turn.

The statement runs as it is written, including statements that change data (INSERT, UPDATE, DELETE, CREATE): use -WhatIf to see which connection a query would run against, and a login with read-only rights when you only mean to read. The password of the connection never appears in the output or in errors.
'@

    Parameters  = @{
        Connection       = 'The name of the stored connection to run the query against. Its password comes from the connection''s credential source, or from -Credential for a connection created with -PromptForCredential. Name is an alias, so Get-SyncConnection output can be piped in.'
        Provider         = 'The kind of database of a connection string given directly: Sqlite, PostgreSql or SqlServer.'
        ConnectionString = "A connection string to use directly, without a stored connection, in the syntax of the provider's driver, such as 'Data Source=/srv/erp/erp.db;Mode=ReadOnly' for SQLite. A SQLite file that does not exist is an error naming it, unless the connection string says Mode=ReadWriteCreate: that is how a new database is created on purpose."
        Query            = 'The SQL to run, in the dialect of the database (SQLite, PostgreSQL or T-SQL). Write @name where a value goes and give the value in -Parameters. Queries can also be piped in, one after another.'
        Parameters       = 'The values of the @names in the query: a hashtable such as @{ provincia = ''Madrid''; desde = [datetime]''2024-01-01'' }. The keys may be written with or without the @. $null becomes a database NULL.'
        CommandTimeout   = 'How many seconds the query may take before it is cancelled; 0 means no limit.'
        Credential       = 'The user name and password for a stored connection created with New-SyncConnection -PromptForCredential.'
    }

    Inputs      = 'Query text; or objects with a Connection or Name property (such as the output of Get-SyncConnection), which binds to -Connection.'

    Outputs     = 'One PSObject per row returned, with one property per column, named like the column. Nothing for statements that return no rows.'

    Examples    = @(
        @{
            Title   = 'Look at some customers of the ERP'
            Code    = "Invoke-SyncQuery -Connection erp -Query 'SELECT codigo, razon_social, provincia FROM cliente ORDER BY codigo LIMIT 10' | Format-Table"
            Remarks = 'Runs the query against the stored connection erp (a SQLite or PostgreSQL database: T-SQL would use TOP 10 instead of LIMIT) and shows the rows as a table.'
        }
        @{
            Title   = 'Count the rows a filter keeps, with a parameter'
            Code    = "Invoke-SyncQuery erp 'SELECT COUNT(*) AS clientes FROM cliente WHERE activo = 1 AND provincia = @provincia' -Parameters @{ provincia = 'Madrid' }"
            Remarks = 'The first two positions are -Connection and -Query. The value Madrid travels as a parameter, so quotes or accents in it cannot break the SQL.'
        }
        @{
            Title   = 'List the columns of a SQL Server table'
            Code    = @'
$sql = 'SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = @t ORDER BY ORDINAL_POSITION'
Invoke-SyncQuery -Connection crm -Query $sql -Parameters @{ t = 'cuenta' }
'@
            Remarks = 'Shows the columns of the CRM table cuenta with their types and lengths, to write the -Map of a sync line.'
        }
        @{
            Title   = 'Query a SQLite file without storing a connection'
            Code    = "Invoke-SyncQuery -Provider Sqlite -ConnectionString 'Data Source=/srv/erp/erp.db;Mode=ReadOnly' -Query 'SELECT name FROM sqlite_master WHERE type = ''table'''"
            Remarks = 'Lists the tables of the SQLite file, opened read-only so that it is not changed. A path with a typo is an error that names the file.'
        }
        @{
            Title   = 'Create a new SQLite database on purpose'
            Code    = "Invoke-SyncQuery -Provider Sqlite -ConnectionString 'Data Source=/srv/test/crm.db;Mode=ReadWriteCreate' -Query 'CREATE TABLE cuenta (id INTEGER PRIMARY KEY, codigo TEXT UNIQUE NOT NULL, razon_social TEXT)'"
            Remarks = 'Mode=ReadWriteCreate asks for the file to be created when it does not exist; without it, OfiSync never creates a database, so a path with a typo cannot leave an empty database behind.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncConnection', 'Test-SyncConnection', 'New-SyncLine')
}
