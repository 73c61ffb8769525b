using System.Data.Common;
using Npgsql;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine.Writers;

/// <summary>
/// PostgreSQL: binary COPY of the batch into a temporary staging table, then, in one transaction, INSERT ... ON CONFLICT
/// by the key (or UPDATE ... FROM and INSERT ... WHERE NOT EXISTS when no unique index covers the key). A batch that
/// fails is rolled back and split in halves until the failing rows stand alone.
/// </summary>
public sealed class PostgresTargetWriter : ITargetWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly WriterShape _shape;
    private readonly int _timeout;
    private readonly string _stage = "ofisync_stage_" + Guid.NewGuid().ToString("N")[..8];
    private string[]? _stageTypes;
    private bool? _uniqueKey;

    public PostgresTargetWriter(DbConnection connection, WriterShape shape, int commandTimeout)
    {
        _connection = (NpgsqlConnection)connection;
        _shape = shape;
        _timeout = commandTimeout;
    }

    public IReadOnlyList<ColumnInfo> Columns => _shape.Columns;

    private async Task PrepareAsync(CancellationToken cancel)
    {
        if (_stageTypes is not null) return;
        await ExecuteAsync($"CREATE TEMP TABLE {_stage} AS SELECT {string.Join(", ", _shape.Quoted)} FROM {_shape.Table} WHERE false", null, cancel).ConfigureAwait(false);
        await ExecuteAsync($"ALTER TABLE {_stage} ADD COLUMN ofisync_seq integer", null, cancel).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = @t::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", _connection);
        command.Parameters.AddWithValue("t", _stage);
        var types = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) types.Add(reader.GetString(0));
        _stageTypes = types.ToArray();
        _uniqueKey = await HasUniqueKeyAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Whether a unique index covers exactly the key columns, which INSERT ... ON CONFLICT needs.</summary>
    private async Task<bool> HasUniqueKeyAsync(CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(@"
            SELECT COUNT(*) FROM pg_index i
            WHERE i.indrelid = @t::regclass AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
              AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey))
                  = (SELECT array_agg(x ORDER BY x) FROM unnest(@k::text[]) x)", _connection);
        command.Parameters.AddWithValue("t", _shape.Table);
        command.Parameters.AddWithValue("k", _shape.KeyIndexes.Select(i => _shape.Columns[i].Name).ToArray());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false)) > 0;
    }

    public async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        await PrepareAsync(cancel).ConfigureAwait(false);
        var outcomes = new WriteOutcome[rows.Count];
        await WriteSplittingAsync(rows, 0, rows.Count, outcomes, cancel).ConfigureAwait(false);
        return outcomes;
    }

    private async Task WriteSplittingAsync(IReadOnlyList<WriteRow> rows, int start, int count, WriteOutcome[] outcomes, CancellationToken cancel)
    {
        try
        {
            var ids = await WriteBatchAsync(rows, start, count, cancel).ConfigureAwait(false);
            for (var i = 0; i < count; i++) outcomes[start + i] = new WriteOutcome(true, ids?.GetValueOrDefault(start + i));
        }
        catch (Exception ex) when (TransientFaults.IsRowError(ex) && !cancel.IsCancellationRequested)
        {
            if (count == 1)
            {
                outcomes[start] = Failure(ex, rows[start]);
                return;
            }
            var half = count / 2;
            await WriteSplittingAsync(rows, start, half, outcomes, cancel).ConfigureAwait(false);
            await WriteSplittingAsync(rows, start + half, count - half, outcomes, cancel).ConfigureAwait(false);
        }
    }

    private async Task<Dictionary<int, string>?> WriteBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await ExecuteAsync($"TRUNCATE {_stage}", transaction, cancel).ConfigureAwait(false);
        await using (var importer = await _connection.BeginBinaryImportAsync(
                         $"COPY {_stage} ({string.Join(", ", _shape.Quoted)}, ofisync_seq) FROM STDIN (FORMAT BINARY)", cancel).ConfigureAwait(false))
        {
            for (var r = start; r < start + count; r++)
            {
                await importer.StartRowAsync(cancel).ConfigureAwait(false);
                var values = rows[r].Values;
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is null) await importer.WriteNullAsync(cancel).ConfigureAwait(false);
                    else await importer.WriteAsync(PostgresValues.For(values[i]!, _stageTypes![i]), _stageTypes[i], cancel).ConfigureAwait(false);
                }
                await importer.WriteAsync(r, "integer", cancel).ConfigureAwait(false);
            }
            await importer.CompleteAsync(cancel).ConfigureAwait(false);
        }

        var cols = string.Join(", ", _shape.Quoted);
        var keyMatch = string.Join(" AND ", _shape.KeyIndexes.Select(i => $"t.{_shape.Quoted[i]} = s.{_shape.Quoted[i]}"));
        var sets = _shape.NonKeyIndexes.Select(i => $"{_shape.Quoted[i]} = excluded.{_shape.Quoted[i]}").ToList();
        if (_uniqueKey == true)
        {
            var keys = string.Join(", ", _shape.KeyIndexes.Select(i => _shape.Quoted[i]));
            await ExecuteAsync($"INSERT INTO {_shape.Table} AS t ({cols}) SELECT {cols} FROM {_stage} ORDER BY ofisync_seq " +
                               $"ON CONFLICT ({keys}) DO {(sets.Count == 0 ? "NOTHING" : "UPDATE SET " + string.Join(", ", sets))}", transaction, cancel).ConfigureAwait(false);
        }
        else
        {
            var updates = _shape.NonKeyIndexes.Select(i => $"{_shape.Quoted[i]} = s.{_shape.Quoted[i]}").ToList();
            if (updates.Count > 0)
                await ExecuteAsync($"UPDATE {_shape.Table} AS t SET {string.Join(", ", updates)} FROM {_stage} AS s WHERE {keyMatch}", transaction, cancel).ConfigureAwait(false);
            await ExecuteAsync($"INSERT INTO {_shape.Table} ({cols}) SELECT {string.Join(", ", _shape.Quoted.Select(q => "s." + q))} FROM {_stage} AS s " +
                               $"WHERE NOT EXISTS (SELECT 1 FROM {_shape.Table} AS t WHERE {keyMatch}) ORDER BY s.ofisync_seq", transaction, cancel).ConfigureAwait(false);
        }
        Dictionary<int, string>? ids = null;
        if (_shape.QuotedId is not null)
        {
            ids = new Dictionary<int, string>();
            await using var command = new NpgsqlCommand($"SELECT s.ofisync_seq, t.{_shape.QuotedId} FROM {_stage} AS s JOIN {_shape.Table} AS t ON {keyMatch}", _connection, transaction);
            command.CommandTimeout = _timeout;
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (!reader.IsDBNull(1)) ids[reader.GetInt32(0)] = RowKey.Text(reader.GetValue(1));
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return ids;
    }

    public async Task<WriteOutcome[]> DeleteAsync(IReadOnlyList<WriteRow> keys, DeletePolicy policy, ColumnInfo? flagColumn, object? flagValue, CancellationToken cancel)
    {
        var outcomes = new WriteOutcome[keys.Count];
        var where = string.Join(" AND ", _shape.KeyIndexes.Select((i, n) => $"{_shape.Quoted[i]} = @k{n}"));
        var sql = policy == DeletePolicy.Flag
            ? $"UPDATE {_shape.Table} SET {_shape.Provider.QuoteIdentifier(flagColumn!.Name)} = @flag WHERE {where}"
            : $"DELETE FROM {_shape.Table} WHERE {where}";
        for (var r = 0; r < keys.Count; r++)
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            try
            {
                await using var command = new NpgsqlCommand(sql, _connection, transaction) { CommandTimeout = _timeout };
                for (var n = 0; n < _shape.KeyIndexes.Length; n++)
                    command.Parameters.AddWithValue("k" + n, keys[r].Values[n] ?? DBNull.Value);
                if (policy == DeletePolicy.Flag) command.Parameters.AddWithValue("flag", flagValue ?? DBNull.Value);
                await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                await transaction.CommitAsync(cancel).ConfigureAwait(false);
                outcomes[r] = WriteOutcome.Ok;
            }
            catch (PostgresException ex) when (TransientFaults.IsRowError(ex))
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                outcomes[r] = new WriteOutcome(false, Error: ex.MessageText + (ex.Detail is null ? "" : " " + ex.Detail));
            }
        }
        return outcomes;
    }

    public async Task<Dictionary<string, object?[]>> ReadCurrentAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        var where = string.Join(" AND ", _shape.KeyIndexes.Select((i, n) => $"{_shape.Quoted[i]} = @k{n}"));
        await using var command = new NpgsqlCommand($"SELECT {string.Join(", ", _shape.Quoted)} FROM {_shape.Table} WHERE {where}", _connection) { CommandTimeout = _timeout };
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            var keys = _shape.KeyValues(row);
            for (var n = 0; n < keys.Length; n++) command.Parameters.AddWithValue("k" + n, keys[n] ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) continue;
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            result[row.SourceKey] = values;
        }
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {_shape.Table}", _connection) { CommandTimeout = _timeout };
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false));
    }

    private async Task ExecuteAsync(string sql, NpgsqlTransaction? transaction, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, _connection, transaction) { CommandTimeout = _timeout };
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private WriteOutcome Failure(Exception ex, WriteRow row)
    {
        if (ex is PostgresException pg)
        {
            var column = pg.ColumnName ?? ColumnFromConstraint(pg);
            var text = pg.MessageText + (pg.Detail is null ? "" : " " + pg.Detail);
            return new WriteOutcome(false, Error: column is null ? text : $"{_shape.Describe(row, column)}: {text}", Column: column);
        }
        return new WriteOutcome(false, Error: ex.Message);
    }

    /// <summary>A unique or foreign-key violation names its columns in the detail: "Key (nif)=(B1) already exists."</summary>
    private string? ColumnFromConstraint(PostgresException pg)
    {
        if (pg.Detail is null || !pg.Detail.StartsWith("Key (", StringComparison.Ordinal)) return null;
        var end = pg.Detail.IndexOf(')');
        var first = pg.Detail[5..end].Split(',')[0].Trim().Trim('"');
        return _shape.Columns.Any(c => c.Name == first) ? first : null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_stageTypes is not null && _connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync($"DROP TABLE IF EXISTS {_stage}", null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException) { }
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The CLR type Npgsql's binary COPY wants for each PostgreSQL type.</summary>
internal static class PostgresValues
{
    public static object For(object value, string type) => type switch
    {
        "smallint" => Convert.ToInt16(value),
        "integer" => Convert.ToInt32(value),
        "bigint" => Convert.ToInt64(value),
        "numeric" => Convert.ToDecimal(value),
        "real" => Convert.ToSingle(value),
        "double precision" => Convert.ToDouble(value),
        "boolean" => value is bool b ? b : Convert.ToInt64(value) != 0,
        "date" => value is DateTime d ? DateOnly.FromDateTime(d) : value,
        // A source time without zone is kept as written: it is not shifted by this machine's zone.
        "timestamp with time zone" => value is DateTime d ? DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc).ToUniversalTime() : value,
        "timestamp without time zone" => value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Unspecified) : value,
        "text" or "character varying" or "character" or "name" or "citext" => value as string ?? RowKey.Text(value),
        "uuid" => value is Guid g ? g : Guid.Parse(value.ToString()!),
        _ => value,
    };
}
