using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Shows, row by row, what a run of the lines would change: one object per row to insert, update or delete, with the
/// mapped target values as properties and, for updates, the changed columns with old and new values. Writes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncPreview")]
[OutputType(typeof(PSObject))]
public sealed class GetSyncPreviewCommand : SyncRunCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Line { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter IncludeUnchanged { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var lines = LineSelection.Resolve(this, store, Line);
        var options = CommonOptions() with { IncludeUnchanged = IncludeUnchanged };
        var leftOut = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var engine = Engine(store, lines, leftOut);
        foreach (var line in lines.Where(l => !leftOut.Contains(l.Name)))
        {
            var count = 0L;
            var progress = new ProgressRecord(2, Core.Messages.ProgressPreview(line.Name), Core.Messages.ProgressReading);
            try
            {
                foreach (var row in AsyncStream.Enumerate(engine.PreviewAsync(line, options, Cancel), Cancel))
                {
                    if (++count % 1000 == 0)
                    {
                        progress.StatusDescription = Core.Messages.ProgressRows(count);
                        WriteProgress(progress);
                    }
                    WriteObject(PreviewObjects.ToObject(row));
                }
            }
            catch (SyncLineException ex) { WriteError(Errors.Create(ErrorIds.SyncLineFailed, ErrorCategory.InvalidOperation, line, ex.Message, ex)); }
            catch (SyncConnectionException ex) { WriteError(Errors.FromConnection(ex, line)); }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
