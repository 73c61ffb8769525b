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
[OutputType(typeof(RowResult), typeof(LineSummary))]
public sealed class InvokeOfiSyncCommand : SyncRunCmdlet
{
    /// <summary>Changes the store; a missing store is an error, never created here.</summary>
    protected override StoreUse Use => StoreUse.Change;

    private readonly List<string> _pipedLines = new();
    private readonly List<PSObject> _previewRows = new();
    private bool _countFailed;
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
                else WriteError(Errors.InvalidArgument("InputObjectNotUnderstood", InputObject, Core.Messages.InputNotUnderstood(InputObject.BaseObject.GetType().Name)));
                break;
        }
    }

    protected override void EndProcessing()
    {
        var store = OpenStore();
        var options = CommonOptions() with
        {
            MaxErrors = MaxErrors, DeleteCapPercent = DeleteCapPercent, Force = Force,
            LockTimeout = TimeSpan.FromSeconds(LockTimeout), OnRetry = _retries.Enqueue, SyncId = Guid.NewGuid(),
            OnVerbose = _verbose.Enqueue,
        };
        // A pipeline that delivered nothing (a Where-Object that kept no row) means: nothing to do, never "every line".
        if (MyInvocation.ExpectingInput && Line is null && _previewRows.Count == 0 && _pipedLines.Count == 0)
        {
            WriteVerbose(Core.Messages.NothingPiped);
            return;
        }
        var work = new List<(SyncLine Line, List<SelectedRow>? Rows, List<string>? Columns)>();
        if (_previewRows.Count > 0)
        {
            var (runs, problems) = PreviewPicks.Plan(_previewRows.Select(PreviewObjects.ToPicked), store.GetLine);
            foreach (var problem in problems)
                WriteError(problem.LineNotFound
                    ? Errors.NotFound(problem.Id, problem.Target, problem.Message)
                    : Errors.Create(problem.Id, ErrorCategory.InvalidData, problem.Target, problem.Message));
            work.AddRange(runs.Select(r => (r.Line, (List<SelectedRow>?)r.Rows.ToList(), (List<string>?)r.Columns.ToList())));
        }
        else
        {
            var explicitNames = Line ?? (_pipedLines.Count > 0 ? _pipedLines.ToArray() : null);
            foreach (var line in LineSelection.Resolve(this, store, explicitNames ?? new[] { "*" }))
            {
                if (!line.Enabled && !IncludeDisabled)
                {
                    if (explicitNames is not null) WriteWarning(Core.Messages.LineDisabled(line.Name));
                    else WriteVerbose(Core.Messages.LineDisabled(line.Name));
                    continue;
                }
                work.Add((line, null, null));
            }
        }
        if (work.Count == 0) { WriteVerbose(Core.Messages.NothingToSync); return; }

        var leftOut = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var engine = Engine(store, work.Select(w => w.Line).DistinctBy(l => l.Id).ToList(), leftOut);
        // A line left out for a missing password was told about once, with its connection; the lines that depend on it are told they did not run.
        var failedLines = new HashSet<string>(leftOut, StringComparer.OrdinalIgnoreCase);
        foreach (var (line, rows, columns) in work.Where(w => !leftOut.Contains(w.Line.Name)))
        {
            var blocker = line.DependsOn.FirstOrDefault(failedLines.Contains);
            if (blocker is not null)
            {
                failedLines.Add(line.Name);
                WriteError(Errors.Create("DependencyFailed", ErrorCategory.NotEnabled, line, Core.Messages.DependencyFailed(line.Name, blocker)));
                continue;
            }
            _countFailed = false;
            if (!Confirm(engine, line, rows, options))
            {
                if (_countFailed) failedLines.Add(line.Name);
                continue;
            }
            if (!RunLine(engine, line, rows, columns, options)) failedLines.Add(line.Name);
        }
    }

    /// <summary>ShouldProcess before each line; the counts are computed only when someone will read them.</summary>
    private bool Confirm(SyncEngine engine, SyncLine line, List<SelectedRow>? rows, SyncOptions options)
    {
        var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && ((SwitchParameter)w).IsPresent;
        var confirmBound = MyInvocation.BoundParameters.TryGetValue("Confirm", out var c);
        var confirm = confirmBound ? ((SwitchParameter)c!).IsPresent
            : !Force && SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact pref && pref != ConfirmImpact.None && pref <= ConfirmImpact.High;
        if (Force && !whatIf && !(confirmBound && confirm)) return true;
        var target = $"{line.Target}.{line.TargetTable}";
        string text;
        if (!whatIf && !confirm) text = Core.Messages.RunText(line.Name, target, options.All);
        else if (rows is not null)
            text = SyncPlan.For(line, target, rows.Count(r => r.Action == RowAction.Insert), rows.Count(r => r.Action == RowAction.Update),
                rows.Count(r => r.Action is RowAction.Delete or RowAction.Flag)).ToString();
        else
        {
            try
            {
                text = AsyncWait(engine.CountAsync(line, options, Cancel)).ToString();
            }
            catch (Exception ex) when (ex is SyncLineException or SyncConnectionException or System.Data.Common.DbException)
            {
                WriteError(Errors.Create("SyncLineFailed", ErrorCategory.InvalidOperation, line, ex.Message, ex));
                _countFailed = true;
                return false;
            }
        }
        return ShouldProcess(text, Core.Messages.ActionSync);
    }

    private T AsyncWait<T>(Task<T> task) => Wait(task);

    /// <summary>Runs one line, streaming its results; false when the line could not complete.</summary>
    private bool RunLine(SyncEngine engine, SyncLine line, List<SelectedRow>? rows, List<string>? columns, SyncOptions options)
    {
        var progress = new LatestProgress();
        var record = new ProgressRecord(1, Core.Messages.ProgressSync(line.Name), Core.Messages.ProgressReading);
        LineSummary? summary = null;
        var lastProgress = DateTime.UtcNow;
        var stream = rows is null
            ? engine.RunAsync(line, options, progress, s => summary = s, Cancel)
            : engine.ApplyAsync(line, rows, columns!, options, progress, s => summary = s, Cancel);
        void Report()
        {
            WriteRetries();
            if ((DateTime.UtcNow - lastProgress).TotalMilliseconds > 250 && progress.Latest is { } p)
            {
                lastProgress = DateTime.UtcNow;
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
                if (!Summary) WriteObject(result);
                if (result.Status == RowStatus.Failed && !Summary)
                    WriteError(Errors.Create("RowFailed", ErrorCategory.WriteError, result, Core.Messages.RowFailed(result.Line, result.Key, result.Error)));
            }
        }
        catch (SyncLineException ex)
        {
            WriteError(Errors.Create("SyncLineFailed", ErrorCategory.InvalidOperation, line, ex.Message, ex));
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
        if (summary is not null)
        {
            if (Summary)
            {
                WriteObject(summary);
                if (summary.Failed > 0)
                    WriteError(Errors.Create("RowsFailed", ErrorCategory.WriteError, summary, Core.Messages.LineHadFailures(line.Name, summary.Failed, summary.RunId)));
            }
            return summary.Status is "Succeeded" or "CompletedWithErrors";
        }
        return false;
    }

    private sealed class LatestProgress : IProgress<SyncProgress>
    {
        private volatile SyncProgress? _latest;
        public SyncProgress? Latest => _latest;
        public void Report(SyncProgress value) => _latest = value;
    }
}
