using System.Data.Common;
using System.Globalization;
using MySqlConnector;
using OfiSync.Core.Engine;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Providers.Sqlite;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// MariaDB, in one transaction per batch. Rows the state says are new, where a unique index covers the key, go by
/// multi-row plain INSERTs (a key the target holds fails the batch with 1062, which then falls back to the upsert), their
/// ids from LAST_INSERT_ID() where provably consecutive. The upsert reads the CRM ids back by key (LAST_INSERT_ID says
/// nothing of updated rows).
/// The bulk path, the faster one in ./build.sh bench: multi-row INSERT ... ON DUPLICATE KEY UPDATE, where only the
/// key's unique index can match. Where another unique index could (a NIF), ON DUPLICATE KEY UPDATE would update the
/// row holding that value: multi-row INSERTs into a temporary staging table with the target's column types, then
/// UPDATE ... JOIN and INSERT ... SELECT ... WHERE NOT EXISTS by the key. When the connection string sets
/// AllowLoadLocalInfile=true (and the server allows it), the staging table is loaded with LOAD DATA LOCAL
/// (MySqlBulkCopy) instead, a warning of the load failing the batch: LOAD DATA truncates and clamps with warnings only.
/// A batch that fails is rolled back and split until the failing rows stand alone.
/// </summary>
public sealed class MariaDbTargetWriter : TargetWriterBase
{
    /// <summary>Rows per multi-row INSERT statement: a batch of the line may be larger.</summary>
    private const int RowsPerStatement = 1000;

    private readonly MySqlConnection _connection;
    private readonly string _stage = "ofisync_stage_" + Guid.NewGuid().ToString("N")[..8];
    private MariaDbTable? _table;
    private bool _bulk;
    private bool _upsertsByKey;
    private bool _onDuplicateKey;
    private bool _staged;
    private bool _insertNew;
    private bool _consecutiveIds;

    public MariaDbTargetWriter(DbConnection connection, WriterShape shape, int commandTimeout) : base(connection, shape, commandTimeout)
    {
        _connection = (MySqlConnection)connection;
    }

    private string Stage => Shape.Provider.QuoteIdentifier(_stage);

    /// <summary>How this writer writes, once its first batch chose (for the tests).</summary>
    public MariaDbWritePath Path => _table is null ? MariaDbWritePath.NotChosen
        : _bulk ? MariaDbWritePath.LoadData : _onDuplicateKey ? MariaDbWritePath.InsertOnDuplicateKey : MariaDbWritePath.InsertIntoStage;

