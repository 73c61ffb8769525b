using System.Management.Automation;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Removes older runs now, with their row history: of the lines named (or of every line), those started before
/// -Before and beyond the newest -KeepLast (both when both are given), else by the store's retention. The newest run
/// of a line, a run still running and the sync state always stay.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "SyncRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RunRemoval))]
public sealed class ClearSyncRunCommand : OfiSyncCmdlet
{
    protected override StoreUse Use => StoreUse.Change;

    /// <summary>The lines whose runs to remove; wildcards allowed. Without it, every line's (removed lines' runs too).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[]? Line { get; set; }

    /// <summary>Removes runs started before this time.</summary>
    [Parameter]
    [InvariantDateTime]
    public DateTime Before { get; set; }

    /// <summary>Keeps the newest this many runs of each line.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int KeepLast { get; set; }

    /// <summary>Removes the runs of every line without asking first.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes, per line, what was removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        try
        {
            var pruning = Pruning(store);
            if (!pruning.Limits)
            {
                WriteWarning(Core.Messages.ClearNothingKeptForever);
                return;
            }
            var lines = Line is null ? store.LinesWithRuns() : Resolve(store);
            var plans = new List<RunRemoval>();
            for (var i = 0; i < lines.Count; i++)
            {
                if (Cancel.IsCancellationRequested) throw new PipelineStoppedException();
                if (lines.Count > 1)
                    WriteProgress(new ProgressRecord(4, Core.Messages.ProgressClearingRuns, lines[i].Name) { PercentComplete = 100 * i / lines.Count });
                plans.Add(store.PlanRunRemoval(lines[i].Id, lines[i].Name, pruning));
            }
            if (lines.Count > 1) WriteProgress(new ProgressRecord(4, Core.Messages.ProgressClearingRuns, Core.Messages.ProgressDone) { RecordType = ProgressRecordType.Completed });
            plans.RemoveAll(p => p.Runs == 0);
            // Every line's history at once: asked once more, as a High-impact command would, unless -Force or -Confirm:$false.
            if (Line is null && plans.Count > 0 && !Force && !WhatIfRequested && WillAsk(ConfirmImpact.High)
                && !ShouldContinue(Core.Messages.ClearWholeStoreQuery, Core.Messages.ClearWholeStoreCaption(plans.Sum(p => p.Runs), plans.Count))) return;
            foreach (var plan in plans)
            {
                if (Cancel.IsCancellationRequested) throw new PipelineStoppedException();
                if (!ShouldProcess(Core.Messages.RunsTarget(plan.Line, store.Location.ToString()),
                        Core.Messages.ActionRemoveRuns(plan.Runs, plan.OldestStarted, plan.NewestStarted, plan.HistoryRows))) continue;
                var removed = store.RemoveRuns(plan);
                if (PassThru) WriteObject(removed);
            }
        }
        catch (StoreException ex) { WriteError(Errors.FromStore(ex, store.Location.ToString())); }
    }

    private RunPruning Pruning(SyncStore store)
    {
        var before = MyInvocation.BoundParameters.ContainsKey(nameof(Before)) ? Before.ToUniversalTime() : (DateTime?)null;
        int? keep = MyInvocation.BoundParameters.ContainsKey(nameof(KeepLast)) ? KeepLast : null;
        return before is null && keep is null ? store.RetentionPruning() : new RunPruning(before, keep, EitherLimit: false);
    }

    /// <summary>The lines named, by wildcard; a name without wildcards that matches no line is an error of its own.</summary>
    private List<(Guid Id, string Name)> Resolve(SyncStore store)
    {
        var all = store.GetLines();
        var result = new List<(Guid Id, string Name)>();
        foreach (var pattern in Line!)
        {
            var matches = Wildcards.Match(all, l => l.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern, Core.Messages.LineNotFound(pattern)));
            result.AddRange(matches.Where(m => !result.Any(r => r.Id == m.Id)).Select(m => (m.Id, m.Name)));
        }
        return result;
    }
}
