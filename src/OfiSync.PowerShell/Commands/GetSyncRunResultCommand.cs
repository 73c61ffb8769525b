using System.Management.Automation;
using OfiSync.Core.Engine;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>The row results of runs: which rows went through and which failed, and why.</summary>
[Cmdlet(VerbsCommon.Get, "SyncRunResult")]
[OutputType(typeof(RowResult))]
public sealed class GetSyncRunResultCommand : OfiSyncCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public long[] RunId { get; set; } = Array.Empty<long>();

    [Parameter]
    public RowStatus Status { get => (RowStatus)_status; set => _status = value; }
    private object _status = RowStatus.Failed;

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status : (RowStatus?)null;
        foreach (var id in RunId)
        {
            var run = store.GetRuns(runId: id).FirstOrDefault();
            if (run is null)
            {
                WriteError(Errors.NotFound("RunNotFound", id, Core.Messages.RunNotFound(id)));
                continue;
            }
            foreach (var row in store.GetRunRows(id, run.Line, status))
            {
                if (Stopping) return;
                WriteObject(row);
            }
        }
    }
}
