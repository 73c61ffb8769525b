using System.Data;
using System.Data.Common;
using System.Globalization;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Schema;

/// <summary>Reads the columns of a table or a query the same way on every database: a query that returns no row.</summary>
public static class SchemaReader
{
    /// <summary>The FROM clause of a source: a quoted table, or the query as a derived table.</summary>
    public static string FromClause(IDatabaseProvider provider, string? table, string? query) =>
        query is not null ? $"({query}) {provider.QuoteIdentifier("ofisync_q")}" : provider.QuoteTable(table!);

    /// <summary>The columns of a table or a query, or null when the table does not exist.</summary>
    public static Task<IReadOnlyList<ColumnInfo>?> ReadColumnsAsync(DbConnection connection, IDatabaseProvider provider, string? table, string? query, CancellationToken cancel) =>
        provider.ReadColumnsAsync(connection, table, query, cancel);

    /// <summary>
    /// The columns as the driver describes the result of SELECT * ... WHERE 1 = 0, after checking with
    /// <paramref name="tableExistsSql"/> (given whether the name has a schema) that a table exists.
    /// </summary>
    public static async Task<IReadOnlyList<ColumnInfo>?> ReadColumnsAsync(DbConnection connection, IDatabaseProvider provider, string? table, string? query,
        Func<bool, string> tableExistsSql, CommandBehavior behavior, CancellationToken cancel)
    {
        if (table is not null && query is null && !await TableExistsAsync(connection, table, tableExistsSql, cancel).ConfigureAwait(false)) return null;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {FromClause(provider, table, query)} WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync(behavior, cancel).ConfigureAwait(false);
        var schema = await reader.GetColumnSchemaAsync(cancel).ConfigureAwait(false);
        return schema.Select((c, i) => new ColumnInfo(c.ColumnName, c.DataType ?? typeof(object), c.DataTypeName ?? "", c.AllowDBNull ?? true,
            c.ColumnSize is > 0 and < int.MaxValue ? c.ColumnSize : null, i)).ToList();
    }

    private static async Task<bool> TableExistsAsync(DbConnection connection, string table, Func<bool, string> sql, CancellationToken cancel)
    {
        var parts = table.Split('.');
        var schema = parts.Length > 1 ? parts[^2] : null;
        await using var command = connection.CreateCommand();
        command.CommandText = sql(schema is not null);
        AddParameter(command, "@n", parts[^1]);
        if (schema is not null) AddParameter(command, "@s", schema);
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
