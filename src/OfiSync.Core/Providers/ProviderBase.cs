using System.Data.Common;
using System.Net;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Filtering;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers;

/// <summary>What most databases do the same way; each provider overrides what differs.</summary>
public abstract class ProviderBase : IDatabaseProvider
{
    public abstract string Name { get; }
    public virtual IReadOnlyList<string> Aliases => Array.Empty<string>();
    public abstract DbConnection CreateConnection(string connectionString);
    public abstract DbConnectionStringBuilder CreateConnectionStringBuilder();
    public abstract string CommonKeywords { get; }
    public abstract string ServerVersionQuery { get; }
    public abstract SqlFilterDialect FilterDialect { get; }
    public abstract StoreDialect Store { get; }
    public abstract ITargetWriter CreateWriter(DbConnection connection, WriterShape shape, int commandTimeout);
    public abstract FaultKind Classify(Exception exception);
    protected abstract char OpenQuote { get; }
    protected abstract char CloseQuote { get; }

    /// <summary>Keywords people bring from other databases, and how this one writes the same thing.</summary>
    protected virtual IReadOnlyDictionary<string, string> KeywordSuggestions { get; } = new Dictionary<string, string>();

    public string? SuggestKeyword(string keyword) => KeywordSuggestions.TryGetValue(keyword, out var instead) ? Messages.KeywordSuggestion(instead) : null;

    public virtual bool TakesCredential => true;

    public virtual (string? ConnectionString, string? UnsupportedOption) ApplyOptions(string connectionString, ConnectionOptions options) =>
        options.IntegratedSecurity ? (null, "IntegratedSecurity")
        : options.Encrypt is not null ? (null, "Encrypt")
        : options.TrustServerCertificate ? (null, "TrustServerCertificate")
        : (new DbConnectionStringBuilder { ConnectionString = connectionString }.ConnectionString, null);

    public virtual string ConnectionStringFor(string stored, NetworkCredential? credential)
    {
        if (credential is null) return stored;
        var builder = CreateConnectionStringBuilder();
        builder.ConnectionString = stored;
        if (!string.IsNullOrEmpty(credential.UserName)) builder["User ID"] = credential.UserName;
        builder["Password"] = credential.Password;
        return builder.ConnectionString;
    }

    public virtual async Task<DbConnection> OpenAsync(string connectionName, string connectionString, CancellationToken cancel)
    {
        var db = CreateConnection(connectionString);
        try
        {
            await db.OpenAsync(cancel).ConfigureAwait(false);
            return db;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            await db.DisposeAsync().ConfigureAwait(false);
            var reason = Connections.SecretScrubber.Scrub(ex.Message, connectionString);
            throw Connections.SyncConnectionException.Of(connectionName, () => OpenFailure(connectionName, connectionString, reason, ex), ex);
        }
    }

    /// <summary>What to tell the user when opening failed (a certificate not trusted, a file that is not a database...).</summary>
    protected virtual string OpenFailure(string connectionName, string connectionString, string reason, Exception exception) =>
        Messages.ConnectionFailed(connectionName, reason);

    public virtual void PrepareSource(DbConnection connection) { }

    public virtual string Describe(DbConnection connection) => connection.Database;

    public string QuoteIdentifier(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        if (identifier.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException(Messages.IdentifierHasNul, nameof(identifier));
        var close = CloseQuote.ToString();
        return OpenQuote + identifier.Replace(close, close + close, StringComparison.Ordinal) + CloseQuote;
    }

    public string QuoteTable(string table) => string.Join(".", table.Split('.').Select(QuoteIdentifier));

    public virtual void SetParameterValue(DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    public virtual Task<IReadOnlyList<ColumnInfo>?> ReadColumnsAsync(DbConnection connection, string? table, string? query, CancellationToken cancel) =>
        SchemaReader.ReadColumnsAsync(connection, this, table, query, TableExistsSql, System.Data.CommandBehavior.SchemaOnly, cancel);

    /// <summary>Counts the tables and views named @n (in the schema @s when the name has one).</summary>
    protected virtual string TableExistsSql(bool withSchema) => withSchema
        ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = @n AND TABLE_SCHEMA = @s"
        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = @n";

    public virtual SalesSql Sales { get; } = new();

    public virtual CatalogSql Catalog { get; } = new();

    public override string ToString() => Name;
}

/// <summary>
/// How the sales statistics query reads a document date, binds a day and sums amounts. The defaults suit databases
/// with real date and exact numeric types.
/// </summary>
public class SalesSql
{
    /// <summary>A date column as a day that compares with a day parameter.</summary>
    public virtual string Day(string column) => column;

    /// <summary>A day as a parameter value.</summary>
    public virtual object DayParameter(DateTime day) => day;

    /// <summary>A sum of amounts, exact enough that ties rank the same on every database.</summary>
    public virtual string Sum(string expression) => $"SUM({expression})";
}
