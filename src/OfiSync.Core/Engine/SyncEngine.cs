using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// The sync engine. Data flows one way: read the source (filter pushed down, streaming) -> map columns and lookups ->
/// compare with the stored state -> preview rows, or write batches through the target's bulk path -> per-row results,
/// with state and history committed per target batch. Memory holds one batch at a time.
/// </summary>
public sealed class SyncEngine
{
    private readonly SyncStore _store;
    private readonly ConnectionOpener _opener;

    public SyncEngine(SyncStore store, ConnectionOpener opener)
    {
        _store = store;
        _opener = opener;
    }

    private Task<LineSession> OpenAsync(SyncLine line, SyncOptions options, IReadOnlyCollection<string>? onlyColumns, CancellationToken cancel) =>
        LineSession.OpenAsync(line, _store.GetConnection, _opener, options, onlyColumns, LineTargetIds, cancel);

    /// <summary>The CRM ids another line recorded, by source key: read once per run and line.</summary>
    private LineTargetIds LineTargetIds(string lineName)
    {
        if (_targetIds.TryGetValue(lineName, out var cached)) return cached;
        return _targetIds[lineName] = Engine.LineTargetIds.Read(_store, lineName);
    }

    private readonly Dictionary<string, LineTargetIds> _targetIds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rows a run would change (and, if asked, those it would not), as they come.</summary>
    public async IAsyncEnumerable<PreviewRow> PreviewAsync(SyncLine line, SyncOptions options, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var session = await OpenAsync(line, options, null, cancel).ConfigureAwait(false);
        await foreach (var batch in PlanAsync(session, options, null, cancel).ConfigureAwait(false))
        {
            var updates = batch.Where(p => p.Action == RowAction.Update && p.Error is null)
                .Select(p => new WriteRow(p.Row.Key, session.Mapper.Written(p.Row.Values))).ToList();
            var current = updates.Count > 0 ? await session.Writer.ReadCurrentAsync(updates, cancel).ConfigureAwait(false) : new();
            foreach (var planned in batch)
            {
                if (planned.Action == RowAction.Unchanged && !options.IncludeUnchanged) continue;
                yield return ToPreview(session, planned, current.GetValueOrDefault(planned.Row.Key));
            }
        }
        if (session.FullScope && line.DeletePolicy == DeletePolicy.Delete)
        {
            await foreach (var key in DeletedKeysAsync(session, cancel).ConfigureAwait(false))
                yield return new PreviewRow { Line = line.Name, Key = key.SourceKey, Action = RowAction.Delete };
        }
        else if (session.FullScope && line.DeletePolicy == DeletePolicy.Flag)
        {
            // A flag shows the column and the value it sets, and the value it replaces.
            var flag = session.FlagColumn!;
            var gone = new List<WriteRow>(line.BatchSize);
            async Task<List<PreviewRow>> FlagRowsAsync()
            {
                var current = await session.Writer.ReadColumnAsync(gone, flag.Name, cancel).ConfigureAwait(false);
                var rows = gone.Select(g => new PreviewRow
                {
                    Line = line.Name, Key = g.SourceKey, Action = RowAction.Flag, Columns = new[] { flag.Name }, Values = new[] { session.FlagValue },
                    Changes = current.TryGetValue(g.SourceKey, out var old) && !SameValue(old, session.FlagValue, flag)
                        ? new[] { new ColumnChange(flag.Name, old, session.FlagValue) } : Array.Empty<ColumnChange>(),
                }).ToList();
                gone.Clear();
                return rows;
            }
            await foreach (var key in DeletedKeysAsync(session, cancel).ConfigureAwait(false))
            {
                gone.Add(new WriteRow(key.SourceKey, session.TargetKeyValues(key.SourceKey)));
                if (gone.Count < line.BatchSize) continue;
                foreach (var row in await FlagRowsAsync().ConfigureAwait(false)) yield return row;
            }
            if (gone.Count > 0)
                foreach (var row in await FlagRowsAsync().ConfigureAwait(false)) yield return row;
        }
    }

