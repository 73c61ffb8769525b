using System.Globalization;
using MySqlConnector;
using OfiSync.Core.Engine.Writers;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// What the target writer needs to know of a MariaDB table: each written column's full type (for a staging table
/// that holds the same values), its unique indexes, and the expressions of its CHECK constraints.
/// </summary>
internal sealed class MariaDbTable
{
    private readonly Dictionary<string, string> _types = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _uniqueIndexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _autoIncrement = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _checks = new(StringComparer.OrdinalIgnoreCase);

    private MariaDbTable(string? schema, string name)
    {
        Schema = schema;
        Name = name;
    }

    /// <summary>The database the table is in, when its name gives one ("crm.cuenta"); else the connection's.</summary>
    public string? Schema { get; }
    public string Name { get; }

    private const string Where = "table_schema = COALESCE(@s, DATABASE()) AND table_name = @t";

    public static async Task<MariaDbTable> ReadAsync(MySqlConnection connection, WriterShape shape, int timeout, CancellationToken cancel)
    {
        var parts = shape.TableName.Split('.');
        var table = new MariaDbTable(parts.Length > 1 ? parts[^2] : null, parts[^1]);
        await using (var command = table.Command(connection, timeout,
                         $"SELECT column_name, column_type, character_set_name, collation_name, extra FROM information_schema.columns WHERE {Where}"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var type = reader.GetString(1);
                if (!reader.IsDBNull(2)) type += $" CHARACTER SET {reader.GetString(2)} COLLATE {reader.GetString(3)}";
                table._types[reader.GetString(0)] = type;
                if (reader.GetString(4).Contains("auto_increment", StringComparison.OrdinalIgnoreCase)) table._autoIncrement.Add(reader.GetString(0));
            }
        }
        await using (var command = table.Command(connection, timeout,
                         $"SELECT index_name, column_name FROM information_schema.statistics WHERE {Where} AND non_unique = 0 ORDER BY index_name, seq_in_index"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                if (!table._uniqueIndexes.TryGetValue(reader.GetString(0), out var columns)) table._uniqueIndexes[reader.GetString(0)] = columns = new List<string>();
                columns.Add(reader.GetString(1));
            }
        }
        return table;
    }

    private MySqlCommand Command(MySqlConnection connection, int timeout, string sql)
    {
        var command = new MySqlCommand(sql, connection) { CommandTimeout = timeout };
        command.Parameters.AddWithValue("@s", Schema);
        command.Parameters.AddWithValue("@t", Name);
        return command;
    }

    /// <summary>The column's type as a staging column declares it: the same type and character set, NULL allowed.</summary>
    public string StageType(string column) => _types.TryGetValue(column, out var type) ? type + " NULL" : "LONGTEXT NULL";

    /// <summary>The columns of a unique index, by its name as an error gives it (MySQL 8 prefixes the table: 'cuenta.nif').</summary>
    public IReadOnlyList<string> IndexColumns(string index)
    {
        if (_uniqueIndexes.TryGetValue(index, out var columns)) return columns;
        var dot = index.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _uniqueIndexes.TryGetValue(index[(dot + 1)..], out columns) ? columns : Array.Empty<string>();
    }

    /// <summary>
    /// Whether INSERT ... ON DUPLICATE KEY UPDATE can only ever update the row with the same key: a unique index covers
    /// exactly the key columns, and every other unique index is an AUTO_INCREMENT column the line does not write.
    /// Otherwise a new row that repeats another unique value (a NIF) would silently update that other row.
    /// </summary>
    public bool UpsertsByKeyOnly(WriterShape shape)
    {
        var keys = shape.KeyIndexes.Select(i => shape.Columns[i].Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var written = shape.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byKey = false;
        foreach (var columns in _uniqueIndexes.Values)
        {
            if (keys.SetEquals(columns)) byKey = true;
            else if (!(columns.Count == 1 && _autoIncrement.Contains(columns[0]) && !written.Contains(columns[0]))) return false;
        }
        return byKey;
    }

    /// <summary>Whether a unique index covers exactly the key columns: a plain INSERT of a key the table holds then fails (1062).</summary>
    public bool KeyIsUnique(WriterShape shape)
    {
        var keys = shape.KeyIndexes.Select(i => shape.Columns[i].Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _uniqueIndexes.Values.Any(keys.SetEquals);
    }

    /// <summary>Whether the column is the table's AUTO_INCREMENT column.</summary>
    public bool IsAutoIncrement(string column) => _autoIncrement.Contains(column);

    /// <summary>The expression of a CHECK constraint, by the name an error gives it (a column's own CHECK: 'table.column').</summary>
    public async Task<string?> CheckClauseAsync(MySqlConnection connection, string constraint, int timeout, CancellationToken cancel)
    {
        if (_checks.TryGetValue(constraint, out var known)) return known;
        var names = new List<string> { constraint };
        if (constraint.StartsWith(Name + ".", StringComparison.OrdinalIgnoreCase)) names.Add(constraint[(Name.Length + 1)..]);
        string? clause = null;
        foreach (var name in names)
        {
            await using var command = new MySqlCommand("SELECT check_clause FROM information_schema.check_constraints " +
                "WHERE constraint_schema = COALESCE(@s, DATABASE()) AND table_name = @t AND constraint_name = @n", connection) { CommandTimeout = timeout };
            command.Parameters.AddWithValue("@s", Schema);
            command.Parameters.AddWithValue("@t", Name);
            command.Parameters.AddWithValue("@n", name);
            if (Convert.ToString(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) is { Length: > 0 } found)
            {
                clause = found;
                break;
            }
        }
        return _checks[constraint] = clause;
    }
}
