using System.Management.Automation;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Lists past runs, newest first: line, mode, start, end, counts and status. -LastSync gives the runs of the newest
/// Invoke-OfiSync call (every line it ran), -SyncId those of a given one.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncRun", DefaultParameterSetName = "List")]
[OutputType(typeof(SyncRun))]
public sealed class GetSyncRunCommand : OfiSyncCmdlet
{
    [Parameter(Position = 0, ParameterSetName = "List")]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[]? Line { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [Alias("RunId")]
    public long[] Id { get; set; } = Array.Empty<long>();

    /// <summary>Only the newest N runs (of each line, when lines are named).</summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    [Parameter(ParameterSetName = "List")]
    [InvariantDateTime]
    public DateTime Since { get; set; }

    /// <summary>The runs of the newest sync: the last Invoke-OfiSync call, every line it ran.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "LastSync")]
    public SwitchParameter LastSync { get; set; }

    /// <summary>The runs of one sync (one Invoke-OfiSync call), by the SyncId its runs record.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Sync")]
    public Guid[] SyncId { get; set; } = Array.Empty<Guid>();

    /// <summary>Lines from Get-SyncLine: their runs, as with -Line.</summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = "List")]
    public SyncLine[]? InputObject { get; set; }

    /// <summary>Keeps the runs for which this Where-Object style condition holds, such as { Failed -gt 0 }.</summary>
    [Parameter]
    public object? Filter { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        Func<SyncRun, bool> keep = _ => true;
        if (Filter is not null)
        {
            try { keep = ObjectFilter.Create<SyncRun>(this, Filter); }
            catch (ArgumentException ex) { ThrowTerminatingError(Errors.InvalidArgument(ErrorIds.FilterInvalid, Filter, ex.Message)); }
        }
        if (ParameterSetName is "LastSync" or "Sync")
        {
            var syncs = ParameterSetName == "LastSync" ? new[] { store.GetLastSync() } : SyncId.Select(id => store.GetRuns(syncId: id)).ToArray();
            for (var i = 0; i < syncs.Length; i++)
            {
                if (syncs[i].Count == 0 && ParameterSetName == "Sync") WriteError(Errors.NotFound(ErrorIds.SyncNotFound, SyncId[i], Core.Messages.SyncNotFound(SyncId[i])));
                WriteObject(syncs[i].Where(keep), enumerateCollection: true);
            }
            return;
        }
        if (ParameterSetName == "Id")
        {
            foreach (var id in Id)
            {
                var run = store.GetRun(id);
                if (run is null) WriteError(Errors.NotFound(ErrorIds.RunNotFound, id, Core.Messages.RunNotFound(id)));
                else if (keep(run)) WriteObject(run);
            }
            return;
        }
        DateTime? since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since.ToUniversalTime() : null;
        var runs = store.GetRuns(since: since).Where(keep);
        if (Line is null && InputObject is null)
        {
            WriteObject(Last > 0 ? runs.Take(Last) : runs, enumerateCollection: true);
            return;
        }
        var lines = store.GetLines();
        foreach (var pattern in Line ?? InputObject!.Select(l => l.Name))
        {
            // A run belongs to the line by identity, so a renamed line keeps its history; runs of removed lines match by the name they had.
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            var ids = lines.Where(l => wildcard.IsMatch(l.Name)).Select(l => l.Id).ToHashSet();
            var matches = runs.Where(r => ids.Contains(r.LineId) || wildcard.IsMatch(r.Line)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern) && ids.Count == 0)
                WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern, Core.Messages.LineNotFound(pattern)));
            WriteObject(Last > 0 ? matches.Take(Last) : matches, enumerateCollection: true);
        }
    }
}