    /// <summary>How many rows a run would insert, update and delete (or flag): what the confirmation states.</summary>
    public async Task<SyncPlan> CountAsync(SyncLine line, SyncOptions options, CancellationToken cancel)
    {
        long inserts = 0, updates = 0, deletes = 0;
        await using var session = await OpenAsync(line, options, null, cancel).ConfigureAwait(false);
        await foreach (var batch in PlanAsync(session, options, null, cancel).ConfigureAwait(false))
        {
            inserts += batch.Count(p => p.Action == RowAction.Insert);
            updates += batch.Count(p => p.Action == RowAction.Update);
        }
        if (session.FullScope && line.DeletePolicy != DeletePolicy.Ignore)
            await foreach (var _ in DeletedKeysAsync(session, cancel).ConfigureAwait(false)) deletes++;
        return SyncPlan.For(line, session.TargetDescription, inserts, updates, deletes);
    }

    /// <summary>Runs one line: writes new and changed rows (every row with All), applies deletes, records state and history.</summary>
    public IAsyncEnumerable<RowResult> RunAsync(SyncLine line, SyncOptions options, IProgress<SyncProgress>? progress, Action<LineSummary>? finished, CancellationToken cancel) =>
        ExecuteAsync(line, options, null, progress, finished, cancel);

    /// <summary>Applies exactly the rows a preview showed (and the user kept), with only the columns it kept.</summary>
    public IAsyncEnumerable<RowResult> ApplyAsync(SyncLine line, IReadOnlyList<SelectedRow> rows, IReadOnlyCollection<string> columns, SyncOptions options,
        IProgress<SyncProgress>? progress, Action<LineSummary>? finished, CancellationToken cancel) =>
        ExecuteAsync(line, options, new Selection(rows, columns), progress, finished, cancel);

    private sealed record Selection(IReadOnlyList<SelectedRow> Rows, IReadOnlyCollection<string> Columns);