    /// <summary>Which path writes this table: asked of the connection and the server once.</summary>
    private async Task PrepareAsync(CancellationToken cancel)
    {
        if (_table is not null) return;
        _table = await MariaDbTable.ReadAsync(_connection, Shape, Timeout, cancel).ConfigureAwait(false);
        _bulk = new MySqlConnectionStringBuilder(_connection.ConnectionString).AllowLoadLocalInfile
                && Convert.ToInt64(await ScalarAsync("SELECT @@local_infile", null, cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1;
        _upsertsByKey = _table.UpsertsByKeyOnly(Shape);
        _insertNew = _table.KeyIsUnique(Shape);
        // One multi-row INSERT takes consecutive AUTO_INCREMENT values from LAST_INSERT_ID() only with lock mode 0 or 1
        // ("simple inserts" get their values in one block) and a step of 1; otherwise the ids are read back by key.
        _consecutiveIds = Shape.IdColumn is { } id && _table.IsAutoIncrement(id.Name) && !Shape.Columns.Any(c => string.Equals(c.Name, id.Name, StringComparison.OrdinalIgnoreCase))
            && Convert.ToInt64(await ScalarAsync("SELECT @@innodb_autoinc_lock_mode", null, cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) <= 1
            && Convert.ToInt64(await ScalarAsync("SELECT @@auto_increment_increment", null, cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1;
        _onDuplicateKey = !_bulk && _upsertsByKey;
        if (_onDuplicateKey) return;
        var columns = Shape.Columns.Select((c, i) => $"{Shape.Quoted[i]} {_table.StageType(c.Name)}");
        await ExecuteAsync($"CREATE TEMPORARY TABLE {Stage} ({string.Join(", ", columns)}, ofisync_seq INT NOT NULL) ENGINE=InnoDB", null, cancel).ConfigureAwait(false);
        _staged = true;
    }

    public override async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        await PrepareAsync(cancel).ConfigureAwait(false);
        return await WriteNewByInsertAsync(rows, _insertNew, cancel).ConfigureAwait(false);
    }

    protected override bool IsDuplicateKey(Exception ex) => ex is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    /// <summary>Multi-row plain INSERTs straight into the target; the ids from LAST_INSERT_ID() where they are consecutive, else by key.</summary>
    protected override async Task<Dictionary<int, string>?> InsertBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var ids = Shape.QuotedId is null ? null : new Dictionary<int, string>();
        for (var at = start; at < start + count; at += RowsPerStatement)
        {
            var chunk = Math.Min(RowsPerStatement, start + count - at);
            var first = await InsertAsync(Shape.Table, rows, at, chunk, "", transaction, cancel).ConfigureAwait(false);
            if (ids is null) continue;
            if (_consecutiveIds && first > 0)
                for (var r = 0; r < chunk; r++) ids[at + r] = (first + r).ToString(CultureInfo.InvariantCulture);
            else
                foreach (var (seq, id) in await IdsByKeyAsync(rows, at, chunk, transaction, cancel).ConfigureAwait(false)) ids[seq] = id;
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return ids;
    }

    protected override async Task<Dictionary<int, string>?> WriteBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        Dictionary<int, string>? ids;
        if (_onDuplicateKey)
        {
            ids = Shape.QuotedId is null ? null : new Dictionary<int, string>();
            for (var at = start; at < start + count; at += RowsPerStatement)
            {
                var chunk = Math.Min(RowsPerStatement, start + count - at);
                await InsertAsync(Shape.Table, rows, at, chunk, UpdateOnDuplicate, transaction, cancel).ConfigureAwait(false);
                if (ids is not null)
                    foreach (var (seq, id) in await IdsByKeyAsync(rows, at, chunk, transaction, cancel).ConfigureAwait(false)) ids[seq] = id;
            }
        }
        else
        {
            await ExecuteAsync($"DELETE FROM {Stage}", transaction, cancel).ConfigureAwait(false);
            if (_bulk) await MariaDbBulkLoad.LoadAsync(_connection, transaction, _stage, Shape, rows, start, count, Timeout, cancel).ConfigureAwait(false);
            else
                for (var at = start; at < start + count; at += RowsPerStatement)
                    await InsertAsync(Stage, rows, at, Math.Min(RowsPerStatement, start + count - at), null, transaction, cancel).ConfigureAwait(false);
            ids = await MergeAsync(transaction, cancel).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return ids;
    }

    private string KeyMatch => string.Join(" AND ", Shape.KeyIndexes.Select(i => $"t.{Shape.Quoted[i]} = s.{Shape.Quoted[i]}"));

    /// <summary>The staged rows into the target: existing keys updated, new keys inserted in the batch's order.</summary>
    private async Task<Dictionary<int, string>?> MergeAsync(MySqlTransaction transaction, CancellationToken cancel)
    {
        var insert = $"INSERT INTO {Shape.Table} ({string.Join(", ", Shape.Quoted)}) SELECT {string.Join(", ", Shape.Quoted.Select(q => "s." + q))} FROM {Stage} AS s";
        if (_upsertsByKey)
        {
            // Only the key's unique index can match: one statement.
            await ExecuteAsync($"{insert} ORDER BY s.ofisync_seq{UpdateOnDuplicate}", transaction, cancel).ConfigureAwait(false);
        }
        else
        {
            var sets = Shape.NonKeyIndexes.Select(i => $"t.{Shape.Quoted[i]} = s.{Shape.Quoted[i]}").ToList();
            if (sets.Count > 0)
                await ExecuteAsync($"UPDATE {Shape.Table} AS t JOIN {Stage} AS s ON {KeyMatch} SET {string.Join(", ", sets)}", transaction, cancel).ConfigureAwait(false);
            await ExecuteAsync($"{insert} WHERE NOT EXISTS (SELECT 1 FROM {Shape.Table} AS t WHERE {KeyMatch}) ORDER BY s.ofisync_seq", transaction, cancel).ConfigureAwait(false);
        }
        if (Shape.QuotedId is null) return null;
        return await ReadIdsAsync($"SELECT s.ofisync_seq, t.{Shape.QuotedId} FROM {Stage} AS s JOIN {Shape.Table} AS t ON {KeyMatch}", null, transaction, cancel).ConfigureAwait(false);
    }

    private string UpdateOnDuplicate
    {
        get
        {
            // VALUES(c) is the value the row would have inserted; with nothing but the key, an update that changes nothing.
            var sets = Shape.NonKeyIndexes.Select(i => $"{Shape.Quoted[i]} = VALUES({Shape.Quoted[i]})").ToList();
            var key = Shape.Quoted[Shape.KeyIndexes[0]];
            return " ON DUPLICATE KEY UPDATE " + (sets.Count > 0 ? string.Join(", ", sets) : $"{key} = {key}");
        }
    }

    /// <summary>One multi-row INSERT of rows[start..start+count) into a table (the target, or the staging table with each row's position).</summary>
    private async Task<long> InsertAsync(string table, IReadOnlyList<WriteRow> rows, int start, int count, string? onDuplicate, MySqlTransaction transaction, CancellationToken cancel)
    {
        var staged = onDuplicate is null;
        var placeholders = "(" + string.Join(", ", Enumerable.Repeat("?", Shape.Columns.Count + (staged ? 1 : 0))) + ")";
        var columns = string.Join(", ", Shape.Quoted) + (staged ? ", ofisync_seq" : "");
        await using var command = new MySqlCommand($"INSERT INTO {table} ({columns}) VALUES {string.Join(", ", Enumerable.Repeat(placeholders, count))}{onDuplicate}",
            _connection, transaction) { CommandTimeout = Timeout };
        for (var r = start; r < start + count; r++)
        {
            foreach (var value in rows[r].Values) command.Parameters.Add(new MySqlParameter { Value = value ?? DBNull.Value });
            if (staged) command.Parameters.Add(new MySqlParameter { Value = r });
        }
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return command.LastInsertedId;
    }

    /// <summary>
    /// The ids of rows written by INSERT ... ON DUPLICATE KEY UPDATE, read back by key: LAST_INSERT_ID() says nothing of
    /// updated rows. The keys are compared by the database, with the target columns' own collation, as the upsert was.
    /// </summary>
    private Task<Dictionary<int, string>> IdsByKeyAsync(IReadOnlyList<WriteRow> rows, int start, int count, MySqlTransaction transaction, CancellationToken cancel)
    {
        var keys = Shape.KeyIndexes.Select((i, n) => $"? AS k{n}").ToList();
        var select = string.Join(" UNION ALL ", Enumerable.Range(start, count).Select(_ => $"SELECT ? AS seq, {string.Join(", ", keys)}"));
        var match = string.Join(" AND ", Shape.KeyIndexes.Select((i, n) => $"t.{Shape.Quoted[i]} = v.k{n}"));
        var values = Enumerable.Range(start, count).SelectMany(r => Shape.KeyIndexes.Select(i => rows[r].Values[i]).Prepend(r));
        return ReadIdsAsync($"SELECT v.seq, t.{Shape.QuotedId} FROM ({select}) AS v JOIN {Shape.Table} AS t ON {match}", values, transaction, cancel);
    }

    private async Task<Dictionary<int, string>> ReadIdsAsync(string sql, IEnumerable<object?>? values, MySqlTransaction transaction, CancellationToken cancel)
    {
        var ids = new Dictionary<int, string>();
        await using var command = new MySqlCommand(sql, _connection, transaction) { CommandTimeout = Timeout };
        foreach (var value in values ?? Array.Empty<object?>()) command.Parameters.Add(new MySqlParameter { Value = value ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            if (!reader.IsDBNull(1)) ids[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = RowKey.Text(reader.GetValue(1));
        return ids;
    }

    private async Task ExecuteAsync(string sql, MySqlTransaction? transaction, CancellationToken cancel)
    {
        await using var command = new MySqlCommand(sql, _connection, transaction) { CommandTimeout = Timeout };
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task<object?> ScalarAsync(string sql, MySqlTransaction? transaction, CancellationToken cancel)
    {
        await using var command = new MySqlCommand(sql, _connection, transaction) { CommandTimeout = Timeout };
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The row's failure, naming the column MariaDB names, or the first written column of the unique index or CHECK it names.</summary>
    protected override async Task<WriteOutcome> FailureAsync(Exception ex, WriteRow row, CancellationToken cancel)
    {
        var (number, text) = ex switch
        {
            MySqlException mysql => (mysql.Number, mysql.Message),
            MariaDbLoadWarningException warning => (warning.Number, warning.Message),
            _ => (0, ex.Message),
        };
        var (kind, name) = MariaDbErrors.Subject(number, text);
        IEnumerable<string> named = kind switch
        {
            MariaDbErrors.Named.Column => new[] { name! },
            MariaDbErrors.Named.Index when _table is not null => _table.IndexColumns(name!),
            MariaDbErrors.Named.Check when _table is not null && await _table.CheckClauseAsync(_connection, name!, Timeout, cancel).ConfigureAwait(false) is { } clause =>
                SqliteTargetWriter.ColumnsNamedIn(clause),
            _ => Array.Empty<string>(),
        };
        var column = named.Select(n => Shape.Columns.FirstOrDefault(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(c => c is not null)?.Name;
        return new WriteOutcome(false, Error: column is null ? text : $"{Shape.Describe(row, column)}: {text}", Column: column);
    }

    /// <summary>A value read back for the preview, as the engine compares it: MariaDB's small and unsigned integers as long.</summary>
    protected override object FromDatabase(object value, ColumnInfo column) => value switch
    {
        sbyte or byte or short or ushort or int or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u when u <= long.MaxValue => (long)u,
        _ => value,
    };

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_staged && _connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync($"DROP TEMPORARY TABLE IF EXISTS {Stage}", null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MySqlException) { }
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>How a MariaDB target writer writes its batches.</summary>
public enum MariaDbWritePath { NotChosen, LoadData, InsertOnDuplicateKey, InsertIntoStage }
