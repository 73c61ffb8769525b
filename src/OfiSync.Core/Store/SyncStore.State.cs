using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using OfiSync.Core.Engine;

namespace OfiSync.Core.Store;

/// <summary>What the store knows of one source row of a line: the hash of what was last written, the CRM id, the last status.</summary>
public sealed record RowState(string SourceKey, byte[]? Hash, string? TargetId, StateStatus Status);

/// <summary>A state change to commit with a batch: a written row (with its hash), a failed one (hash cleared) or a deleted one.</summary>
public sealed record StateChange(string SourceKey, byte[]? Hash, string? TargetId, RowStatus Status, bool Remove);

/// <summary>Sync state: read per batch of keys, written per committed batch together with the batch's row results.</summary>
public sealed partial class SyncStore
{
    private readonly ConcurrentDictionary<Guid, int> _lineNumbers = new();

    /// <summary>The number a line's state is kept under (a line's id is 16 bytes, or 36 as text: too much to repeat per row).</summary>
    internal int LineNo(DbConnection c, DbTransaction? t, Guid lineId)
    {
        if (_lineNumbers.TryGetValue(lineId, out var known)) return known;
        var no = c.QueryFirstOrDefault<int?>("SELECT line_no FROM ofisync_line WHERE line_id = @id", new { id = Id(lineId) }, t)
                 ?? throw new StoreException(StoreErrorKind.NotFound, Messages.LineNotFound(lineId.ToString("D")));
        return _lineNumbers[lineId] = no;
    }

    public Dictionary<string, RowState> GetStates(Guid lineId, IReadOnlyList<string> keys) => Read(c => GetStates(c, lineId, keys));

    // The keys travel as ONE parameter (a JSON array, or a PostgreSQL array): a statement with hundreds of
    // parameters costs more to bind than to run.
    internal Dictionary<string, RowState> GetStates(DbConnection c, Guid lineId, IReadOnlyList<string> keys)
    {
        var result = new Dictionary<string, RowState>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0) return result;
        var rows = c.Query<(string source_key, byte[]? row_hash, string? target_id, short status)>(Dialect.StatesOfKeys,
            new { line = LineNo(c, null, lineId), keys = Dialect.KeysArgument(keys) });
        foreach (var r in rows) result[r.source_key] = new RowState(r.source_key, r.row_hash, r.target_id, (StateStatus)r.status);
        return result;
    }

    /// <summary>Every state of a line, key by key, without holding them all in memory.</summary>
    public IEnumerable<RowState> StreamStates(Guid lineId)
    {
        using var connection = OpenConnection();
        var line = LineNo(connection, null, lineId);
        foreach (var r in connection.Query<(string source_key, byte[]? row_hash, string? target_id, short status)>(
                     "SELECT source_key, row_hash, target_id, status FROM ofisync_state WHERE line_no = @line", new { line }, buffered: false))
            yield return new RowState(r.source_key, r.row_hash, r.target_id, (StateStatus)r.status);
    }

    public long CountStates(Guid lineId) =>
        Read(c => c.ExecuteScalar<long>("SELECT COUNT(*) FROM ofisync_state WHERE line_no = @line", new { line = LineNo(c, null, lineId) }));

    /// <summary>Removes a line's state, so the next run treats every row as new.</summary>
    public void ClearStates(Guid lineId) =>
        Run((c, t) => c.Execute("DELETE FROM ofisync_state WHERE line_no = @line", new { line = LineNo(c, t, lineId) }, t));

    /// <summary>
    /// Commits, in one store transaction, what a target batch did: the state of each row, its result, and the run's
    /// counts so far. Called only after the target batch committed, so the state never claims more than the target holds.
    /// </summary>
    public void CommitBatch(SyncRun run, IReadOnlyList<StateChange> changes, IReadOnlyList<RowResult> results, long firstSeq) =>
        Run((c, t) => { CommitBatch(c, t, run, changes, results, firstSeq); return 0; });

    internal void CommitBatch(DbConnection c, DbTransaction t, SyncRun run, IReadOnlyList<StateChange> changes, IReadOnlyList<RowResult> results, long firstSeq)
    {
        var line = LineNo(c, t, run.LineId);
        var upserts = new List<StoredState>(changes.Count);
        var removals = new List<string>();
        foreach (var s in changes)
        {
            if (s.Remove) removals.Add(s.SourceKey);
            else upserts.Add(new StoredState(s.SourceKey, s.Hash, s.TargetId, s.Status == RowStatus.Succeeded ? StateStatus.Succeeded : StateStatus.Failed));
        }
        if (upserts.Count > 0) c.Execute(Dialect.UpsertStates, Dialect.StatesArguments(line, upserts), t);
        if (removals.Count > 0) c.Execute(Dialect.RemoveStates, new { line, keys = Dialect.KeysArgument(removals) }, t);
        var compact = new List<(long, RowResult)>(results.Count);
        var detailed = new List<object>();
        var seq = firstSeq;
        foreach (var r in results)
        {
            if (CompactHistory.Fits(r)) compact.Add((seq++, r));
            else detailed.Add(new { run = run.RunId, seq = seq++, k = r.Key, a = r.Action.ToString(), st = r.Status.ToString(), e = r.Error, ec = r.Column, tk = r.TargetId });
        }
        if (compact.Count > 0)
            c.Execute(Dialect.InsertRunBatch, new { run = run.RunId, seq = firstSeq, n = compact.Count, packed = CompactHistory.Pack(compact, firstSeq) }, t);
        if (detailed.Count > 0)
            c.Execute("INSERT INTO ofisync_run_row (run_id, seq, source_key, action, status, error, error_column, target_key) VALUES (@run, @seq, @k, @a, @st, @e, @ec, @tk)", detailed, t);
        UpdateRun(c, t, run);
    }

    /// <summary>
    /// Marks rows as being written, before the target batch is committed: no hash, status Pending. If the process
    /// dies before the batch's own commit, the next run finds these keys without a hash and writes them again (or
    /// deletes them again), so a kill between the target's commit and the store's never leaves the two apart.
    /// </summary>
    public void MarkPending(Guid lineId, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return;
        Run((c, t) => { MarkPending(c, t, lineId, keys); return 0; });
    }

    internal void MarkPending(DbConnection c, DbTransaction t, Guid lineId, IReadOnlyList<string> keys) =>
        c.Execute(Dialect.MarkPending, new { line = LineNo(c, t, lineId), keys = Dialect.KeysArgument(keys) }, t);

    /// <summary>The runs of a line still marked Running when a new run takes its lock: their process ended without a word.</summary>
    public void CloseInterruptedRuns(Guid lineId) => Run((c, t) => c.Execute(
        "UPDATE ofisync_run SET status = 'Stopped', message = @m WHERE line_id = @id AND status = 'Running'",
        new { id = Id(lineId), m = Messages.Stored.RunInterrupted }, t));

    private static void UpdateRun(DbConnection c, DbTransaction t, SyncRun s) =>
        c.Execute(@"UPDATE ofisync_run SET status = @status, ended = @ended, rows_read = @read, inserted = @ins, updated = @upd, deleted = @del,
                    flagged = @flag, unchanged = @unch, failed = @fail, skipped = @skip, message = @msg WHERE run_id = @run",
            new
            {
                run = s.RunId, status = s.Status.ToString(), ended = s.Ended, read = s.Read, ins = s.Inserted, upd = s.Updated, del = s.Deleted,
                flag = s.Flagged, unch = s.Unchanged, fail = s.Failed, skip = s.Skipped, msg = s.Message,
            }, t);
}
