using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;

namespace OfiSync.Core.Store;

/// <summary>Run history: one row per line and run, and one per row acted on.</summary>
public sealed partial class SyncStore
{
    /// <summary>Records a run as it starts; its id, from the store, is set on it.</summary>
    public void StartRun(SyncRun run) => run.RunId = Run((c, t) =>
    {
        var args = new
        {
            id = Id(run.LineId), n = run.Line, m = run.Mode.ToString(), s = run.Status.ToString(), st = run.Started, h = run.Host, u = run.User,
            sync = run.SyncId is { } sync ? Id(sync) : null,
        };
        return c.ExecuteScalar<long>(Dialect.InsertRun, args, t);
    });

    public void EndRun(SyncRun run) => Run((c, t) => { UpdateRun(c, t, run); return 0; });

    /// <summary>Runs, newest first: of one line, one run, one sync, or since a time.</summary>
    public IReadOnlyList<SyncRun> GetRuns(string? lineName = null, long? runId = null, int? last = null, DateTime? since = null, Guid? syncId = null) => Read(c =>
    {
        var where = new List<string>();
        if (lineName is not null) where.Add("UPPER(line_name) = @line");
        if (runId is not null) where.Add("run_id = @runId");
        if (since is not null) where.Add("started >= @since");
        if (syncId is not null) where.Add("sync_id = @sync");
        var sql = "SELECT run_id, sync_id, line_id, line_name, mode, status, started, ended, rows_read, inserted, updated, deleted, flagged, unchanged, failed, skipped, message, host, user_name FROM ofisync_run"
                  + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY run_id DESC";
        var rows = c.Query(sql, new { line = lineName?.ToUpperInvariant(), runId, since, sync = syncId is { } g ? Id(g) : null });
        var runs = rows.Select(r => (SyncRun)new SyncRun
        {
            RunId = (long)r.run_id, SyncId = r.sync_id is null ? null : AsGuid((object)r.sync_id), LineId = AsGuid((object)r.line_id), Line = r.line_name,
            Mode = Enum.Parse<RunMode>((string)r.mode), Status = Enum.Parse<RunStatus>((string)r.status), Started = AsUtc((object?)r.started) ?? DateTime.MinValue, Ended = AsUtc((object?)r.ended), Read = (long)r.rows_read,
            Inserted = (long)r.inserted, Updated = (long)r.updated, Deleted = (long)r.deleted, Flagged = (long)r.flagged, Unchanged = (long)r.unchanged,
            Failed = (long)r.failed, Skipped = (long)r.skipped, Message = r.message, Host = r.host, User = r.user_name,
        });
        return (last is { } n ? runs.Take(n) : runs).ToList();
    });

    /// <summary>One run by its id, or null.</summary>
    public SyncRun? GetRun(long runId) => GetRuns(runId: runId) is { Count: > 0 } runs ? runs[0] : null;

    /// <summary>
    /// The runs of the newest sync (one Invoke-OfiSync call, every line it ran), newest first. A run recorded before sync
    /// ids existed is a sync of its own.
    /// </summary>
    public IReadOnlyList<SyncRun> GetLastSync()
    {
        var newest = GetRuns(last: 1) is { Count: > 0 } runs ? runs[0] : null;
        if (newest is null) return Array.Empty<SyncRun>();
        return newest.SyncId is { } sync ? GetRuns(syncId: sync) : new[] { newest };
    }

    /// <summary>The row results of a run, in the order they happened, optionally of one status.</summary>
    public IEnumerable<RowResult> GetRunRows(long runId, string lineName, RowStatus? status = null)
    {
        // Two sorted streams merged by sequence number: the rows kept one by one, and the succeeded rows kept compactly per batch.
        using var detailed = DetailedRows(runId, lineName, status).GetEnumerator();
        using var compact = (status is null or RowStatus.Succeeded ? CompactRows(runId, lineName) : Enumerable.Empty<(long Seq, RowResult Row)>()).GetEnumerator();
        var (moreDetailed, moreCompact) = (detailed.MoveNext(), compact.MoveNext());
        while (moreDetailed || moreCompact)
        {
            if (moreDetailed && (!moreCompact || detailed.Current.Seq < compact.Current.Seq))
            {
                yield return detailed.Current.Row;
                moreDetailed = detailed.MoveNext();
            }
            else
            {
                yield return compact.Current.Row;
                moreCompact = compact.MoveNext();
            }
        }
    }

    private IEnumerable<(long Seq, RowResult Row)> DetailedRows(long runId, string lineName, RowStatus? status)
    {
        using var c = OpenConnection();
        var sql = "SELECT seq, source_key, action, status, error, error_column, target_key FROM ofisync_run_row WHERE run_id = @run"
                  + (status is null ? "" : " AND status = @status") + " ORDER BY seq";
        foreach (var r in c.Query<(long seq, string source_key, string action, string status, string? error, string? error_column, string? target_key)>(
                     sql, new { run = runId, status = status?.ToString() }, buffered: false))
        {
            yield return (r.seq, new RowResult
            {
                RunId = runId, Line = lineName, Key = r.source_key, Action = Enum.Parse<RowAction>(r.action),
                Status = Enum.Parse<RowStatus>(r.status), Error = r.error, Column = r.error_column, TargetId = r.target_key,
            });
        }
    }

    private IEnumerable<(long Seq, RowResult Row)> CompactRows(long runId, string lineName)
    {
        using var c = OpenConnection();
        foreach (var b in c.Query<(long seq, int row_count, byte[] packed)>(
                     "SELECT seq, row_count, packed FROM ofisync_run_batch WHERE run_id = @run ORDER BY seq", new { run = runId }, buffered: false))
        {
            foreach (var row in CompactHistory.Unpack(b.packed, b.seq, b.row_count, runId, lineName)) yield return row;
        }
    }

    /// <summary>The source keys whose target rows the line deleted or flagged, as its run history records them.</summary>
    public HashSet<string> GetDeletedKeys(Guid lineId) =>
        Read(c => c.Query<string>(StoreSchema.DeletedKeys, new { id = Id(lineId) }).ToHashSet(StringComparer.Ordinal));

    private static Guid AsGuid(object value) => value is Guid g ? g : Guid.Parse(value.ToString()!);

    private static DateTime? AsUtc(object? value) => value switch
    {
        null => null,
        DateTime d => DateTime.SpecifyKind(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        string s => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
        _ => null,
    };
}
