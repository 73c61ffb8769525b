using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// What a run writes into the store, each step tried again like the target's: the keys about to be written marked
/// Pending before the target commits (so a crash in between is repaired by the next run), then, per committed batch,
/// the rows' state and results and the run's counts in one transaction, and the run's end.
/// </summary>
internal sealed class RunRecorder : IDisposable
{
    private readonly SyncStore _store;
    private readonly RetryPolicy _retry;
    private readonly StoreSession _session;
    private long _sequence;

    public RunRecorder(SyncStore store, SyncRun run, RetryPolicy retry)
    {
        _store = store;
        Run = run;
        _retry = retry;
        _session = new StoreSession(store);
    }

    public SyncRun Run { get; }

    public SyncStore Store => _store;

    /// <summary>Records the run as it starts: the line's lock is held, and runs of the line a dead process left Running are closed.</summary>
    public void Start()
    {
        _store.CloseInterruptedRuns(Run.LineId);
        _store.StartRun(Run);
    }

    public Task MarkPendingAsync(IReadOnlyList<string> keys) => keys.Count == 0 ? Task.CompletedTask :
        _retry.RunAsync(() => { _session.Write((c, t) => { _store.MarkPending(c, t, Run.LineId, keys); return 0; }); return Task.CompletedTask; });

    /// <summary>Commits a batch's state and results, and the change column's mark it allows, in one store transaction.</summary>
    public async Task CommitAsync(IReadOnlyList<StateChange> changes, IReadOnlyList<RowResult> results, ChangeMark? mark = null)
    {
        var first = _sequence;
        await _retry.RunAsync(() =>
            {
                _session.Write((c, t) =>
                {
                    _store.CommitBatch(c, t, Run, changes, results, first);
                    if (mark is not null) _store.SetChangeMark(c, t, Run.LineId, mark);
                    return 0;
                });
                return Task.CompletedTask;
            })
            .ConfigureAwait(false);
        _sequence += results.Count;
    }

    public void End() => _store.EndRun(Run);

    /// <summary>
    /// Prunes the line's older runs by the store's retention, once the run is recorded. A failure is told as a warning:
    /// the run and the sync state are already committed, and the next run tries again.
    /// </summary>
    public void PruneHistory(SyncOptions options)
    {
        try
        {
            var removed = _session.Write((c, t) => _store.PruneLine(c, t, Run.LineId, Run.Line, SyncStore.Now()));
            if (removed is not null) options.OnVerbose?.Invoke(Messages.HistoryPruned(Run.Line, removed.Runs, removed.HistoryRows));
        }
        catch (Exception ex) when (ex is StoreException or System.Data.Common.DbException or InvalidOperationException)
        {
            options.OnWarning?.Invoke(Messages.HistoryPruneFailed(Run.Line, ex.InnerException?.Message ?? ex.Message));
        }
    }

    public void Dispose() => _session.Dispose();
}
