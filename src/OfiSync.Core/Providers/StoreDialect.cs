using System.Data.Common;
using OfiSync.Core.Store;

namespace OfiSync.Core.Providers;

/// <summary>
/// What the store does differently on one database: its column types, the statements that differ (upserts, identity,
/// lists of keys given as one parameter), how a connection to it is made and prepared, and the run lock of a line.
/// The defaults are the INSERT ... ON CONFLICT forms SQLite and PostgreSQL share.
/// </summary>
public abstract class StoreDialect
{
    /// <summary>The column types of the store's tables.</summary>
    public abstract StoreTypes Types { get; }

    public virtual string MetaTableDdl => "CREATE TABLE ofisync_meta (name VARCHAR(100) NOT NULL PRIMARY KEY, value VARCHAR(400) NULL)";

    /// <summary>1 when the meta table exists, else 0; creates nothing.</summary>
    public abstract string MetaTableExists { get; }

    public virtual string SetMeta =>
        "INSERT INTO ofisync_meta (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value";

    public virtual string InsertRun =>
        "INSERT INTO ofisync_run (line_id, line_name, mode, status, started, host, user_name, sync_id) VALUES (@id, @n, @m, @s, @st, @h, @u, @sync) RETURNING run_id";

    /// <summary>What follows the sync state's CREATE TABLE (SQLite keeps it WITHOUT ROWID: the key is stored once).</summary>
    public virtual string StateTableOptions => "";

    /// <summary>A query of one column, k: the keys given as one parameter (@keys, see <see cref="KeysArgument"/>).</summary>
    public abstract string KeysList { get; }

    /// <summary>The states of a list of keys of one line (@line, @keys).</summary>
    public virtual string StatesOfKeys =>
        $"SELECT source_key, row_hash, target_id, status FROM ofisync_state WHERE line_no = @line AND source_key IN ({KeysList})";

    /// <summary>Marks a list of keys (@keys) of a line (@line) Pending in one statement: no hash, status 2 (<see cref="StateStatus.Pending"/>).</summary>
    public abstract string MarkPending { get; }

    /// <summary>Removes the states of a list of keys (@keys) of a line (@line).</summary>
    public virtual string RemoveStates => $"DELETE FROM ofisync_state WHERE line_no = @line AND source_key IN ({KeysList})";

    /// <summary>
    /// Writes the states of a committed batch in one statement (@line and the rows of <see cref="StatesArguments"/>):
    /// a known key's hash and status are replaced, its CRM id kept when the new one is unknown.
    /// </summary>
    public abstract string UpsertStates { get; }

    /// <summary>The parameters of <see cref="UpsertStates"/>: by default @line and @rows, a JSON array of [key, hash as hex, CRM id, status].</summary>
    public virtual object StatesArguments(int line, IReadOnlyList<StoredState> rows) =>
        new { line, rows = System.Text.Json.JsonSerializer.Serialize(rows.Select(r => new object?[] { r.Key, r.Hash is null ? null : Convert.ToHexString(r.Hash), r.TargetId, (int)r.Status })) };

    /// <summary>The succeeded rows of a committed batch, compacted into one value (@run, @seq, @n, @packed).</summary>
    public virtual string InsertRunBatch => "INSERT INTO ofisync_run_batch (run_id, seq, row_count, packed) VALUES (@run, @seq, @n, @packed)";

    /// <summary>The next free line number, for a line being added (inside the adding transaction).</summary>
    public virtual string NextLineNo => "SELECT COALESCE(MAX(line_no), 0) + 1 FROM ofisync_line";

    /// <summary>A list of keys as one parameter: a JSON array by default.</summary>
    public virtual object KeysArgument(IReadOnlyList<string> keys) => System.Text.Json.JsonSerializer.Serialize(keys);

    /// <summary>A line or sync id as the store's id column holds it: a UUID by default.</summary>
    public virtual object Id(Guid id) => id;

    /// <summary>The connection string for what a command does with the store (an embedded store opened read-only...).</summary>
    public virtual string ConnectionStringFor(StoreLocation location, StoreAccess access) => location.ConnectionString;

    /// <summary>The connection string of a store kept in a file at this full path, or null when this database keeps none in files.</summary>
    public virtual string? FileConnectionString(string fullPath) => null;

    /// <summary>Before a store is opened: an embedded store's file is made for Create, and must exist otherwise.</summary>
    public virtual void PrepareLocation(StoreLocation location, StoreAccess access) { }

    /// <summary>Settings of every new store connection (an embedded store's pragmas).</summary>
    public virtual void Prepare(DbConnection connection, StoreAccess access) { }

    /// <summary>Whether this account may only read the store through this connection.</summary>
    public virtual bool IsReadOnly(DbConnection connection) => false;

    /// <summary>Once a writing command has checked the store: settings kept in the database (an embedded store's journal mode).</summary>
    public virtual void AfterCheck(DbConnection connection) { }

    /// <summary>A clearer error for a failure to open the store, or null to report it as it is.</summary>
    public virtual StoreException? ExplainOpenFailure(Exception exception, StoreLocation location, StoreAccess access) => null;

    /// <summary>
    /// Takes the run lock of a line without waiting, held by a connection or handle of its own so that the server or the
    /// operating system releases it if the process dies; null when another run holds it.
    /// </summary>
    public abstract Task<IAsyncDisposable?> TryLockLineAsync(StoreLocation location, Func<DbConnection> open, Guid lineId, CancellationToken cancel);

