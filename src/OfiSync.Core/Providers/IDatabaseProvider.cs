using System.Data.Common;

namespace OfiSync.Core.Providers;

/// <summary>What the engine needs from one database: connections, identifier quoting and its dialect.</summary>
public interface IDatabaseProvider
{
    ProviderKind Kind { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Quotes one identifier (a table, schema or column name) for this database.</summary>
    string QuoteIdentifier(string identifier);

    /// <summary>A query returning one text value that names the server and its version.</summary>
    string ServerVersionQuery { get; }

    /// <summary>The connection string with every secret removed, safe to print or store.</summary>
    string Redact(string connectionString);
}
