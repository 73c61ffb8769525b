using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Filtering;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers.Sqlite;

/// <summary>SQLite, the embedded default: a file per database, opened without ever creating one unless asked to.</summary>
public sealed class SqliteProvider : ProviderBase
{
    /// <summary>
    /// How long one statement waits for a database that another program holds locked (a write transaction left open)
    /// before the attempt fails; the engine then tries again with backoff, warning each time.
    /// </summary>
    internal const int LockWaitSeconds = 2;

    public override string Name => "Sqlite";
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';
    public override string ServerVersionQuery => "SELECT 'SQLite ' || sqlite_version()";
    public override string CommonKeywords => "Data Source, Mode, Cache, Foreign Keys, Default Timeout, Pooling";
    public override bool TakesCredential => false;
    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new SqliteConnectionStringBuilder();
    public override SqlFilterDialect FilterDialect => SqliteFilterDialect.Instance;
    public override SalesSql Sales { get; } = new SqliteSalesSql();
    public override CatalogSql Catalog { get; } = new SqliteCatalogSql();
    public override StoreDialect Store { get; } = new SqliteStoreDialect();

    protected override IReadOnlyDictionary<string, string> KeywordSuggestions { get; } = Suggest("Data Source=<File>",
        "host", "server", "data source", "address", "addr", "network address", "database", "initial catalog", "dbname", "db", "filename", "file", "path");

    internal static IReadOnlyDictionary<string, string> Suggest(string instead, params string[] spellings) =>
        spellings.ToDictionary(s => s, _ => instead, StringComparer.OrdinalIgnoreCase);

    public override ITargetWriter CreateWriter(DbConnection connection, WriterShape shape, int commandTimeout) =>
        // SQLite statements never time out: their timeout is only how long they wait for a lock, which is waited for in short
        // attempts (the connection's Default Timeout) and then tried again by the engine, with warnings.
        new SqliteTargetWriter(connection, shape, ((SqliteConnection)connection).DefaultTimeout);

    private static readonly string[] TimeoutKeywords = { "Default Timeout", "DefaultTimeout", "Command Timeout" };

    public override string ConnectionStringFor(string stored, NetworkCredential? credential)
    {
        // No pooling: a connection left inside a failed transaction, or to a file since replaced, is never handed out again.
        var sqlite = new SqliteConnectionStringBuilder(stored) { Pooling = false };
        var given = new DbConnectionStringBuilder { ConnectionString = stored };
        // Opening never creates a database: a typo in the path is an error naming it. Mode=ReadWriteCreate, given
        // explicitly, is how a user asks for a new database (Invoke-SyncQuery building one).
        if (!given.ContainsKey("Mode")) sqlite.Mode = SqliteOpenMode.ReadWrite;
        // A database another program holds locked is waited for in short attempts: the engine's retries, with their
        // warnings, do the longer waiting, bounded. An explicit Default Timeout is the user's.
        if (!TimeoutKeywords.Any(given.ContainsKey)) sqlite.DefaultTimeout = LockWaitSeconds;
        return sqlite.ConnectionString;
    }

    /// <summary>A database file that is not there is an error naming it: opening never creates one unless asked to.</summary>
    public override Task<DbConnection> OpenAsync(string connectionName, string connectionString, CancellationToken cancel)
    {
        if (LocalFile(connectionString) is { } file && !File.Exists(file))
            throw Connections.SyncConnectionException.Of(connectionName, () => Messages.SqliteFileMissing(connectionName, file));
        return base.OpenAsync(connectionName, connectionString, cancel);
    }

    /// <summary>
    /// The full path of the file a connection string opens without creating it; null for an in-memory or temporary
    /// database, a URI, or a connection that asks to create its file (Mode=ReadWriteCreate).
    /// </summary>
    private static string? LocalFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadWriteCreate || string.IsNullOrEmpty(source)
            || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
            return null;
        return Path.GetFullPath(source);
    }

    protected override string OpenFailure(string connectionName, string connectionString, string reason, Exception exception) =>
        LocalFile(connectionString) is { } file
            ? Messages.SqliteCannotOpen(connectionName, file, reason)
            : base.OpenFailure(connectionName, connectionString, reason, exception);

    public override void PrepareSource(DbConnection connection) => SqliteFilterFunctions.Register((SqliteConnection)connection);

    public override string Describe(DbConnection connection) => ((SqliteConnection)connection).DataSource;

    /// <summary>
    /// A table's declared columns. Microsoft.Data.Sqlite's GetColumnSchema scans the whole table once per column to
    /// guess each column's type from its rows; the declared type is what OfiSync uses, and costs nothing to read.
    /// </summary>
    public override async Task<IReadOnlyList<ColumnInfo>?> ReadColumnsAsync(DbConnection connection, string? table, string? query, CancellationToken cancel)
    {
        if (query is not null || table is null) return await base.ReadColumnsAsync(connection, table, query, cancel).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type, \"notnull\" FROM pragma_table_info(@t) ORDER BY cid";
        command.Parameters.Add(new SqliteParameter("@t", table.Split('.')[^1]));
        var columns = new List<ColumnInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var declared = reader.GetString(1);
            // No size: SQLite does not enforce VARCHAR(n), so a longer text is written whole, as SQLite itself would.
            columns.Add(new ColumnInfo(reader.GetString(0), ClrType(declared), declared, reader.GetInt64(2) == 0, null, columns.Count));
        }
        // A table without columns does not exist (pragma_table_info gives nothing for it).
        return columns.Count == 0 ? null : columns;
    }

    protected override string TableExistsSql(bool withSchema) =>
        "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = @n COLLATE NOCASE";

    /// <summary>The CLR type of SQLite's type affinity for a declared type.</summary>
    private static Type ClrType(string declared)
    {
        var d = declared.ToUpperInvariant();
        if (d.Contains("INT", StringComparison.Ordinal)) return typeof(long);
        if (d.Contains("CHAR", StringComparison.Ordinal) || d.Contains("CLOB", StringComparison.Ordinal) || d.Contains("TEXT", StringComparison.Ordinal)) return typeof(string);
        if (d.Length == 0 || d.Contains("BLOB", StringComparison.Ordinal)) return typeof(byte[]);
        if (d.Contains("REAL", StringComparison.Ordinal) || d.Contains("FLOA", StringComparison.Ordinal) || d.Contains("DOUB", StringComparison.Ordinal)) return typeof(double);
        return typeof(object);
    }

    public override FaultKind Classify(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => FaultKind.Locked,
        SqliteException { SqliteErrorCode: 18 or 19 or 20 or 25 } => FaultKind.Row,
        _ => FaultKind.None,
    };
}

/// <summary>
/// SQLite keeps dates as text and NUMERIC as floating point: documents are compared by day as 'yyyy-MM-dd' text, and
/// sums are rounded so that ties rank the same as on exact databases.
/// </summary>
internal sealed class SqliteSalesSql : SalesSql
{
    public override string Day(string column) => $"date({column})";
    public override object DayParameter(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public override string Sum(string expression) => $"ROUND(SUM({expression}), 4)";
}

/// <summary>SQLite keeps its tables in sqlite_master, one schema per file.</summary>
internal sealed class SqliteCatalogSql : CatalogSql
{
    public override string ForCompletion(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString;

    public override string TablesQuery =>
        "SELECT NULL, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name";
}