    private async IAsyncEnumerable<RowResult> ExecuteAsync(SyncLine line, SyncOptions options, Selection? selection,
        IProgress<SyncProgress>? progress, Action<LineSummary>? finished, [EnumeratorCancellation] CancellationToken cancel)
    {
        var mode = selection is not null ? "Selected" : options.All ? "All" : "Incremental";
        await using var runLock = await _store.TryLockLineAsync(line.Id, options.LockTimeout, cancel).ConfigureAwait(false)
                                  ?? throw new SyncLineException(line.Name, Messages.LineLocked(line.Name, options.LockTimeout));
        _store.CloseInterruptedRuns(line.Id);
        var summary = new LineSummary { Line = line.Name, Mode = mode, Status = "Running", Started = DateTime.UtcNow, SyncId = options.SyncId };
        var runId = _store.StartRun(line, mode, summary);
        summary = new LineSummary { RunId = runId, SyncId = options.SyncId, Line = line.Name, Mode = mode, Status = "Running", Started = summary.Started };
        var results = new List<RowResult>();
        var error = default(Exception);
        var seq = 0L;
        var watch = Stopwatch.StartNew();
        LineSession? session = null;
        IAsyncEnumerator<List<PlannedRow>>? batches = null;
        var reachedEnd = false;
        try
        {
            // A passing fault once connected (a database locked by another program while its tables are read) is tried
            // again like a batch; a connection that cannot be made at all fails the line at once.
            try
            {
                await RetryAsync(line, options, cancel, async () => session = await OpenAsync(line, options, selection?.Columns, cancel).ConfigureAwait(false),
                    () => Task.CompletedTask, ex => ex is not SyncConnectionException && IsTransient(ex)).ConfigureAwait(false);
            }
            catch (Exception ex) when (Fatal(ex, cancel)) { error = ex; }
            if (session is null) throw Wrap(line, error!);
            options.OnVerbose?.Invoke(Messages.ReadingSource(line.Name, session.Query.Describe()));
            long? total = null;
            if (progress is not null && selection is null) total = await session.Query.CountAsync(session.Source, cancel).ConfigureAwait(false);
            batches = PlanAsync(session, options, selection?.Rows, cancel).GetAsyncEnumerator(cancel);
            var batchNumber = 0;
            while (true)
            {
                var timing = new BatchTiming();
                bool more;
                try { more = await batches.MoveNextAsync().ConfigureAwait(false); }
                catch (Exception ex) when (Fatal(ex, cancel)) { error = ex; break; }
                if (!more) break;
                timing.Read = timing.Lap();
                results.Clear();
                var written = new List<(PlannedRow Planned, RowResult Result)>();
                var before = BatchCounts.Of(summary);
                var batch = batches.Current;
                var retries = 0;
                try
                {
                    var writing = batch.Where(p => p.Error is null && p.Skip is null && !p.Row.Duplicate && !p.Row.NoKey
                                                   && p.Action is RowAction.Insert or RowAction.Update or RowAction.Delete or RowAction.Flag)
                                       .Select(p => p.Row.Key).ToList();
                    retries += await RetryAsync(line, options, cancel, () => { _store.MarkPending(runId, line.Id, writing); return Task.CompletedTask; },
                        () => Task.CompletedTask).ConfigureAwait(false);
                    retries += await RetryAsync(line, options, cancel, () => session.OnTarget(() => WriteBatchAsync(session, batch, runId, summary, written, cancel)),
                        () => session.ReopenTargetAsync(cancel)).ConfigureAwait(false);
                }
                catch (Exception ex) when (Fatal(ex, cancel)) { error = ex; }
                timing.Write = timing.Lap();
                results.AddRange(written.Select(w => w.Result));
                if (results.Count > 0 || error is null)
                {
                    var changes = StateChanges(session, written);
                    var first = seq;
                    retries += await RetryAsync(line, options, cancel, () => { _store.CommitBatch(runId, line.Id, changes, results, summary, first); return Task.CompletedTask; },
                        () => Task.CompletedTask).ConfigureAwait(false);
                    seq += results.Count;
                }
                timing.Store = timing.Lap();
                options.OnVerbose?.Invoke(Messages.BatchDone(line.Name, ++batchNumber, batch.Count, BatchCounts.Of(summary) - before, retries, timing.Read, timing.Write, timing.Store));
                foreach (var result in results) yield return result;
                progress?.Report(new SyncProgress(line.Name, summary.Read, total, summary.Read / Math.Max(watch.Elapsed.TotalSeconds, 0.001), "write"));
                if (error is not null) break;
                if (options.MaxErrors > 0 && summary.Failed >= options.MaxErrors)
                {
                    summary.Status = "Stopped";
                    summary.Message = Messages.MaxErrorsReached(line.Name, options.MaxErrors);
                    break;
                }
            }
            if (error is null && summary.Status == "Running" && session.FullScope && line.DeletePolicy != DeletePolicy.Ignore)
            {
                results.Clear();
                var timing = new BatchTiming();
                var before = BatchCounts.Of(summary);
                try { await DeleteAsync(session, runId, summary, results, options, cancel).ConfigureAwait(false); }
                catch (Exception ex) when (Fatal(ex, cancel)) { error = ex; }
                if (results.Count > 0)
                    _store.CommitBatch(runId, line.Id, results.Where(r => r.Status == RowStatus.Succeeded)
                        .Select(r => new StateChange(r.Key, null, null, RowStatus.Succeeded, Remove: true)).ToList(), results, summary, seq);
                var done = BatchCounts.Of(summary) - before;
                options.OnVerbose?.Invoke(Messages.DeletesDone(line.Name, done.Deleted, done.Flagged, done.Failed, timing.Lap()));
                foreach (var result in results) yield return result;
            }
            reachedEnd = true;
        }
        finally
        {
            if (batches is not null) await batches.DisposeAsync().ConfigureAwait(false);
            if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
            summary.Ended = DateTime.UtcNow;
            if (error is not null || cancel.IsCancellationRequested)
            {
                summary.Status = cancel.IsCancellationRequested ? "Stopped" : "Failed";
                summary.Message ??= cancel.IsCancellationRequested ? Messages.RunStopped : error!.Message;
            }
            else if (summary.Status == "Running" && !reachedEnd)
            {
                // The caller stopped reading (-ErrorAction Stop on a failed row, Select-Object -First): what was committed stays.
                summary.Status = "Stopped";
                summary.Message = Messages.RunAbandoned;
            }
            else if (summary.Status == "Running") summary.Status = summary.Failed > 0 ? "CompletedWithErrors" : "Succeeded";
            _store.EndRun(runId, summary);
            finished?.Invoke(summary);
        }
        if (error is not null && !cancel.IsCancellationRequested) throw Wrap(line, error);
    }