    /// <summary>
    /// A lock owned by a database session of its own: taken with <paramref name="tryLock"/> (whose single value says
    /// whether it was taken) and released explicitly with <paramref name="unlock"/> (a pooled connection would otherwise
    /// keep it for its next user); the server releases it when the session ends, so a killed process loses it.
    /// </summary>
    protected static async Task<IAsyncDisposable?> SessionLockAsync(Func<DbConnection> open, string tryLock, string unlock, object arguments,
        Func<object?, bool> taken, CancellationToken cancel)
    {
        var connection = open();
        try
        {
            var result = await Dapper.SqlMapper.ExecuteScalarAsync(connection, new Dapper.CommandDefinition(tryLock, arguments, cancellationToken: cancel)).ConfigureAwait(false);
            if (taken(result))
                return new HeldLock(async () =>
                {
                    try { await Dapper.SqlMapper.ExecuteAsync(connection, unlock, arguments).ConfigureAwait(false); }
                    finally { await connection.DisposeAsync().ConfigureAwait(false); }
                });
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>How many runs a line (@id) has and when the oldest started: the one query a run's pruning makes when nothing is due.</summary>
    public virtual string LineRunSpan => "SELECT COUNT(*) AS runs, MIN(started) AS oldest FROM ofisync_run WHERE line_id = @id";

    /// <summary>
    /// The newest @n run ids of a line (@id), newest first. Limited in SQL: a reader left before its end is cancelled,
    /// and on PostgreSQL that cancel can abort the transaction the pruning runs in.
    /// </summary>
    public virtual string LineRunsNewestFirst => "SELECT run_id FROM ofisync_run WHERE line_id = @id ORDER BY run_id DESC LIMIT @n";

    /// <summary>The lines that have runs (removed lines' runs included), for a pruning of the whole store.</summary>
    public virtual string LinesWithRuns => "SELECT line_id, MAX(line_name) AS line_name FROM ofisync_run GROUP BY line_id";

    /// <summary>
    /// The runs of a line (@id) to prune: never its newest (@newest) nor one still running; those beyond the count to
    /// keep (run_id at or below @cut) and/or started before @before, as <paramref name="pruning"/> says.
    /// </summary>
    public virtual string PruneCondition(RunPruning pruning)
    {
        var limits = new List<string>();
        if (pruning.KeepLast is not null) limits.Add("run_id <= @cut");
        if (pruning.Before is not null) limits.Add("started < @before");
        if (limits.Count == 0) limits.Add("1 = 0");
        return $"line_id = @id AND status <> 'Running' AND run_id < @newest AND ({string.Join(pruning.EitherLimit ? " OR " : " AND ", limits)})";
    }

    /// <summary>How many runs a condition picks, and the first and last start among them.</summary>
    public virtual string CountRuns(string condition) => $"SELECT COUNT(*) AS runs, MIN(started) AS oldest, MAX(started) AS newest FROM ofisync_run WHERE {condition}";

    /// <summary>How many history rows (kept one by one or packed per batch) the runs a condition picks hold.</summary>
    public virtual string CountHistoryRows(string condition) =>
        $@"SELECT (SELECT COUNT(*) FROM ofisync_run_row WHERE run_id IN (SELECT run_id FROM ofisync_run WHERE {condition}))
             + (SELECT COALESCE({SumOfRowCounts}, 0) FROM ofisync_run_batch WHERE run_id IN (SELECT run_id FROM ofisync_run WHERE {condition}))";

    /// <summary>The sum of the packed batches' row counts, as a 64-bit number.</summary>
    public virtual string SumOfRowCounts => "SUM(row_count)";

    /// <summary>Removes the runs a condition picks, their packed batches and their rows: three set-based statements, in one transaction.</summary>
    public virtual IReadOnlyList<string> DeleteRuns(string condition) => new[]
    {
        $"DELETE FROM ofisync_run_batch WHERE run_id IN (SELECT run_id FROM ofisync_run WHERE {condition})",
        $"DELETE FROM ofisync_run_row WHERE run_id IN (SELECT run_id FROM ofisync_run WHERE {condition})",
        $"DELETE FROM ofisync_run WHERE {condition}",
    };

    /// <summary>The bytes the store's tables take, as one value, where the database tells it cheaply; null when it does not.</summary>
    public virtual string? StoreSize => null;

    /// <summary>The history statements, with each shape of condition, for the grammar tests.</summary>
    private IEnumerable<string> HistoryStatements()
    {
        var conditions = new[] { new RunPruning(DateTime.UtcNow, 5, true), new RunPruning(DateTime.UtcNow, 5, false), new RunPruning(null, 5, true), new RunPruning(DateTime.UtcNow, null, false) }
            .Select(PruneCondition);
        return new[] { LineRunSpan, LineRunsNewestFirst, LinesWithRuns }
            .Concat(conditions.SelectMany(c => DeleteRuns(c).Append(CountRuns(c)).Append(CountHistoryRows(c))))
            .Concat(StoreSize is { } size ? new[] { size } : Array.Empty<string>());
    }

    /// <summary>Every statement above, for the tests that check them against the database's grammar.</summary>
    public virtual IEnumerable<string> Statements => new[] { SetMeta, InsertRun, StatesOfKeys, MarkPending, RemoveStates, UpsertStates, InsertRunBatch, NextLineNo, MetaTableExists }
        .Concat(HistoryStatements());
}

/// <summary>The column types of the store's tables on one database.</summary>
public sealed record StoreTypes(string Name, string Text, string Time, string Id, string Key, string Hash, string Blob, string Identity, string AddColumn = "COLUMN ");

/// <summary>A held lock, released once.</summary>
public sealed class HeldLock : IAsyncDisposable
{
    private Func<ValueTask>? _release;

    public HeldLock(Func<ValueTask> release) => _release = release;

    public ValueTask DisposeAsync()
    {
        var release = Interlocked.Exchange(ref _release, null);
        return release?.Invoke() ?? ValueTask.CompletedTask;
    }
}
