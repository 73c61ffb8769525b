using System.Diagnostics;
using System.Runtime.CompilerServices;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// One run of one line, from its lock to its end: the line is opened (tried again after a passing fault), its plan
/// read batch by batch, each batch marked Pending, written and committed with its state and results (each step tried
/// again), then the rows gone from the source deleted or flagged, and the run recorded as it ended. Results come out
/// as their batch is committed; what was committed stays whatever stops the run.
/// </summary>
internal sealed class LineRun
{
    private readonly SyncStore _store;
    private readonly Func<SyncLine, SyncOptions, IReadOnlyCollection<string>?, CancellationToken, Task<LineSession>> _open;
    private readonly SyncLine _line;
    private readonly SyncOptions _options;
    private readonly Selection? _selection;

    /// <summary>Rows picked from a preview, and the columns they kept.</summary>
    public sealed record Selection(IReadOnlyList<SelectedRow> Rows, IReadOnlyCollection<string> Columns);

    public LineRun(SyncStore store, Func<SyncLine, SyncOptions, IReadOnlyCollection<string>?, CancellationToken, Task<LineSession>> open,
        SyncLine line, SyncOptions options, Selection? selection)
    {
        _store = store;
        _open = open;
        _line = line;
        _options = options;
        _selection = selection;
    }

    public async IAsyncEnumerable<RowResult> ExecuteAsync(IProgress<SyncProgress>? progress, Action<SyncRun>? finished, [EnumeratorCancellation] CancellationToken cancel)
    {
        var line = _line;
        var options = _options;
        await using var runLock = await _store.TryLockLineAsync(line.Id, options.LockTimeout, cancel).ConfigureAwait(false)
                                  ?? throw new LineLockedException(line.Name, Messages.LineLocked(line.Name, options.LockTimeout),
                                      Messages.InEnglish(() => Messages.LineLocked(line.Name, options.LockTimeout)));
        var run = new SyncRun
        {
            SyncId = options.SyncId, LineId = line.Id, Line = line.Name, Mode = _selection is not null ? RunMode.Selected : options.All ? RunMode.All : RunMode.Incremental,
            Status = RunStatus.Running, Started = DateTime.UtcNow, Host = Environment.MachineName, User = Environment.UserName,
        };
        var retry = new RetryPolicy(line, options, cancel);
        using var recorder = new RunRecorder(_store, run, retry);
        recorder.Start();
        Exception? error = null;
        var watch = Stopwatch.StartNew();
        LineSession? session = null;
        IAsyncEnumerator<WriteBatch>? batches = null;
        var reachedEnd = false;
        try
        {
            // A passing fault once connected (a database locked by another program while its tables are read) is tried
            // again like a batch; a connection that cannot be made at all fails the line at once.
            try
            {
                await retry.RunAsync(async () => session = await _open(line, options, _selection?.Columns, cancel).ConfigureAwait(false),
                    passing: ex => ex is not SyncConnectionException && Faults.IsPassing(ex)).ConfigureAwait(false);
            }
            catch (Exception ex) when (RetryPolicy.Fatal(ex, cancel)) { error = ex; }
            if (session is null) throw RetryPolicy.Wrap(line, error!);
            options.OnVerbose?.Invoke(Messages.ReadingSource(line.Name, session.Query.Describe()));
            var plan = new LinePlan(_store, session, options, _selection?.Rows);
            batches = WriteBatches.GatherAsync(plan.BatchesAsync, line.BatchSize, cancel).GetAsyncEnumerator(cancel);
            var number = 0;
            while (true)
            {
                var timing = new BatchTiming();
                bool more;
                try { more = await batches.MoveNextAsync().ConfigureAwait(false); }
                catch (Exception ex) when (RetryPolicy.Fatal(ex, cancel)) { error = ex; break; }
                if (!more) break;
                timing.Read = timing.Lap();
                var (results, before, retries) = (new List<(PlannedRow Planned, RowResult Result)>(), BatchCounts.Of(run), retry.Retries);
                var batch = batches.Current;
                try
                {
                    await recorder.MarkPendingAsync(batch.Rows.Where(p => p.Error is null && p.Skip is null && !p.Row.Duplicate && !p.Row.NoKey
                                                                     && p.Action is not RowAction.Unchanged).Select(p => p.Row.Key).ToList()).ConfigureAwait(false);
                    await retry.RunAsync(() => session.OnTarget(() => { results.Clear(); return BatchWriter.WriteAsync(session, batch, run, results, cancel); }),
                        () => session.ReopenTargetAsync(cancel)).ConfigureAwait(false);
                }
                catch (Exception ex) when (RetryPolicy.Fatal(ex, cancel)) { error = ex; }
                timing.Write = timing.Lap();
                if (results.Count > 0 || error is null)
                {
                    // The mark moves only with a batch committed whole: a batch that failed leaves it where it was.
                    var mark = error is null && batch.Mark is { } m && session.Window is { } w ? new ChangeMark(w.Column.Name, w.Scope, m) : null;
                    await recorder.CommitAsync(BatchWriter.StateChanges(session, results), results.Select(r => r.Result).ToList(), mark).ConfigureAwait(false);
                }
                timing.Store = timing.Lap();
                options.OnVerbose?.Invoke(Messages.BatchDone(line.Name, ++number, batch.Read, BatchCounts.Of(run) - before, retry.Retries - retries,
                    timing.Read, timing.Write, timing.Store));
                foreach (var (_, result) in results) yield return result;
                progress?.Report(new SyncProgress(line.Name, run.Read, options.ExpectedRows, run.Read / Math.Max(watch.Elapsed.TotalSeconds, 0.001), "write"));
                if (error is not null) break;
                if (options.StopAtFirstFailure && run.Failed > 0)
                {
                    run.Status = RunStatus.Stopped;
                    run.Message = Messages.Stored.StoppedAtFirstFailure(line.Name);
                    break;
                }
                if (options.MaxErrors > 0 && run.Failed >= options.MaxErrors)
                {
                    run.Status = RunStatus.Stopped;
                    run.Message = Messages.Stored.MaxErrorsReached(line.Name, options.MaxErrors);
                    break;
                }
            }
            var seen = error is null && run.Status == RunStatus.Running ? await plan.SeenAsync(cancel).ConfigureAwait(false) : null;
            if (seen is not null)
            {
                var timing = new BatchTiming();
                var before = BatchCounts.Of(run);
                var gone = DeleteStep.RunAsync(session, seen, recorder, retry, options, cancel).GetAsyncEnumerator(cancel);
                try
                {
                    while (true)
                    {
                        bool more;
                        try { more = await gone.MoveNextAsync().ConfigureAwait(false); }
                        catch (Exception ex) when (RetryPolicy.Fatal(ex, cancel)) { error = ex; break; }
                        if (!more) break;
                        foreach (var result in gone.Current) yield return result;
                    }
                }
                finally { await gone.DisposeAsync().ConfigureAwait(false); }
                var done = BatchCounts.Of(run) - before;
                options.OnVerbose?.Invoke(Messages.DeletesDone(line.Name, done.Deleted, done.Flagged, done.Failed, timing.Lap()));
            }
            reachedEnd = true;
        }
        finally
        {
            if (batches is not null) await batches.DisposeAsync().ConfigureAwait(false);
            if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
            End(run, error, reachedEnd, cancel);
            recorder.End();
            if (!cancel.IsCancellationRequested) recorder.PruneHistory(options);
            finished?.Invoke(run);
        }
        if (error is not null && !cancel.IsCancellationRequested) throw RetryPolicy.Wrap(line, error);
    }

