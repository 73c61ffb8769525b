using System.Management.Automation;
using OfiSync.Core.Engine;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>The row results of runs: which rows went through and which failed, and why.</summary>
[Cmdlet(VerbsCommon.Get, "SyncRunResult", DefaultParameterSetName = "Run")]
[OutputType(typeof(RowResult))]
public sealed class GetSyncRunResultCommand : OfiSyncCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Run")]
    [Alias("Id")]
    public long[] RunId { get; set; } = Array.Empty<long>();

    /// <summary>The rows of every run of the newest sync (the last Invoke-OfiSync call, all its lines).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "LastSync")]
    public SwitchParameter LastSync { get; set; }

    [Parameter]
    public RowStatus Status { get => (RowStatus)_status; set => _status = value; }
    private object _status = RowStatus.Failed;

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status : (RowStatus?)null;
        var runs = LastSync
            ? store.GetLastSync().OrderBy(r => r.RunId).Select(r => (r.RunId, Run: (SyncRun?)r)).ToList()
            : RunId.Select(id => (RunId: id, Run: store.GetRun(id))).ToList();
        foreach (var (id, run) in runs)
        {
            if (run is null)
            {
                WriteError(Errors.NotFound(ErrorIds.RunNotFound, id, Core.Messages.RunNotFound(id)));
                continue;
            }
            foreach (var row in store.GetRunRows(run.RunId, run.Line, status))
            {
                if (Stopping) return;
                WriteObject(row);
            }
        }
    }
}
