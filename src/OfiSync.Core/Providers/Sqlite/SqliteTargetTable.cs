using Microsoft.Data.Sqlite;
using OfiSync.Core.Engine.Writers;

namespace OfiSync.Core.Providers.Sqlite;

/// <summary>
/// What the SQLite writer asks of its target table once: whether the target rejects a second row with the line's key
/// (a PRIMARY KEY or a full UNIQUE index on exactly the key columns), without which a plain INSERT of a row the state
/// thought new could write it twice; and whether the CRM id column is the rowid (INTEGER PRIMARY KEY), so that an
/// inserted row's id is last_insert_rowid and needs no RETURNING.
/// </summary>
internal sealed record SqliteTargetTable(bool KeyIsUnique, bool IdIsRowid)
{
    public static SqliteTargetTable Read(SqliteConnection connection, WriterShape shape)
    {
        var name = shape.TableName.Split('.')[^1];
        var keys = shape.KeyIndexes.Select(i => shape.Columns[i].Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var primary = new List<(string Name, string Type)>();
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name, type, pk FROM pragma_table_info(@t) WHERE pk > 0 ORDER BY pk";
            info.Parameters.AddWithValue("@t", name);
            using var reader = info.ExecuteReader();
            while (reader.Read()) primary.Add((reader.GetString(0), reader.GetString(1)));
        }
        var unique = primary.Count > 0 && keys.SetEquals(primary.Select(p => p.Name));
        var indexes = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM pragma_index_list(@t) WHERE \"unique\" = 1 AND partial = 0";
            list.Parameters.AddWithValue("@t", name);
            using var reader = list.ExecuteReader();
            while (reader.Read()) indexes.Add(reader.GetString(0));
        }
        foreach (var index in indexes)
        {
            if (unique) break;
            using var columns = connection.CreateCommand();
            columns.CommandText = "SELECT name FROM pragma_index_info(@i)";
            columns.Parameters.AddWithValue("@i", index);
            var named = new List<string?>();
            using (var reader = columns.ExecuteReader())
                while (reader.Read()) named.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
            unique = named.All(n => n is not null) && keys.SetEquals(named!);
        }
        using var definition = connection.CreateCommand();
        definition.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = @t COLLATE NOCASE";
        definition.Parameters.AddWithValue("@t", name);
        var withoutRowid = definition.ExecuteScalar() is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
        var idIsRowid = shape.IdColumn is { } id && !withoutRowid && primary.Count == 1
            && string.Equals(primary[0].Name, id.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(primary[0].Type, "INTEGER", StringComparison.OrdinalIgnoreCase);
        return new SqliteTargetTable(unique, idIsRowid);
    }
}
