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
public sealed class GetSyncPreviewCommand : OfiSyncCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Line { get; set; } = Array.Empty<string>();

    /// <summary>Preview "sync all": every row, as if nothing had been transferred.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>A filter for this preview in Where-Object syntax, combined with the line's own.</summary>
    [Parameter]
    public object? Filter { get; set; }

    [Parameter]
    public string[] ExcludeColumn { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter IncludeUnchanged { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Sales statistics: the day the figures are computed for; today when not given.</summary>
    [Parameter]
    public DateTime AsOf { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var lines = LineSelection.Resolve(this, store, Line);
        string? filter;
        try { filter = FilterArgument.ToStoredText(this, Filter); }
        catch (ArgumentException ex) { ThrowTerminatingError(Errors.InvalidArgument("FilterInvalid", Filter, ex.Message)); return; }
        ConnectionOpener opener;
        try { opener = LineSelection.Opener(this, store, lines, Credential); }
        catch (SyncConnectionException ex) { ThrowTerminatingError(Errors.FromConnection(ex, ex.ConnectionName)); return; }
        var engine = new SyncEngine(store, opener);
        var options = new SyncOptions
        {
            All = All, Filter = filter, ExcludeColumns = ExcludeColumn, IncludeUnchanged = IncludeUnchanged,
            AsOf = MyInvocation.BoundParameters.ContainsKey(nameof(AsOf)) ? AsOf.Date : null,
        };
        foreach (var line in lines)
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
            catch (SyncLineException ex) { WriteError(Errors.Create("SyncLineFailed", ErrorCategory.InvalidOperation, line, ex.Message, ex)); }
            catch (SyncConnectionException ex) { WriteError(Errors.FromConnection(ex, line)); }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
