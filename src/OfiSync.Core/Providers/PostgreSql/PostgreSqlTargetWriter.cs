using System.Data.Common;
using System.Globalization;
using Npgsql;
using OfiSync.Core.Engine;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers.PostgreSql;

/// <summary>
/// PostgreSQL: rows the state says are new go by binary COPY straight into the target (where a unique index covers the
/// key, so that a row already there fails the COPY, which then falls back to the upsert). The upsert: binary COPY of
/// the batch into a temporary staging table (created once, ON COMMIT DELETE ROWS), then, in one transaction and one
/// round trip, INSERT ... ON CONFLICT
/// by the key (or UPDATE ... FROM and INSERT ... WHERE NOT EXISTS when no unique index covers the key). A batch that
/// fails is rolled back and split in halves until the failing rows stand alone.
/// </summary>
public sealed class PostgreSqlTargetWriter : TargetWriterBase
{
    private readonly NpgsqlConnection _connection;
    private readonly string _stage = "ofisync_stage_" + Guid.NewGuid().ToString("N")[..8];
    private string[]? _stageTypes;
    private bool? _uniqueKey;

    public PostgreSqlTargetWriter(DbConnection connection, WriterShape shape, int commandTimeout) : base(connection, shape, commandTimeout)
    {
        _connection = (NpgsqlConnection)connection;
    }

    /// <summary>The staging table, created once per writer: ON COMMIT DELETE ROWS empties it with each batch's commit.</summary>
    private async Task PrepareAsync(CancellationToken cancel)
    {
        if (_stageTypes is not null) return;
        await ExecuteAsync($"CREATE TEMP TABLE {_stage} ON COMMIT DELETE ROWS AS SELECT {string.Join(", ", Shape.Quoted)} FROM {Shape.Table} WHERE false; " +
                           $"ALTER TABLE {_stage} ADD COLUMN ofisync_seq integer", null, cancel).ConfigureAwait(false);
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
        command.Parameters.AddWithValue("t", Shape.Table);
        command.Parameters.AddWithValue("k", Shape.KeyIndexes.Select(i => Shape.Columns[i].Name).ToArray());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    public override async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        await PrepareAsync(cancel).ConfigureAwait(false);
        // Without a unique index on the key a plain insert of a row the target holds would write it twice.
        return await WriteNewByInsertAsync(rows, _uniqueKey == true, cancel).ConfigureAwait(false);
    }

