using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// Writes one planned batch into the target (upserts through the target's bulk path, then deletes or flags) and turns
/// the outcome of each row into its result and the run's counts, and into the state the store keeps for it.
/// </summary>
internal static class BatchWriter
{
    /// <summary>Writes the batch; <paramref name="results"/> gets each row acted on, with its result. Safe to try again as a whole.</summary>
    public static async Task WriteAsync(LineSession session, WriteBatch write, SyncRun run, List<(PlannedRow Planned, RowResult Result)> results,
        CancellationToken cancel)
    {
        var line = session.Line;
        var batch = write.Rows;
        var toWrite = batch.Where(p => p.Error is null && p.Skip is null && p.Action is RowAction.Insert or RowAction.Update).ToList();
        var pathsBefore = session.Writer.Paths.Copy();
        var outcomes = toWrite.Count == 0 ? Array.Empty<WriteOutcome>()
            : await session.Writer.UpsertAsync(toWrite.Select(p => new WriteRow(p.Row.Key, session.Mapper.Written(p.Row.Values)) { LikelyNew = p.Action == RowAction.Insert }).ToList(), cancel).ConfigureAwait(false);
        var outcomeByRow = new Dictionary<PlannedRow, WriteOutcome>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < toWrite.Count; i++) outcomeByRow[toWrite[i]] = outcomes[i];

        var deletes = batch.Where(p => p.Action is RowAction.Delete or RowAction.Flag && p.Error is null).ToList();
        if (deletes.Count > 0)
        {
            var deleted = await session.Writer.DeleteAsync(deletes.Select(p => new WriteRow(p.Row.Key, p.Row.Values)).ToList(), line.DeletePolicy, session.FlagColumn, session.FlagValue, cancel).ConfigureAwait(false);
            for (var i = 0; i < deletes.Count; i++) outcomeByRow[deletes[i]] = deleted[i];
        }

        // Counted only once every write of the batch is done, so a batch tried again is not counted twice.
        run.WritePaths.Add(pathsBefore, session.Writer.Paths);
        run.Read += write.Read;
        run.Unchanged += write.Unchanged;
        foreach (var planned in batch)
        {
            if (planned.Action == RowAction.Unchanged) { run.Unchanged++; continue; }
            if (planned.Skip is not null)
            {
                results.Add((planned, new RowResult
                {
                    RunId = run.RunId, Line = line.Name, Key = planned.Row.Key, Action = planned.Action, Status = RowStatus.Skipped,
                    Error = planned.Skip, TargetId = planned.TargetId,
                }));
                run.Skipped++;
                continue;
            }
            var outcome = outcomeByRow.GetValueOrDefault(planned);
            var failed = planned.Error is not null || outcome is { Succeeded: false };
            results.Add((planned, new RowResult
            {
                RunId = run.RunId, Line = line.Name, Key = planned.Row.Key, Action = planned.Action,
                Status = failed ? RowStatus.Failed : RowStatus.Succeeded,
                Error = failed ? NonEmpty(planned.Error ?? outcome?.Error) : null, Column = planned.ErrorColumn ?? outcome?.Column,
                TargetId = outcome?.TargetId ?? planned.TargetId,
            }));
            Count(run, planned.Action, failed);
        }
    }

    /// <summary>Adds a row acted on to the run's counts.</summary>
    public static void Count(SyncRun run, RowAction action, bool failed)
    {
        if (failed) run.Failed++;
        else if (action == RowAction.Insert) run.Inserted++;
        else if (action == RowAction.Update) run.Updated++;
        else if (action == RowAction.Delete) run.Deleted++;
        else if (action == RowAction.Flag) run.Flagged++;
    }

    /// <summary>A failed row always says why, even when the database gave no message.</summary>
    private static string NonEmpty(string? error) => string.IsNullOrWhiteSpace(error) ? Messages.Stored.RowFailedWithoutReason : error;

    /// <summary>What the state becomes for a committed batch. Failed rows lose their hash, so the next run retries them.</summary>
    public static List<StateChange> StateChanges(LineSession session, List<(PlannedRow Planned, RowResult Result)> written)
    {
        var changes = new List<StateChange>(written.Count);
        foreach (var (planned, r) in written)
        {
            // The first row of a duplicated key keeps its state; a row without a key has none; a skipped row waits.
            if (planned.Row.Duplicate || planned.Row.NoKey || r.Status == RowStatus.Skipped) continue;
            if (r.Action is RowAction.Delete or RowAction.Flag)
            {
                if (r.Status == RowStatus.Succeeded) changes.Add(new StateChange(r.Key, null, null, RowStatus.Succeeded, Remove: true));
                continue;
            }
            // A row written without every column (some were unticked) is not fully transferred: no hash, so it is sent again.
            var hash = r.Status == RowStatus.Succeeded && session.Mapper.AllWritten ? planned.Hash : null;
            changes.Add(new StateChange(r.Key, hash, r.TargetId, r.Status, Remove: false));
        }
        return changes;
    }
}
