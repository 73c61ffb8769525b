using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Runs sync lines in dependency order: new and changed rows (every row with -All) are written into the CRM, deletes
/// follow each line's policy, and every row acted on comes out with its status. Rows piped from Get-SyncPreview are
/// applied exactly as previewed, with only the columns the preview kept.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OfiSync", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RowResult), typeof(SyncRun))]
public sealed class InvokeOfiSyncCommand : SyncRunCmdlet
{
    /// <summary>Changes the store; a missing store is an error, never created here.</summary>
    protected override StoreUse Use => StoreUse.Change;

    private readonly List<string> _pipedLines = new();
    private readonly List<PSObject> _previewRows = new();
    private static readonly string[] EveryLine = { "*" };
    // Retries and batch reports come from the engine's threads; they are written as warnings and verbose messages from the pipeline thread.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _retries = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _verbose = new();

    private void WriteRetries()
    {
        while (_retries.TryDequeue(out var message)) WriteWarning(message);
        while (_verbose.TryDequeue(out var message)) WriteVerbose(message);
    }

    /// <summary>The lines to run; all enabled lines when neither this nor pipeline input is given.</summary>
    [Parameter(Position = 0)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[]? Line { get; set; }

    /// <summary>Lines (from Get-SyncLine) or preview rows (from Get-SyncPreview).</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Run without asking, and allow deletes beyond the safety cap.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxErrors { get; set; }

    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double DeleteCapPercent { get; set; } = 10;

    /// <summary>Seconds to wait for another run of the same line to end before failing that line.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockTimeout { get; set; } = 30;

    /// <summary>One object per line (counts, duration, rows per second) instead of one per row.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    [Parameter]
    public SwitchParameter IncludeDisabled { get; set; }


    protected override void ProcessRecord()
    {
        if (InputObject is null) return;
        switch (InputObject.BaseObject)
        {
            case SyncLine line: _pipedLines.Add(line.Name); break;
            case string name: _pipedLines.Add(name); break;
            default:
                if (PreviewObjects.IsPreview(InputObject)) _previewRows.Add(InputObject);
                else WriteError(Errors.InvalidArgument(ErrorIds.InputObjectNotUnderstood, InputObject, Core.Messages.InputNotUnderstood(InputObject.BaseObject.GetType().Name)));
                break;
        }
    }

    protected override void EndProcessing()
    {
        var store = OpenStore();
        var options = CommonOptions() with
        {
            MaxErrors = MaxErrors, DeleteCapPercent = DeleteCapPercent, Force = Force,
            LockTimeout = TimeSpan.FromSeconds(LockTimeout), OnRetry = _retries.Enqueue, OnWarning = _retries.Enqueue, SyncId = Guid.NewGuid(),
            OnVerbose = _verbose.Enqueue,
        };
        // A pipeline that delivered nothing (a Where-Object that kept no row) means: nothing to do, never "every line".
        if (MyInvocation.ExpectingInput && Line is null && _previewRows.Count == 0 && _pipedLines.Count == 0)
        {
            WriteVerbose(Core.Messages.NothingPiped);
            return;
        }
        var work = new List<SyncWork>();
        if (_previewRows.Count > 0)
        {
            var (runs, problems) = PreviewPicks.Plan(_previewRows.Select(PreviewObjects.ToPicked), store.GetLine);
            foreach (var problem in problems)
                WriteError(problem.LineNotFound
                    ? Errors.NotFound(problem.Id, problem.Target, problem.Message)
                    : Errors.Create(problem.Id, ErrorCategory.InvalidData, problem.Target, problem.Message));
            work.AddRange(runs.Select(r => new SyncWork(r.Line, r.Rows, r.Columns)));
        }
        else
        {
            var explicitNames = Line ?? (_pipedLines.Count > 0 ? _pipedLines.ToArray() : null);
            foreach (var line in LineSelection.Resolve(this, store, explicitNames ?? EveryLine))
            {
                if (!line.Enabled && !IncludeDisabled)
                {
                    if (explicitNames is not null) WriteWarning(Core.Messages.LineDisabled(line.Name));
                    else WriteVerbose(Core.Messages.LineDisabled(line.Name));
                    continue;
                }
                work.Add(new SyncWork(line));
            }
        }
        if (work.Count == 0) { WriteVerbose(Core.Messages.NothingToSync); return; }

        var leftOut = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var engine = Engine(store, work.Select(w => w.Line).DistinctBy(l => l.Id).ToList(), leftOut);
        // A line left out for a missing password was told about once, with its connection; the lines that depend on it are told they did not run.
        var schedule = new LineSchedule(work, leftOut);
        foreach (var (item, blockedBy) in schedule.Items())
        {
            if (blockedBy is not null)
            {
                WriteError(Errors.Create(ErrorIds.DependencyFailed, ErrorCategory.NotEnabled, item.Line, Core.Messages.DependencyFailed(item.Line.Name, blockedBy)));
                continue;
            }
            var confirmed = Confirm(engine, item, options, out var lineOptions);
            if (confirmed is null) schedule.Failed(item.Line);
            if (confirmed != true) continue;
            if (!LineSchedule.Completed(RunLine(engine, item, lineOptions))) schedule.Failed(item.Line);
        }
    }

    /// <summary>
    /// Asks before each line as PowerShell does (ShouldProcess: -WhatIf, -Confirm, $ConfirmPreference); -Force runs without
    /// asking unless -Confirm or -WhatIf is given too. The counts cost a read of the source: they are made only when
    /// PowerShell will show them, and then the rows they read are the run's progress total. Null when the count failed.
    /// </summary>
    private bool? Confirm(SyncEngine engine, SyncWork work, SyncOptions options, out SyncOptions lineOptions)
    {
        lineOptions = options;
        if (Force && !ConfirmRequested && !WhatIfRequested) return true;
        var (line, rows) = (work.Line, work.Rows);
        var target = $"{line.Target}.{line.TargetTable}";
        string text;
        if (!WhatIfRequested && !WillAsk(ConfirmImpact.High)) text = Core.Messages.RunText(line.Name, target, options.All);
        else if (rows is not null)
            text = SyncPlan.For(line, target, rows.Count(r => r.Action == RowAction.Insert), rows.Count(r => r.Action == RowAction.Update),
                rows.Count(r => r.Action is RowAction.Delete or RowAction.Flag)).ToString();
        else
        {
            try
            {
                var plan = Wait(engine.CountAsync(line, options, Cancel));
                lineOptions = options with { ExpectedRows = plan.Read };
                text = plan.ToString();
            }
            catch (Exception ex) when (ex is SyncLineException or SyncConnectionException or System.Data.Common.DbException)
            {
                WriteError(Errors.Create(ErrorIds.SyncLineFailed, ErrorCategory.InvalidOperation, line, ex.Message, ex));
                return null;
            }
        }
        return ShouldProcess(text, Core.Messages.ActionSync);
    }

    /// <summary>Runs one line, streaming its results; the run as it ended, or null when it could not start.</summary>
    private SyncRun? RunLine(SyncEngine engine, SyncWork work, SyncOptions options)
    {
        var line = work.Line;
        var progress = new LatestProgress();
        var record = new ProgressRecord(1, Core.Messages.ProgressSync(line.Name), Core.Messages.ProgressReading);
        SyncRun? run = null;
        var lastProgress = Environment.TickCount64;
        var stream = work.Rows is null
            ? engine.RunAsync(line, options, progress, r => run = r, Cancel)
            : engine.ApplyAsync(line, work.Rows, work.Columns!, options, progress, r => run = r, Cancel);
        void Report()
        {
            WriteRetries();
            if (Environment.TickCount64 - lastProgress > 250 && progress.Latest is { } p)
            {
                lastProgress = Environment.TickCount64;
                record.StatusDescription = Core.Messages.ProgressRowsOf(p.Done, p.Total, p.RowsPerSecond);
                record.PercentComplete = p.Total is > 0 ? (int)Math.Min(100, 100 * p.Done / p.Total.Value) : -1;
                WriteProgress(record);
            }
        }
        try
        {
            foreach (var result in AsyncStream.Enumerate(stream, Cancel, Report))
            {
                Report();
                if (Summary) continue;
                WriteObject(result);
                if (result.Status == RowStatus.Failed)
                    WriteError(Errors.Create(ErrorIds.RowFailed, ErrorCategory.WriteError, result, Core.Messages.RowFailed(result.Line, result.Key, result.Error)));
            }
        }
        catch (SyncLineException ex)
        {
            WriteError(Errors.Create(ErrorIds.SyncLineFailed, ErrorCategory.InvalidOperation, line, ex.Message, ex));
        }
        catch (SyncConnectionException ex)
        {
            WriteError(Errors.FromConnection(ex, line));
        }
        finally
        {
            WriteRetries();
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }
        if (run is not null && Summary)
        {
            WriteObject(RunViews.AsSummary(run));
            if (run.Failed > 0)
                WriteError(Errors.Create(ErrorIds.RowsFailed, ErrorCategory.WriteError, run, Core.Messages.LineHadFailures(line.Name, run.Failed, run.RunId)));
        }
        return run;
    }

    private sealed class LatestProgress : IProgress<SyncProgress>
    {
        private volatile SyncProgress? _latest;
        public SyncProgress? Latest => _latest;
        public void Report(SyncProgress value) => _latest = value;
    }
}
