using System.Data;
using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers.Sqlite;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers.PostgreSql;

/// <summary>PostgreSQL through Npgsql: binary COPY for writes, advisory locks for the store.</summary>
public sealed class PostgreSqlProvider : ProviderBase
{
    public override string Name => "PostgreSql";
    public override IReadOnlyList<string> Aliases { get; } = new[] { "Postgres", "Npgsql" };
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';
    public override string ServerVersionQuery => "SELECT version()";
    public override string CommonKeywords => "Host, Port, Database, Username, SSL Mode, Timeout, Command Timeout, Pooling";
    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new NpgsqlConnectionStringBuilder();
    public override SqlFilterDialect FilterDialect => PostgreSqlFilterDialect.Instance;
    public override StoreDialect Store { get; } = new PostgreSqlStoreDialect();
    public override CatalogSql Catalog { get; } = new("public");

    protected override IReadOnlyDictionary<string, string> KeywordSuggestions { get; } = new[]
    {
        SqliteProvider.Suggest("Host=<Server>", "server", "data source", "datasource", "address", "addr", "network address"),
        SqliteProvider.Suggest("Database=<Database>", "initial catalog", "dbname", "db"),
        SqliteProvider.Suggest("Username=<User>", "user id", "userid", "user", "uid", "login"),
    }.SelectMany(d => d).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    public override ITargetWriter CreateWriter(DbConnection connection, WriterShape shape, int commandTimeout) =>
        new PostgreSqlTargetWriter(connection, shape, commandTimeout);

    public override string ConnectionStringFor(string stored, NetworkCredential? credential)
    {
        // Without it Npgsql hides a constraint's detail ("Key (nif)=(B1) already exists"), which names the column at fault.
        var builder = new NpgsqlConnectionStringBuilder(stored) { IncludeErrorDetail = true };
        if (credential is not null)
        {
            if (!string.IsNullOrEmpty(credential.UserName)) builder.Username = credential.UserName;
            builder.Password = credential.Password;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Npgsql reads whether a column allows NULL (pg_attribute.attnotnull) only when asked for KeyInfo: without it,
    /// every PostgreSQL column would look nullable. A computed column of a query stays unknown, taken as nullable.
    /// </summary>
    public override Task<IReadOnlyList<ColumnInfo>?> ReadColumnsAsync(DbConnection connection, string? table, string? query, CancellationToken cancel) =>
        SchemaReader.ReadColumnsAsync(connection, this, table, query, TableExistsSql, CommandBehavior.SchemaOnly | CommandBehavior.KeyInfo, cancel);

    protected override string TableExistsSql(bool withSchema) => withSchema
        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = @n AND table_schema = @s"
        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = @n AND table_schema = ANY (current_schemas(false))";

    public override FaultKind Classify(Exception exception) => exception switch
    {
        PostgresException pg when pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal) => FaultKind.Row,
        PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                                  || pg.SqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01" => FaultKind.Transient,
        PostgresException => FaultKind.None,
        NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is IOException or SocketException => FaultKind.Transient,
        _ => FaultKind.None,
    };
}
