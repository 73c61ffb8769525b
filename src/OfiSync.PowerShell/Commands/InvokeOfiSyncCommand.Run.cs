using System.Management.Automation;
using OfiSync.Core.Engine;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// The whole sync asked once, then run by the engine's <see cref="SyncSet"/>: this thread only drains what the lines
/// report (rows, errors, progress, summaries), as PowerShell wants every write made from the pipeline thread.
/// </summary>
public sealed partial class InvokeOfiSyncCommand
{
    private void RunSet(SyncEngine engine, List<SyncWork> work, HashSet<string> leftOut, SyncOptions options)
    {
        var started = DateTime.UtcNow;
        // Lines left out (a missing password, told once) and their dependants are settled first, then the rest is asked once.
        var failed = new HashSet<string>(leftOut, StringComparer.OrdinalIgnoreCase);
        var schedule = new LineSchedule(work, leftOut);
        var runnable = new List<SyncWork>();
        foreach (var (item, blockedBy) in schedule.Items())
        {
            if (blockedBy is not null)
            {
                failed.Add(item.Line.Name);
                WriteError(Errors.Create(ErrorIds.DependencyFailed, ErrorCategory.NotEnabled, item.Line, Core.Messages.DependencyFailed(item.Line.Name, blockedBy)));
                continue;
            }
            runnable.Add(item);
        }
        var optionsOf = new Dictionary<SyncWork, SyncOptions>();
        if (!ConfirmSet(engine, runnable, options, optionsOf, failed)) return;
        runnable.RemoveAll(w => failed.Contains(w.Line.Name));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var set = new SyncSet(engine, runnable, failed, ThrottleLimit, w => optionsOf.TryGetValue(w, out var o) ? o : options);
        var runs = new List<SyncRun>();
        var bars = new SetProgress(this, set, runnable.Count);
        var running = set.RunAsync(stop.Token);
        var finished = false;
        void Report() { WriteRetries(); bars.Report(); }
        try
        {
            foreach (var e in AsyncStream.Enumerate(set.Events.ReadAllAsync(stop.Token), Cancel, Report))
            {
                Report();
                switch (e)
                {
                    case LineStarted s: bars.Started(s); break;
                    case LineRow { Result: var result }:
                        if (Summary) break;
                        WriteObject(result);
                        if (result.Status == RowStatus.Failed)
                            WriteError(Errors.Create(ErrorIds.RowFailed, ErrorCategory.WriteError, result, Core.Messages.RowFailed(result.Line, result.Key, result.Error),
                                recommendedAction: Core.Messages.RowFailedAction));
                        break;
                    case LineBlocked b:
                        WriteError(Errors.Create(ErrorIds.DependencyFailed, ErrorCategory.NotEnabled, b.Line, Core.Messages.DependencyFailed(b.Line.Name, b.BlockedBy)));
                        break;
                    case LineEnded end:
                        bars.Ended(end);
                        Ended(end, runs);
                        break;
                }
            }
            finished = true;
        }
        finally
        {
            // Ctrl+C, -ErrorAction Stop or a pipeline that stopped reading: every line ends cleanly, committed batches kept.
            if (!finished) stop.Cancel();
            try { running.Wait(CancellationToken.None); }
            catch (AggregateException) when (!finished) { }
            WriteRetries();
            bars.Done();
        }
        if (Summary && runs.Count > 1) WriteObject(SyncTotal.Of(options.SyncId ?? Guid.Empty, work.Count, runs, started, DateTime.UtcNow));
    }

    private void Ended(LineEnded end, List<SyncRun> runs)
    {
        switch (end.Error)
        {
            case LineLockedException locked:
                WriteError(Errors.Create(ErrorIds.LineLocked, ErrorCategory.ResourceBusy, end.Line, locked.Message, locked));
                break;
            case Core.Connections.SyncConnectionException connection:
                WriteError(Errors.FromConnection(connection, end.Line));
                break;
            case { } error:
                WriteError(Errors.Create(ErrorIds.SyncLineFailed, ErrorCategory.InvalidOperation, end.Line, error.Message, error));
                break;
        }
        if (end.Run is not { } run) return;
        runs.Add(run);
        if (!Summary) return;
        WriteObject(RunViews.AsSummary(run));
        if (run.Failed > 0)
            WriteError(Errors.Create(ErrorIds.RowsFailed, ErrorCategory.WriteError, run, Core.Messages.LineHadFailures(end.Line.Name, run.Failed, run.RunId)));
    }

    /// <summary>
    /// Asks once for the whole sync as PowerShell does (ShouldProcess: -WhatIf, -Confirm, $ConfirmPreference), the
    /// question listing every line; -Force runs without asking unless -Confirm or -WhatIf is given too. The counts cost a
    /// read of the source: they are made only when PowerShell will show them, and then the rows they read are each run's
    /// progress total. A line whose count failed is told, goes into <paramref name="failed"/> and is not asked about.
    /// </summary>
    private bool ConfirmSet(SyncEngine engine, List<SyncWork> work, SyncOptions options, Dictionary<SyncWork, SyncOptions> optionsOf, HashSet<string> failed)
    {
        if (work.Count == 0) return true;
        if (Force && !ConfirmRequested && !WhatIfRequested) return true;
        var texts = new List<string>();
        var counted = WhatIfRequested || WillAsk(ConfirmImpact.High);
        foreach (var item in work)
        {
            var (line, rows) = (item.Line, item.Rows);
            var target = $"{line.Target}.{line.TargetTable}";
            if (line.DependsOn.FirstOrDefault(failed.Contains) is { } blocker)
            {
                failed.Add(line.Name);
                WriteError(Errors.Create(ErrorIds.DependencyFailed, ErrorCategory.NotEnabled, line, Core.Messages.DependencyFailed(line.Name, blocker)));
            }
            else if (!counted) texts.Add(Core.Messages.RunText(line.Name, target, options.All));
            else if (rows is not null)
                texts.Add(SyncPlan.For(line, target, rows.Count(r => r.Action == RowAction.Insert), rows.Count(r => r.Action == RowAction.Update),
                    rows.Count(r => r.Action is RowAction.Delete or RowAction.Flag)).ToString());
            else
            {
                try
                {
                    var plan = Wait(engine.CountAsync(line, options, Cancel));
                    optionsOf[item] = options with { ExpectedRows = plan.Read };
                    texts.Add(plan.ToString());
                }
                catch (Exception ex) when (ex is SyncLineException or Core.Connections.SyncConnectionException or System.Data.Common.DbException)
                {
                    failed.Add(line.Name);
                    WriteError(Errors.Create(ErrorIds.SyncLineFailed, ErrorCategory.InvalidOperation, line, ex.Message, ex));
                }
            }
        }
        return texts.Count > 0 && ShouldProcess(Core.Messages.RunSetText(texts), Core.Messages.ActionSync);
    }
}