    /// <summary>The English text of an error of OfiSync's own, for the run history; a database's text as it is.</summary>
    private static string Stored(Exception error) => error switch
    {
        SyncLineException line => line.StoredMessage,
        SyncConnectionException connection => connection.StoredMessage,
        _ => error.Message,
    };

    /// <summary>How the run ended: stopped, failed, left before its end by the caller, or completed with or without failed rows.</summary>
    private static void End(SyncRun run, Exception? error, bool reachedEnd, CancellationToken cancel)
    {
        run.Ended = DateTime.UtcNow;
        if (error is not null || cancel.IsCancellationRequested)
        {
            run.Status = cancel.IsCancellationRequested ? RunStatus.Stopped : RunStatus.Failed;
            run.Message ??= cancel.IsCancellationRequested ? Messages.Stored.RunStopped : Stored(error!);
        }
        else if (run.Status == RunStatus.Running && !reachedEnd)
        {
            // The caller stopped reading (-ErrorAction Stop on a failed row, Select-Object -First): what was committed stays.
            run.Status = RunStatus.Stopped;
            run.Message = Messages.Stored.RunAbandoned;
        }
        else if (run.Status == RunStatus.Running) run.Status = run.Failed > 0 ? RunStatus.CompletedWithErrors : RunStatus.Succeeded;
    }
}
