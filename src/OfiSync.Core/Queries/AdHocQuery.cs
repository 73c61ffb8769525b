using System.Data.Common;

namespace OfiSync.Core.Queries;

/// <summary>One row of an ad-hoc query: column names and values, DBNull turned into null.</summary>
public sealed record QueryRow(IReadOnlyList<string> Columns, object?[] Values);

/// <summary>Runs a user's own SQL against a stored connection, every value a parameter, rows streamed.</summary>
public static class AdHocQuery
{
    public static async IAsyncEnumerable<QueryRow> ExecuteAsync(DbConnection connection, string sql,
        IReadOnlyDictionary<string, object?>? parameters, int commandTimeout,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = commandTimeout;
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
        {
            var p = command.CreateParameter();
            p.ParameterName = name.StartsWith('@') ? name : "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        do
        {
            if (reader.FieldCount == 0) continue;
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var values = new object?[reader.FieldCount];
                reader.GetValues(values!);
                for (var i = 0; i < values.Length; i++) if (values[i] is DBNull) values[i] = null;
                yield return new QueryRow(columns, values);
            }
        } while (await reader.NextResultAsync(cancel).ConfigureAwait(false));
    }
}
