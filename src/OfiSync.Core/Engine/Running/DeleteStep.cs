using System.Runtime.CompilerServices;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// The rows gone from the source, after a run that read the line's whole scope: the keys the store knows and the source
/// no longer gave, deleted or flagged by the line's policy in slices of the line's batch size (each tried again after a
/// passing fault, like a batch), under the safety cap: more than <see cref="SyncOptions.DeleteCapPercent"/> of the
/// target's rows fails the line without deleting anything, unless <see cref="SyncOptions.Force"/>.
/// </summary>
internal static class DeleteStep
{
    /// <summary>The stored rows the source did not give this time, whatever their last status: a row whose last update
    /// failed is still in the target, and must go when the source drops it.</summary>
    public static IEnumerable<RowState> Gone(SyncStore store, Guid lineId, HashSet<UInt128> seen) =>
        store.StreamStates(lineId).Where(state => !seen.Contains(LinePlan.KeyHash(state.SourceKey)));

    /// <summary>Deletes or flags the rows gone, slice by slice; each slice's results once it is committed.</summary>
    public static async IAsyncEnumerable<List<RowResult>> RunAsync(LineSession session, HashSet<UInt128> seen, RunRecorder recorder, RetryPolicy retry,
        SyncOptions options, [EnumeratorCancellation] CancellationToken cancel)
    {
        var line = session.Line;
        var run = recorder.Run;
        var store = recorder.Store;
        long total = 0;
        await retry.RunAsync(async () => total = await session.Writer.CountAsync(cancel).ConfigureAwait(false), () => session.ReopenTargetAsync(cancel)).ConfigureAwait(false);
        var cap = (long)Math.Floor(total * options.DeleteCapPercent / 100.0);
        var gone = new List<RowState>();
        foreach (var state in Gone(store, line.Id, seen))
        {
            cancel.ThrowIfCancellationRequested();
            gone.Add(state);
            if (options.Force || gone.Count <= cap) continue;
            var count = Gone(store, line.Id, seen).LongCount();
            run.Message = Messages.Stored.DeleteCapExceeded(line.Name, count, total, options.DeleteCapPercent);
            run.Status = RunStatus.Failed;
            throw new SyncLineException(line.Name, Messages.DeleteCapExceeded(line.Name, count, total, options.DeleteCapPercent), storedMessage: run.Message);
        }
        for (var start = 0; start < gone.Count; start += line.BatchSize)
        {
            var slice = gone.Skip(start).Take(line.BatchSize).ToList();
            var keys = slice.Select(s => new WriteRow(s.SourceKey, session.TargetKeyValues(s.SourceKey))).ToList();
            await recorder.MarkPendingAsync(keys.Select(k => k.SourceKey).ToList()).ConfigureAwait(false);
            WriteOutcome[] outcomes = Array.Empty<WriteOutcome>();
            await retry.RunAsync(() => session.OnTarget(async () =>
                    outcomes = await session.Writer.DeleteAsync(keys, line.DeletePolicy, session.FlagColumn, session.FlagValue, cancel).ConfigureAwait(false)),
                () => session.ReopenTargetAsync(cancel)).ConfigureAwait(false);
            var results = new List<RowResult>(slice.Count);
            for (var i = 0; i < slice.Count; i++)
            {
                var ok = outcomes[i].Succeeded;
                results.Add(new RowResult
                {
                    RunId = run.RunId, Line = line.Name, Key = slice[i].SourceKey, Action = session.DeleteAction,
                    Status = ok ? RowStatus.Succeeded : RowStatus.Failed, Error = outcomes[i].Error, TargetId = slice[i].TargetId,
                });
                BatchWriter.Count(run, session.DeleteAction, !ok);
            }
            var removed = results.Where(r => r.Status == RowStatus.Succeeded)
                .Select(r => new StateChange(r.Key, null, null, RowStatus.Succeeded, Remove: true)).ToList();
            await recorder.CommitAsync(removed, results).ConfigureAwait(false);
            yield return results;
        }
    }
}
