using System.Data.Common;
using System.Globalization;
using Npgsql;
using OfiSync.Core.Engine;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers.PostgreSql;

/// <summary>
/// PostgreSQL: binary COPY of the batch into a temporary staging table, then, in one transaction, INSERT ... ON CONFLICT
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

    private async Task PrepareAsync(CancellationToken cancel)
    {
        if (_stageTypes is not null) return;
        await ExecuteAsync($"CREATE TEMP TABLE {_stage} AS SELECT {string.Join(", ", Shape.Quoted)} FROM {Shape.Table} WHERE false", null, cancel).ConfigureAwait(false);
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
        command.Parameters.AddWithValue("t", Shape.Table);
        command.Parameters.AddWithValue("k", Shape.KeyIndexes.Select(i => Shape.Columns[i].Name).ToArray());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    public override async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        await PrepareAsync(cancel).ConfigureAwait(false);
        return await WriteSplittingAsync(rows, cancel).ConfigureAwait(false);
    }

    protected override async Task<Dictionary<int, string>?> WriteBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await ExecuteAsync($"TRUNCATE {_stage}", transaction, cancel).ConfigureAwait(false);
        await using (var importer = await _connection.BeginBinaryImportAsync(
                         $"COPY {_stage} ({string.Join(", ", Shape.Quoted)}, ofisync_seq) FROM STDIN (FORMAT BINARY)", cancel).ConfigureAwait(false))
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

        var cols = string.Join(", ", Shape.Quoted);
        var keyMatch = string.Join(" AND ", Shape.KeyIndexes.Select(i => $"t.{Shape.Quoted[i]} = s.{Shape.Quoted[i]}"));
        var sets = Shape.NonKeyIndexes.Select(i => $"{Shape.Quoted[i]} = excluded.{Shape.Quoted[i]}").ToList();
        if (_uniqueKey == true)
        {
            var keys = string.Join(", ", Shape.KeyIndexes.Select(i => Shape.Quoted[i]));
            await ExecuteAsync($"INSERT INTO {Shape.Table} AS t ({cols}) SELECT {cols} FROM {_stage} ORDER BY ofisync_seq " +
                               $"ON CONFLICT ({keys}) DO {(sets.Count == 0 ? "NOTHING" : "UPDATE SET " + string.Join(", ", sets))}", transaction, cancel).ConfigureAwait(false);
        }
        else
        {
            var updates = Shape.NonKeyIndexes.Select(i => $"{Shape.Quoted[i]} = s.{Shape.Quoted[i]}").ToList();
            if (updates.Count > 0)
                await ExecuteAsync($"UPDATE {Shape.Table} AS t SET {string.Join(", ", updates)} FROM {_stage} AS s WHERE {keyMatch}", transaction, cancel).ConfigureAwait(false);
            await ExecuteAsync($"INSERT INTO {Shape.Table} ({cols}) SELECT {string.Join(", ", Shape.Quoted.Select(q => "s." + q))} FROM {_stage} AS s " +
                               $"WHERE NOT EXISTS (SELECT 1 FROM {Shape.Table} AS t WHERE {keyMatch}) ORDER BY s.ofisync_seq", transaction, cancel).ConfigureAwait(false);
        }
        Dictionary<int, string>? ids = null;
        if (Shape.QuotedId is not null)
        {
            ids = new Dictionary<int, string>();
            await using var command = new NpgsqlCommand($"SELECT s.ofisync_seq, t.{Shape.QuotedId} FROM {_stage} AS s JOIN {Shape.Table} AS t ON {keyMatch}", _connection, transaction);
            command.CommandTimeout = Timeout;
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (!reader.IsDBNull(1)) ids[reader.GetInt32(0)] = RowKey.Text(reader.GetValue(1));
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
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
