using System.Data.Common;
using System.Net;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Filtering;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers;

/// <summary>
/// Everything OfiSync does differently on one database: how it connects, quotes, reads a schema, pushes a filter down,
/// computes sales statistics, writes a target in bulk, keeps a store and locks its lines, and which of its errors are
/// about a row, passing or fatal. One implementation per folder under Providers/ (a new database is one new folder and
/// one line in <see cref="DatabaseProviders"/>); nothing else in the engine names a driver or branches on a database.
/// </summary>
public interface IDatabaseProvider
{
    /// <summary>The name connections store and -Provider takes: Sqlite, PostgreSql, SqlServer, MariaDb.</summary>
    string Name { get; }

    /// <summary>Other names a user may write for it (MySql for MariaDb), compared ignoring case.</summary>
    IReadOnlyList<string> Aliases { get; }

    // --- Connections -------------------------------------------------------------------------------------------------

    DbConnection CreateConnection(string connectionString);

    /// <summary>The driver's own connection string builder: it knows which keywords and values the driver takes.</summary>
    DbConnectionStringBuilder CreateConnectionStringBuilder();

    /// <summary>How this database spells what a keyword brought from another one means ("Host=&lt;server&gt;" for Data Source), or null.</summary>
    string? SuggestKeyword(string keyword);

    /// <summary>A few keywords the driver takes, for a message about one it does not.</summary>
    string CommonKeywords { get; }

    /// <summary>Whether the database takes a user and password at all (SQLite does not).</summary>
    bool TakesCredential { get; }

    /// <summary>
    /// The connection string to store with New-SyncConnection's options (integrated security, TLS), or the option this
    /// database does not take.
    /// </summary>
    (string? ConnectionString, string? UnsupportedOption) ApplyOptions(string connectionString, ConnectionOptions options);

    /// <summary>The connection string to open with: the stored one, the credential added, and the driver settings OfiSync relies on.</summary>
    string ConnectionStringFor(string stored, NetworkCredential? credential);

    /// <summary>
    /// Opens a connection with the full connection string (secret included): a failure comes out as a
    /// <see cref="Connections.SyncConnectionException"/> naming the connection, with what to do and no secret.
    /// </summary>
    Task<DbConnection> OpenAsync(string connectionName, string connectionString, CancellationToken cancel);

    /// <summary>A query returning one text value that names the server and its version.</summary>
    string ServerVersionQuery { get; }

    /// <summary>Prepares an open connection to run source queries (SQLite registers the filter's functions).</summary>
    void PrepareSource(DbConnection connection);

    /// <summary>Which database an open connection is on, for a message about it (the file of an embedded database).</summary>
    string Describe(DbConnection connection);

    // --- SQL -------------------------------------------------------------------------------------------------------------

    /// <summary>Quotes one identifier (a table, schema or column name) for this database.</summary>
    string QuoteIdentifier(string identifier);

    /// <summary>Quotes a table name that may carry a schema ("dbo.cliente").</summary>
    string QuoteTable(string table);

    /// <summary>Sets a query parameter's value the way this driver keeps it exact (SQL Server's datetime2).</summary>
    void SetParameterValue(DbParameter parameter, object? value);

    // --- Schema, source, statistics ----------------------------------------------------------------------------------

    /// <summary>The columns of a table or of a query, or null when the table does not exist.</summary>
    Task<IReadOnlyList<ColumnInfo>?> ReadColumnsAsync(DbConnection connection, string? table, string? query, CancellationToken cancel);

    /// <summary>How a filter becomes this database's SQL.</summary>
    SqlFilterDialect FilterDialect { get; }

    /// <summary>How the sales statistics query reads a date, binds a day and sums amounts on this database.</summary>
    SalesSql Sales { get; }

    /// <summary>How this database lists its tables and profiles columns (Get-SyncColumn, tab completion).</summary>
    CatalogSql Catalog { get; }

    // --- Target, store, faults ---------------------------------------------------------------------------------------

    /// <summary>The writer of one target table through this database's bulk path.</summary>
    ITargetWriter CreateWriter(DbConnection connection, WriterShape shape, int commandTimeout);

    /// <summary>The store's SQL, types and run lock on this database.</summary>
    StoreDialect Store { get; }

    /// <summary>Whether an error of this database's driver is about a row's values, a passing fault, or neither.</summary>
    FaultKind Classify(Exception exception);
}

/// <summary>New-SyncConnection's options that change the stored connection string.</summary>
public sealed record ConnectionOptions(bool IntegratedSecurity = false, string? Encrypt = null, bool TrustServerCertificate = false);

/// <summary>What an error says about the work that raised it.</summary>
public enum FaultKind
{
    /// <summary>Not an error of this database's driver, or one that ends the work.</summary>
    None,
    /// <summary>The values of one row are at fault (a constraint, a conversion): that row fails, the others go on.</summary>
    Row,
    /// <summary>A passing fault of the connection or the server: the work is tried again on a new connection.</summary>
    Transient,
    /// <summary>Another program holds the database locked: a passing fault, named as such.</summary>
    Locked,
}