    protected override bool IsDuplicateKey(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Binary COPY straight into the target; the CRM ids, when the line reads them, by key in the same transaction.</summary>
    protected override async Task<Dictionary<int, string>?> InsertBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel)
    {
        var keyArrays = Shape.QuotedId is null ? null : KeyArrays(rows, start, count);
        // A key the arrays cannot carry: the plain INSERT from the staging table, which reads the ids by its positions.
        if (Shape.QuotedId is not null && keyArrays is null) return await StagedAsync(rows, start, count, upsert: false, cancel).ConfigureAwait(false);
        await using var transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await CopyAsync(Shape.Table, rows, start, count, withSeq: false, cancel).ConfigureAwait(false);
        Dictionary<int, string>? ids = null;
        if (keyArrays is not null)
        {
            var names = Shape.KeyIndexes.Select((_, n) => "k" + n).ToList();
            var unnest = string.Join(", ", Shape.KeyIndexes.Select((i, n) => $"@k{n}::{_stageTypes![i]}[]"));
            var match = string.Join(" AND ", Shape.KeyIndexes.Select((i, n) => $"t.{Shape.Quoted[i]} = u.k{n}"));
            await using var command = new NpgsqlCommand(
                $"SELECT u.n, t.{Shape.QuotedId} FROM unnest({unnest}) WITH ORDINALITY AS u({string.Join(", ", names)}, n) JOIN {Shape.Table} AS t ON {match}",
                _connection, transaction) { CommandTimeout = Timeout };
            for (var n = 0; n < keyArrays.Length; n++) command.Parameters.AddWithValue("k" + n, keyArrays[n]);
            ids = await ReadIdsAsync(command, start - 1, cancel).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return ids;
    }

    /// <summary>The key values of the rows as one typed array per key column, or null when a key is NULL or its values differ in type.</summary>
    private Array[]? KeyArrays(IReadOnlyList<WriteRow> rows, int start, int count)
    {
        var arrays = new Array[Shape.KeyIndexes.Length];
        for (var n = 0; n < arrays.Length; n++)
        {
            var i = Shape.KeyIndexes[n];
            var values = new object[count];
            for (var r = 0; r < count; r++)
            {
                if (rows[start + r].Values[i] is not { } value) return null;
                values[r] = PostgresValues.For(value, _stageTypes![i]);
            }
            var type = values[0].GetType();
            if (values.Any(v => v.GetType() != type)) return null;
            arrays[n] = Array.CreateInstance(type, count);
            Array.Copy(values, arrays[n], count);
        }
        return arrays;
    }

    private async Task CopyAsync(string table, IReadOnlyList<WriteRow> rows, int start, int count, bool withSeq, CancellationToken cancel)
    {
        await using var importer = await _connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", Shape.Quoted)}{(withSeq ? ", ofisync_seq" : "")}) FROM STDIN (FORMAT BINARY)", cancel).ConfigureAwait(false);
        for (var r = start; r < start + count; r++)
        {
            await importer.StartRowAsync(cancel).ConfigureAwait(false);
            var values = rows[r].Values;
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is null) await importer.WriteNullAsync(cancel).ConfigureAwait(false);
                else await importer.WriteAsync(PostgresValues.For(values[i]!, _stageTypes![i]), _stageTypes[i], cancel).ConfigureAwait(false);
            }
            if (withSeq) await importer.WriteAsync(r, "integer", cancel).ConfigureAwait(false);
        }
        await importer.CompleteAsync(cancel).ConfigureAwait(false);
    }

    protected override Task<Dictionary<int, string>?> WriteBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel) =>
        StagedAsync(rows, start, count, upsert: true, cancel);

    /// <summary>COPY into the staging table, then the merge (or, not <paramref name="upsert"/>, the plain INSERT) and the ids in one round trip.</summary>
    private async Task<Dictionary<int, string>?> StagedAsync(IReadOnlyList<WriteRow> rows, int start, int count, bool upsert, CancellationToken cancel)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await CopyAsync(_stage, rows, start, count, withSeq: true, cancel).ConfigureAwait(false);

        var cols = string.Join(", ", Shape.Quoted);
        var keyMatch = string.Join(" AND ", Shape.KeyIndexes.Select(i => $"t.{Shape.Quoted[i]} = s.{Shape.Quoted[i]}"));
        var sets = Shape.NonKeyIndexes.Select(i => $"{Shape.Quoted[i]} = excluded.{Shape.Quoted[i]}").ToList();
        await using var batch = new NpgsqlBatch(_connection, transaction) { Timeout = Timeout };
        if (_uniqueKey == true)
        {
            var keys = string.Join(", ", Shape.KeyIndexes.Select(i => Shape.Quoted[i]));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {Shape.Table} AS t ({cols}) SELECT {cols} FROM {_stage} ORDER BY ofisync_seq " +
                (upsert ? $"ON CONFLICT ({keys}) DO {(sets.Count == 0 ? "NOTHING" : "UPDATE SET " + string.Join(", ", sets))}" : "")));
        }
        else
        {
            var updates = Shape.NonKeyIndexes.Select(i => $"{Shape.Quoted[i]} = s.{Shape.Quoted[i]}").ToList();
            if (updates.Count > 0)
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"UPDATE {Shape.Table} AS t SET {string.Join(", ", updates)} FROM {_stage} AS s WHERE {keyMatch}"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {Shape.Table} ({cols}) SELECT {string.Join(", ", Shape.Quoted.Select(q => "s." + q))} FROM {_stage} AS s " +
                $"WHERE NOT EXISTS (SELECT 1 FROM {Shape.Table} AS t WHERE {keyMatch}) ORDER BY s.ofisync_seq"));
        }
        if (Shape.QuotedId is not null)
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT s.ofisync_seq, t.{Shape.QuotedId} FROM {_stage} AS s JOIN {Shape.Table} AS t ON {keyMatch}"));
        Dictionary<int, string>? ids = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            do
            {
                if (reader.FieldCount != 2) continue;
                ids ??= new Dictionary<int, string>();
                while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                    if (!reader.IsDBNull(1)) ids[reader.GetInt32(0)] = RowKey.Text(reader.GetValue(1));
            } while (await reader.NextResultAsync(cancel).ConfigureAwait(false));
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return Shape.QuotedId is null ? null : ids ?? new Dictionary<int, string>();
    }

    /// <summary>Reads (position, id) rows; the row index is the position plus <paramref name="offset"/>.</summary>
    private static async Task<Dictionary<int, string>> ReadIdsAsync(NpgsqlCommand command, int offset, CancellationToken cancel)
    {
        var ids = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            if (!reader.IsDBNull(1)) ids[checked((int)reader.GetInt64(0) + offset)] = RowKey.Text(reader.GetValue(1));
        return ids;
    }

    private async Task ExecuteAsync(string sql, NpgsqlTransaction? transaction, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, _connection, transaction) { CommandTimeout = Timeout };
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    protected override async Task<WriteOutcome> FailureAsync(Exception ex, WriteRow row, CancellationToken cancel)
    {
        if (ex is PostgresException pg)
        {
            var column = pg.ColumnName ?? ColumnFromConstraint(pg) ?? await ColumnOfConstraintAsync(pg.ConstraintName, cancel).ConfigureAwait(false);
            var text = pg.MessageText + (pg.Detail is null ? "" : " " + pg.Detail);
            return new WriteOutcome(false, Error: column is null ? text : $"{Shape.Describe(row, column)}: {text}", Column: column);
        }
        return new WriteOutcome(false, Error: ex.Message);
    }

    private readonly Dictionary<string, string?> _constraintColumns = new(StringComparer.Ordinal);

    /// <summary>
    /// A CHECK violation names only its constraint: the constraint's definition names the columns it reads
    /// (pg_constraint.conkey). The first of them the line writes is to blame.
    /// </summary>
    private async Task<string?> ColumnOfConstraintAsync(string? constraint, CancellationToken cancel)
    {
        if (constraint is null) return null;
        if (_constraintColumns.TryGetValue(constraint, out var known)) return known;
        await using var command = new NpgsqlCommand(@"
            SELECT a.attname::text FROM pg_constraint c
            CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
            WHERE c.conrelid = @t::regclass AND c.conname = @n ORDER BY k.n", _connection) { CommandTimeout = Timeout };
        command.Parameters.AddWithValue("t", Shape.Table);
        command.Parameters.AddWithValue("n", constraint);
        var named = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) named.Add(reader.GetString(0));
        return _constraintColumns[constraint] = named.FirstOrDefault(n => Shape.Columns.Any(c => c.Name == n));
    }

    /// <summary>A unique or foreign-key violation names its columns in the detail: "Key (nif)=(B1) already exists."</summary>
    private string? ColumnFromConstraint(PostgresException pg)
    {
        if (pg.Detail is null || !pg.Detail.StartsWith("Key (", StringComparison.Ordinal)) return null;
        var end = pg.Detail.IndexOf(')');
        var first = pg.Detail[5..end].Split(',')[0].Trim().Trim('"');
        return Shape.Columns.Any(c => c.Name == first) ? first : null;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_stageTypes is not null && _connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync($"DROP TABLE IF EXISTS {_stage}", null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException) { }
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The CLR type Npgsql's binary COPY wants for each PostgreSQL type.</summary>
internal static class PostgresValues
{
    public static object For(object value, string type) => type switch
    {
        "smallint" => Convert.ToInt16(value, CultureInfo.InvariantCulture),
        "integer" => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        "bigint" => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "numeric" => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        "real" => Convert.ToSingle(value, CultureInfo.InvariantCulture),
        "double precision" => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        "boolean" => value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        "date" => value is DateTime d ? DateOnly.FromDateTime(d) : value,
        // A source time without zone is kept as written: it is not shifted by this machine's zone.
        "timestamp with time zone" => value is DateTime d ? DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc).ToUniversalTime() : value,
        "timestamp without time zone" => value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Unspecified) : value,
        "text" or "character varying" or "character" or "name" or "citext" => value as string ?? RowKey.Text(value),
        "uuid" => value is Guid g ? g : Guid.Parse(value.ToString()!),
        _ => value,
    };
}
