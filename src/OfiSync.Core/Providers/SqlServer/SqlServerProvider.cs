using System.Data;
using System.Data.Common;
using System.Net;
using Microsoft.Data.SqlClient;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers.Sqlite;

namespace OfiSync.Core.Providers.SqlServer;

/// <summary>
/// SQL Server through Microsoft.Data.SqlClient: SqlBulkCopy and MERGE for writes, application locks for the store,
/// integrated security and TLS options. No server runs where OfiSync is built: its SQL is checked with ScriptDom.
/// </summary>
public sealed class SqlServerProvider : ProviderBase
{
    private static readonly int[] TransientNumbers = { -2, 20, 64, 233, 1205, 4060, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920 };
    private static readonly int[] RowErrorNumbers = { 242, 245, 515, 547, 2601, 2627, 2628, 8114, 8115, 8152, 220, 241, 295 };

    public override string Name => "SqlServer";
    public override IReadOnlyList<string> Aliases { get; } = new[] { "MSSQL", "SqlClient" };
    protected override char OpenQuote => '[';
    protected override char CloseQuote => ']';
    public override string ServerVersionQuery => "SELECT @@VERSION";
    public override string CommonKeywords => "Server, Database, User ID, Encrypt, TrustServerCertificate, Connect Timeout, Application Name";
    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new SqlConnectionStringBuilder();
    public override SqlFilterDialect FilterDialect => SqlServerFilterDialect.Instance;
    public override StoreDialect Store { get; } = new SqlServerStoreDialect();
    public override CatalogSql Catalog { get; } = new SqlServerCatalogSql();

    protected override IReadOnlyDictionary<string, string> KeywordSuggestions { get; } = new[]
    {
        SqliteProvider.Suggest("Server=<Server>", "host", "address", "addr", "network address"),
        SqliteProvider.Suggest("Database=<Database>", "dbname", "db"),
        SqliteProvider.Suggest("User ID=<User>", "username", "user name", "login"),
        SqliteProvider.Suggest("Server=<Server>,<Port>", "port"),
    }.SelectMany(d => d).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    public override ITargetWriter CreateWriter(DbConnection connection, WriterShape shape, int commandTimeout) =>
        new SqlServerTargetWriter(connection, shape, commandTimeout);

    /// <summary>Windows integrated authentication, and SqlClient's TLS options: encryption and trusting the server's certificate.</summary>
    public override (string? ConnectionString, string? UnsupportedOption) ApplyOptions(string connectionString, ConnectionOptions options)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (options.IntegratedSecurity) builder.IntegratedSecurity = true;
        if (options.Encrypt is not null) builder.Encrypt = SqlConnectionEncryptOption.Parse(options.Encrypt);
        if (options.TrustServerCertificate) builder.TrustServerCertificate = true;
        return (builder.ConnectionString, null);
    }

    public override string ConnectionStringFor(string stored, NetworkCredential? credential) =>
        credential is null ? stored : base.ConnectionStringFor(stored, credential);

    protected override string OpenFailure(string connectionName, string connectionString, string reason, Exception exception) =>
        exception is SqlException && reason.Contains("certificate", StringComparison.OrdinalIgnoreCase)
            ? Messages.CertificateNotTrusted(connectionName, reason)
            : base.OpenFailure(connectionName, connectionString, reason, exception);

    /// <summary>SqlClient sends a DateTime as datetime by default, which rounds to 1/300 s: datetime2 keeps it exact.</summary>
    public override void SetParameterValue(DbParameter parameter, object? value)
    {
        base.SetParameterValue(parameter, value);
        if (value is DateTime) parameter.DbType = DbType.DateTime2;
    }

    public override FaultKind Classify(Exception exception) => exception is SqlException sql
        ? sql.Errors.Cast<SqlError>().Any(e => RowErrorNumbers.Contains(e.Number)) ? FaultKind.Row
        : sql.Errors.Cast<SqlError>().Any(e => TransientNumbers.Contains(e.Number)) ? FaultKind.Transient
        : FaultKind.None
        : FaultKind.None;

    /// <summary>Whether a SQL Server error number is about a row's values (a constraint, a conversion, a value out of range).</summary>
    internal static bool IsRowErrorNumber(int number) => RowErrorNumbers.Contains(number);
}

/// <summary>SQL Server: TOP instead of LIMIT, nvarchar text, and a binary collation to tell text apart exactly.</summary>
internal sealed class SqlServerCatalogSql() : CatalogSql("dbo")
{
    public override string FirstRows(string columns, string rest, int rows) =>
        $"SELECT TOP ({rows.ToString(System.Globalization.CultureInfo.InvariantCulture)}) {columns} {rest}";

    public override string AsText(string expression) => $"CAST({expression} AS nvarchar(4000))";

    public override string ExactText(string column) => $"{column} COLLATE Latin1_General_BIN2";
}
