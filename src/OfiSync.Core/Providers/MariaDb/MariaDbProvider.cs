using System.Data.Common;
using System.Net;
using MySqlConnector;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers.Sqlite;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// MariaDB (10.6 or later: RETURNING, JSON_TABLE) through MySqlConnector, also reached by the name MySql: backtick
/// quoting, multi-row INSERT ... ON DUPLICATE KEY UPDATE for writes (see <see cref="MariaDbTargetWriter"/>), GET_LOCK
/// for the store's run locks.
/// </summary>
public sealed class MariaDbProvider : ProviderBase
{
    public override string Name => "MariaDb";
    public override IReadOnlyList<string> Aliases { get; } = new[] { "MySql", "MySqlConnector" };
    protected override char OpenQuote => '`';
    protected override char CloseQuote => '`';
    public override string ServerVersionQuery =>
        "SELECT CASE WHEN VERSION() LIKE '%MariaDB%' THEN CONCAT('MariaDB ', VERSION()) ELSE CONCAT('MySQL ', VERSION()) END";
    public override string CommonKeywords => "Server, Port, Database, User ID, SslMode, Connection Timeout, Default Command Timeout, Pooling";
    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new MariaDbConnectionStringBuilder();
    public override SqlFilterDialect FilterDialect => MariaDbFilterDialect.Instance;
    public override StoreDialect Store { get; } = new MariaDbStoreDialect();
    public override CatalogSql Catalog { get; } = new MariaDbCatalogSql();

    /// <summary>
    /// MySqlConnector takes most spellings of the other drivers (Host, Data Source, Initial Catalog, Username...):
    /// these are the ones it does not.
    /// </summary>
    protected override IReadOnlyDictionary<string, string> KeywordSuggestions { get; } = new[]
    {
        SqliteProvider.Suggest("Database=<Database>", "dbname", "db", "schema", "search path", "filename", "file", "path"),
        SqliteProvider.Suggest("User ID=<User>", "login"),
        SqliteProvider.Suggest("<MariaDbSsl>", "trust server certificate", "trustservercertificate", "encrypt"),
        SqliteProvider.Suggest("Connection Timeout=<Seconds>", "timeout"),
        SqliteProvider.Suggest("Default Command Timeout=<Seconds>", "default timeout"),
    }.SelectMany(d => d).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    public override ITargetWriter CreateWriter(DbConnection connection, WriterShape shape, int commandTimeout) =>
        new MariaDbTargetWriter(connection, shape, commandTimeout);

    /// <summary>
    /// The credential, and the settings OfiSync relies on unless the connection string sets them itself: CHAR(36)
    /// columns read as the text they are (GuidFormat=None), and zero dates ('0000-00-00') read as 0001-01-01 instead
    /// of failing the whole read. AllowLoadLocalInfile stays as given (off by default): with it, a server may ask this
    /// machine for any file it can read, so LOAD DATA LOCAL is the user's choice, never OfiSync's.
    /// </summary>
    public override string ConnectionStringFor(string stored, NetworkCredential? credential)
    {
        var given = new MySqlConnectionStringBuilder(stored);
        var builder = new MySqlConnectionStringBuilder(stored);
        if (!given.ContainsKey("GuidFormat")) builder.GuidFormat = MySqlGuidFormat.None;
        if (!given.ContainsKey("ConvertZeroDateTime") && !given.ContainsKey("AllowZeroDateTime")) builder.ConvertZeroDateTime = true;
        if (credential is not null)
        {
            if (!string.IsNullOrEmpty(credential.UserName)) builder.UserID = credential.UserName;
            builder.Password = credential.Password;
        }
        return builder.ConnectionString;
    }

    /// <summary>Tables and views of the connection's database (DATABASE()), or of the database named before the dot.</summary>
    protected override string TableExistsSql(bool withSchema) => withSchema
        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = @n AND table_schema = @s"
        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = @n AND table_schema = DATABASE()";

    public override FaultKind Classify(Exception exception) => exception switch
    {
        MySqlException mysql => MariaDbErrors.Classify(mysql),
        MariaDbLoadWarningException { Number: not 0 } => FaultKind.Row,
        _ => FaultKind.None,
    };
}

/// <summary>MariaDB: the tables of the connection's database, text in utf8mb4, and text told apart by its bytes.</summary>
internal sealed class MariaDbCatalogSql : CatalogSql
{
    public override string TablesQuery =>
        "SELECT NULL, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME";

    /// <summary>Every column's text in one character set and collation, so the branches of one UNION agree (latin1 columns too).</summary>
    public override string AsText(string expression) => $"CONVERT({expression} USING utf8mb4) COLLATE utf8mb4_bin";

    public override string ExactText(string column) => $"CAST({column} AS BINARY)";
}
