using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Runs sync lines over their dependency graph, up to -ThrottleLimit at once: new and changed rows (every row with -All) are written into the CRM, deletes
/// follow each line's policy, and every row acted on comes out with its status. Rows piped from Get-SyncPreview are
/// applied exactly as previewed, with only the columns the preview kept.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OfiSync", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RowResult), typeof(SyncRun), typeof(SyncTotal))]
public sealed partial class InvokeOfiSyncCommand : SyncRunCmdlet
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

    /// <summary>How many lines run at once (1: one after the other, in dependency order).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;


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
            MaxErrors = MaxErrors, StopAtFirstFailure = ErrorActionIsStop(), DeleteCapPercent = DeleteCapPercent, Force = Force,
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
        RunSet(engine, work, leftOut, options);
    }

    /// <summary>-ErrorAction Stop, or $ErrorActionPreference = 'Stop' in the caller's scope: the first error ends the command.</summary>
    private bool ErrorActionIsStop()
    {
        var action = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : SessionState.PSVariable.GetValue("ErrorActionPreference");
        return action is ActionPreference.Stop || (action is string text && string.Equals(text, nameof(ActionPreference.Stop), StringComparison.OrdinalIgnoreCase));
    }
}
