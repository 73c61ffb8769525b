using System.Data;
using System.Data.Common;
using System.Globalization;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Schema;

/// <summary>Reads the columns of a table or a query the same way on every database: a query that returns no row.</summary>
public static class SchemaReader
{
    /// <summary>Quotes a table name that may carry a schema ("dbo.cliente").</summary>
    public static string QuoteTable(IDatabaseProvider provider, string table) =>
        string.Join(".", table.Split('.').Select(provider.QuoteIdentifier));

    /// <summary>The FROM clause of a source: a quoted table, or the query as a derived table.</summary>
    public static string FromClause(IDatabaseProvider provider, string? table, string? query) =>
        query is not null ? $"({query}) {provider.QuoteIdentifier("ofisync_q")}" : QuoteTable(provider, table!);

    /// <summary>The columns, or null when the table does not exist.</summary>
    public static async Task<IReadOnlyList<ColumnInfo>?> ReadColumnsAsync(DbConnection connection, IDatabaseProvider provider, string? table, string? query, CancellationToken cancel)
    {
        if (table is not null && query is null && !await TableExistsAsync(connection, provider, table, cancel).ConfigureAwait(false)) return null;
        if (provider.Kind == ProviderKind.Sqlite && query is null) return await SqliteTableColumnsAsync(connection, table!, cancel).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {FromClause(provider, table, query)} WHERE 1 = 0";
        // Npgsql reads whether a column allows NULL (pg_attribute.attnotnull) only when asked for KeyInfo: without it,
        // every PostgreSQL column would look nullable. A computed column of a query stays unknown, taken as nullable.
        var behavior = provider.Kind == ProviderKind.PostgreSql ? CommandBehavior.SchemaOnly | CommandBehavior.KeyInfo : CommandBehavior.SchemaOnly;
        await using var reader = await command.ExecuteReaderAsync(behavior, cancel).ConfigureAwait(false);
        var schema = await reader.GetColumnSchemaAsync(cancel).ConfigureAwait(false);
        return schema.Select((c, i) => new ColumnInfo(c.ColumnName, c.DataType ?? typeof(object), c.DataTypeName ?? "", c.AllowDBNull ?? true, c.ColumnSize is > 0 and < int.MaxValue ? c.ColumnSize : null, i)).ToList();
    }

    /// <summary>
    /// A SQLite table's declared columns. Microsoft.Data.Sqlite's GetColumnSchema scans the whole table once per column
    /// to guess each column's type from its rows; the declared type is what OfiSync uses, and costs nothing to read.
    /// </summary>
    private static async Task<IReadOnlyList<ColumnInfo>> SqliteTableColumnsAsync(DbConnection connection, string table, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type, \"notnull\" FROM pragma_table_info(@t) ORDER BY cid";
        AddParameter(command, "@t", table.Split('.')[^1]);
        var columns = new List<ColumnInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var declared = reader.GetString(1);
            // No size: SQLite does not enforce VARCHAR(n), so a longer text is written whole, as SQLite itself would.
            columns.Add(new ColumnInfo(reader.GetString(0), SqliteClrType(declared), declared, reader.GetInt64(2) == 0, null, columns.Count));
        }
        return columns;
    }

    /// <summary>The CLR type of SQLite's type affinity for a declared type.</summary>
    private static Type SqliteClrType(string declared)
    {
        var d = declared.ToUpperInvariant();
        if (d.Contains("INT")) return typeof(long);
        if (d.Contains("CHAR") || d.Contains("CLOB") || d.Contains("TEXT")) return typeof(string);
        if (d.Length == 0 || d.Contains("BLOB")) return typeof(byte[]);
        if (d.Contains("REAL") || d.Contains("FLOA") || d.Contains("DOUB")) return typeof(double);
        return typeof(object);
    }

    public static async Task<bool> TableExistsAsync(DbConnection connection, IDatabaseProvider provider, string table, CancellationToken cancel)
    {
        var parts = table.Split('.');
        var name = parts[^1];
        var schema = parts.Length > 1 ? parts[^2] : null;
        await using var command = connection.CreateCommand();
        command.CommandText = provider.Kind switch
        {
            ProviderKind.Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = @n COLLATE NOCASE",
            ProviderKind.PostgreSql => schema is null
                ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = @n AND table_schema = ANY (current_schemas(false))"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = @n AND table_schema = @s",
            _ => schema is null
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = @n"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = @n AND TABLE_SCHEMA = @s",
        };
        AddParameter(command, "@n", name);
        if (schema is not null && provider.Kind != ProviderKind.Sqlite) AddParameter(command, "@s", schema);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