    private static Exception Wrap(SyncLine line, Exception error) =>
        error is SyncLineException or SyncConnectionException ? error : new SyncLineException(line.Name, error.Message, error);

    /// <summary>
    /// Runs a step again after a passing fault (a lost connection, a restarted server, a busy database), waiting 0.5, 1,
    /// 2, 4... seconds, after <paramref name="reconnect"/>. Steps are idempotent: a batch is one transaction and an upsert.
    /// A database still locked by another program when the tries run out ends the line with a message naming it.
    /// </summary>
    private static async Task<int> RetryAsync(SyncLine line, SyncOptions options, CancellationToken cancel, Func<Task> step, Func<Task> reconnect,
        Func<Exception, bool>? transient = null)
    {
        transient ??= IsTransient;
        var attempt = 0;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await step().ConfigureAwait(false);
                return attempt;
            }
            catch (Exception ex) when (attempt < options.Retries && !cancel.IsCancellationRequested && transient(ex))
            {
                var reason = ex;
                // Wait, then reconnect; a server still down fails the reconnection, which waits longer in turn.
                while (true)
                {
                    attempt++;
                    var delay = TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt - 1));
                    options.OnRetry?.Invoke(Messages.Retrying(line.Name, attempt, options.Retries, delay, Reason(reason)));
                    await Task.Delay(delay, cancel).ConfigureAwait(false);
                    try
                    {
                        await reconnect().ConfigureAwait(false);
                        break;
                    }
                    catch (Exception again) when (attempt < options.Retries && IsTransient(again))
                    {
                        reason = again;
                    }
                }
            }
            catch (DatabaseLockedException locked) when (!cancel.IsCancellationRequested)
            {
                // The tries ran out (or there were none): the lock is the line's error, named.
                throw new SyncLineException(line.Name, Messages.DatabaseStayedLocked(line.Name, locked.Connection, locked.Database, watch.Elapsed, attempt + 1), locked);
            }
        }
    }

    private static string Reason(Exception ex) => ex is DatabaseLockedException ? ex.Message : (ex.InnerException as System.Data.Common.DbException ?? ex).Message;

    private static bool IsTransient(Exception ex) => Faults.IsPassing(ex);

    /// <summary>A failure that ends the line (the database went away, a table changed), as opposed to a row at fault.</summary>
    private static bool Fatal(Exception ex, CancellationToken cancel) =>
        !cancel.IsCancellationRequested && ex is System.Data.Common.DbException or SyncLineException or SyncConnectionException or InvalidOperationException or IOException;

    private async Task WriteBatchAsync(LineSession session, List<PlannedRow> batch, long runId, LineSummary summary,
        List<(PlannedRow, RowResult)> results, CancellationToken cancel)
    {
        var line = session.Line;
        var toWrite = batch.Where(p => p.Error is null && p.Skip is null && p.Action is RowAction.Insert or RowAction.Update).ToList();
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
        summary.Read += batch.Count(p => p.Action is not (RowAction.Delete or RowAction.Flag));
        foreach (var planned in batch)
        {
            if (planned.Action == RowAction.Unchanged) { summary.Unchanged++; continue; }
            if (planned.Skip is not null)
            {
                results.Add((planned, new RowResult
                {
                    RunId = runId, Line = line.Name, Key = planned.Row.Key, Action = planned.Action, Status = RowStatus.Skipped,
                    Error = planned.Skip, TargetKey = planned.TargetKey,
                }));
                summary.Skipped++;
                continue;
            }
            var outcome = outcomeByRow.GetValueOrDefault(planned);
            var failed = planned.Error is not null || outcome is { Succeeded: false };
            var result = new RowResult
            {
                RunId = runId, Line = line.Name, Key = planned.Row.Key, Action = planned.Action,
                Status = failed ? RowStatus.Failed : RowStatus.Succeeded,
                Error = planned.Error ?? outcome?.Error, Column = planned.ErrorColumn ?? outcome?.Column,
                TargetKey = outcome?.TargetId ?? planned.TargetKey,
            };
            results.Add((planned, result));
            if (failed) summary.Failed++;
            else if (planned.Action == RowAction.Insert) summary.Inserted++;
            else if (planned.Action == RowAction.Update) summary.Updated++;
            else if (planned.Action == RowAction.Delete) summary.Deleted++;
            else if (planned.Action == RowAction.Flag) summary.Flagged++;
        }
    }

    /// <summary>What the state becomes for a committed batch. Failed rows lose their hash, so the next run retries them.</summary>
    private static List<StateChange> StateChanges(LineSession session, List<(PlannedRow Planned, RowResult Result)> written)
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
            changes.Add(new StateChange(r.Key, hash, r.TargetKey, r.Status, Remove: false));
        }
        return changes;
    }

    /// <summary>Reads, maps and compares the source batch by batch.</summary>
    private async IAsyncEnumerable<List<PlannedRow>> PlanAsync(LineSession session, SyncOptions options, IReadOnlyList<SelectedRow>? selection,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var line = session.Line;
        var hasher = new RowHasher();
        var seen = session.FullScope && line.DeletePolicy != DeletePolicy.Ignore ? new HashSet<UInt128>() : null;
        session.Seen = seen;
        var batch = new List<MappedRow>(line.BatchSize);
        string? previousKey = null;
        var inBatch = new HashSet<string>(StringComparer.Ordinal);

        if (selection is not null)
        {
            session.SelectedActions = new Dictionary<string, RowAction>(StringComparer.Ordinal);
            foreach (var s in selection) session.SelectedActions[s.Key] = s.Action;
        }
        IAsyncEnumerable<MappedRow> rows = selection is not null
            ? SelectedRows(session, selection)
            : SourceRows(session, cancel);
        await foreach (var row in rows.WithCancellation(cancel).ConfigureAwait(false))
        {
            if (!row.NoKey) seen?.Add(KeyHash(row.Key));
            var duplicate = !row.NoKey && (row.Key == previousKey || !inBatch.Add(row.Key));
            if (!row.NoKey) previousKey = row.Key;
            batch.Add(duplicate
                ? new MappedRow { Key = row.Key, Values = row.Values, Source = row.Source, Error = Messages.DuplicateSourceKey(row.Key), ErrorColumn = line.TargetKey.FirstOrDefault(), Duplicate = true }
                : row);
            if (batch.Count >= line.BatchSize)
            {
                yield return Compare(session, batch, hasher, options, selection);
                batch = new List<MappedRow>(line.BatchSize);
                inBatch.Clear();
            }
        }
        if (batch.Count > 0) yield return Compare(session, batch, hasher, options, selection);
    }

    private static async IAsyncEnumerable<MappedRow> SourceRows(LineSession session, [EnumeratorCancellation] CancellationToken cancel)
    {
        var residual = session.Query.Residual;
        await foreach (var source in session.Query.ReadAsync(session.Source, cancel).ConfigureAwait(false))
        {
            var row = session.Mapper.Map(source);
            if (residual is not null && !residual.Evaluate(name => session.Mapper.ValueByName(row, name))) continue;
            yield return row;
        }
    }

    private static async IAsyncEnumerable<MappedRow> SelectedRows(LineSession session, IReadOnlyList<SelectedRow> selection)
    {
        foreach (var s in selection)
        {
            var values = new object?[session.Mapper.TargetNames.Count];
            string? error = null, column = null;
            for (var i = 0; i < values.Length; i++)
            {
                var name = session.Mapper.TargetNames[i];
                if (!s.Values.TryGetValue(name, out var raw)) continue;
                try
                {
                    var target = session.Mapper.WrittenColumns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                    values[i] = target is null ? raw : new ValueConverter(target).Convert(raw);
                }
                catch (ValueConversionException ex) { error ??= ex.Message; column ??= ex.Column; }
            }
            yield return new MappedRow { Key = s.Key, Values = values, Error = error ?? s.Error, ErrorColumn = column };
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private List<PlannedRow> Compare(LineSession session, List<MappedRow> batch, RowHasher hasher, SyncOptions options, IReadOnlyList<SelectedRow>? selection)
    {
        var states = _store.GetStates(session.Line.Id, batch.Select(r => r.Key).Distinct().ToList());
        var planned = new List<PlannedRow>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            var state = states.GetValueOrDefault(row.Key);
            var wanted = selection is null ? (RowAction?)null : session.SelectedActions!.GetValueOrDefault(row.Key);
            if (wanted is RowAction.Delete or RowAction.Flag)
            {
                // The preview showed a delete or a flag: if the line's delete policy changed since, the row is not acted on.
                var changed = wanted != session.DeleteAction ? Messages.DeletePolicyChanged(session.Line.Name, wanted.Value, session.DeleteAction) : null;
                planned.Add(new PlannedRow { Row = KeyOnly(session, row), Action = session.DeleteAction, TargetKey = state?.TargetKey, Error = changed });
                continue;
            }
            var hash = row.Error is null && row.Skip is null ? hasher.Hash(row.Values, default) : null;
            RowAction action;
            if (state is null) action = RowAction.Insert;
            else if (!options.All && selection is null && hash is not null && state.Hash is not null && state.Status == nameof(RowStatus.Succeeded)
                     && state.Hash.AsSpan().SequenceEqual(hash)) action = RowAction.Unchanged;
            else action = RowAction.Update;
            planned.Add(new PlannedRow
            {
                Row = row, Action = action, Hash = hash, Error = row.Error, ErrorColumn = row.ErrorColumn, TargetKey = state?.TargetKey,
                Skip = row.Error is null ? row.Skip : null,
            });
        }
        return planned;
    }

    /// <summary>A delete needs only the key: its target values, in the writer's key order.</summary>
    private static MappedRow KeyOnly(LineSession session, MappedRow row)
    {
        return new MappedRow { Key = row.Key, Values = session.TargetKeyValues(row.Key) };
    }

    private static PreviewRow ToPreview(LineSession session, PlannedRow planned, object?[]? current)
    {
        var names = session.Mapper.TargetNames;
        var values = planned.Row.Values;
        // The columns the run would write (not those left out with -ExcludeColumn), in the target table's order.
        var shown = session.Mapper.ShownColumns;
        var changes = new List<ColumnChange>();
        if (planned.Action == RowAction.Update && current is not null)
            foreach (var (value, written) in shown)
                if (!SameValue(current[written], values[value], session.Mapper.WrittenColumns[written]))
                    changes.Add(new ColumnChange(names[value], current[written], values[value]));
        return new PreviewRow
        {
            Line = session.Line.Name, Key = planned.Row.Key, Action = planned.Action,
            Columns = shown.Select(c => names[c.Value]).ToList(),
            Values = values.Length == 0 ? new object?[shown.Count] : shown.Select(c => values[c.Value]).ToArray(),
            Changes = changes, Error = planned.Error ?? planned.Skip,
        };
    }

    /// <summary>Whether the target holds the value already; a date column holds the day only, so only days are compared there.</summary>
    private static bool SameValue(object? current, object? value, ColumnInfo column)
    {
        if (current is null || value is null) return current is null && value is null;
        if (AsDateTime(current) is { } a && AsDateTime(value) is { } b && TypeCompatibility.IsDateOnly(column)) return a.Date == b.Date;
        return RowKey.Text(current) == RowKey.Text(value);
    }

    private static DateTime? AsDateTime(object value) => value switch
    {
        DateTime d => d,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => null,
    };

    private static UInt128 KeyHash(string key) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(key));

    /// <summary>The stored rows the source no longer has (only after a full-scope read).</summary>
    private async IAsyncEnumerable<RowState> DeletedKeysAsync(LineSession session, [EnumeratorCancellation] CancellationToken cancel)
    {
        if (session.Seen is null)
        {
            // A preview or count that did not read: read the keys now.
            await foreach (var _ in PlanAsync(session, new SyncOptions(), null, cancel).ConfigureAwait(false)) { }
        }
        foreach (var state in _store.StreamStates(session.Line.Id))
        {
            cancel.ThrowIfCancellationRequested();
            // Whatever its last status: a row whose last update failed is still in the target, and must go when the source drops it.
            if (!session.Seen!.Contains(KeyHash(state.SourceKey))) yield return state;
        }
    }

    private async Task DeleteAsync(LineSession session, long runId, LineSummary summary, List<RowResult> results, SyncOptions options, CancellationToken cancel)
    {
        var line = session.Line;
        var total = 0L;
        await RetryAsync(line, options, cancel, () => session.OnTarget(async () => total = await session.Writer.CountAsync(cancel).ConfigureAwait(false)),
            () => session.ReopenTargetAsync(cancel)).ConfigureAwait(false);
        var cap = (long)Math.Floor(total * options.DeleteCapPercent / 100.0);
        var keys = new List<RowState>();
        await foreach (var state in DeletedKeysAsync(session, cancel).ConfigureAwait(false))
        {
            keys.Add(state);
            if (!options.Force && keys.Count > cap)
            {
                var count = keys.Count;
                await foreach (var _ in DeletedKeysAsync(session, cancel).ConfigureAwait(false)) count++;
                count -= keys.Count;
                summary.Message = Messages.DeleteCapExceeded(line.Name, count, total, options.DeleteCapPercent);
                summary.Status = "Failed";
                throw new SyncLineException(line.Name, summary.Message);
            }
        }
        for (var start = 0; start < keys.Count; start += line.BatchSize)
        {
            var slice = keys.Skip(start).Take(line.BatchSize).Select(s => new WriteRow(s.SourceKey, session.TargetKeyValues(s.SourceKey))).ToList();
            _store.MarkPending(runId, line.Id, slice.Select(s => s.SourceKey).ToList());
            // Each delete or flag is idempotent: a slice is tried again whole after a passing fault, like a batch.
            var outcomes = Array.Empty<WriteOutcome>();
            await RetryAsync(line, options, cancel, () => session.OnTarget(async () =>
                    outcomes = await session.Writer.DeleteAsync(slice, line.DeletePolicy, session.FlagColumn, session.FlagValue, cancel).ConfigureAwait(false)),
                () => session.ReopenTargetAsync(cancel)).ConfigureAwait(false);
            for (var i = 0; i < slice.Count; i++)
            {
                var ok = outcomes[i].Succeeded;
                results.Add(new RowResult
                {
                    RunId = runId, Line = line.Name, Key = slice[i].SourceKey, Action = session.DeleteAction,
                    Status = ok ? RowStatus.Succeeded : RowStatus.Failed, Error = outcomes[i].Error, TargetKey = keys[start + i].TargetKey,
                });
                if (!ok) summary.Failed++;
                else if (session.DeleteAction == RowAction.Flag) summary.Flagged++;
                else summary.Deleted++;
            }
        }
    }
}

/// <summary>A row picked from a preview: its key, the action shown, and the values as the preview kept them.</summary>
public sealed class SelectedRow
{
    public string Key { get; init; } = "";
    public RowAction Action { get; init; }
    public IReadOnlyDictionary<string, object?> Values { get; init; } = new Dictionary<string, object?>();
    public string? Error { get; init; }
}
