using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Reads a file written by Export-SyncLine into the store: its connections, then its lines. A line or connection
/// whose name exists is replaced only with -Force (a replaced line keeps its sync state).
/// </summary>
[Cmdlet(VerbsData.Import, "SyncLine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncLine))]
public sealed class ImportSyncLineCommand : OfiSyncCmdlet
{
    /// <summary>Creates the store when there is none yet.</summary>
    protected override StoreUse Use => StoreUse.Create;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LiteralPath")]
    public string Path { get; set; } = "";

    /// <summary>Replace lines and connections that already exist with the same name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the imported lines to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        LineDocument document;
        try
        {
            document = LineDocument.FromJson(File.ReadAllText(full));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(Errors.Create(ErrorIds.ImportReadFailed, ErrorCategory.ReadError, full, ex.Message, ex));
            return;
        }
        catch (FormatException ex)
        {
            WriteError(Errors.Create(ErrorIds.ImportInvalidFile, ErrorCategory.InvalidData, full, ex.Message, ex));
            return;
        }
        var store = OpenStore();
        var importer = new LineImporter(store, document, Force);
        foreach (var connection in document.Connections)
        {
            var step = importer.CheckConnection(connection);
            if (step.Problem is { } problem) WriteError(Error(problem, connection.Name));
            if (step.Action is not (ImportAction.Add or ImportAction.Replace)) continue;
            var text = Core.Messages.ActionOn(Core.Messages.ActionNewConnection, Core.Messages.ConnectionTarget(connection.Name, store.Location.ToString()));
            if (!ShouldProcess(text, text, Core.Messages.ActionNewConnection, out var why))
            {
                // Under -WhatIf the lines that use it are still shown; declined, they are left out with it.
                if (why != ShouldProcessReason.WhatIf) importer.ConnectionNotSaved(connection);
                continue;
            }
            try { store.SaveConnection(connection, replace: true); }
            catch (StoreException ex)
            {
                WriteError(Errors.FromStore(ex, connection.Name));
                importer.ConnectionNotSaved(connection);
            }
        }
        foreach (var line in document.Lines)
        {
            if (importer.CheckLine(line) is not { } step) continue;
            if (step.Problem is { } problem)
            {
                WriteError(Error(problem, line.Name));
                continue;
            }
            var target = Core.Messages.LineTarget(line.Name, store.Location.ToString());
            if (!ShouldProcess(target, step.Action == ImportAction.Add ? Core.Messages.ActionImportLine : Core.Messages.ActionReplaceLine)) continue;
            try
            {
                if (step.Action == ImportAction.Add) store.AddLine(line);
                else store.UpdateLine(line);
                importer.Saved(line);
                if (PassThru) WriteObject(line);
            }
            catch (StoreException ex)
            {
                WriteError(Errors.FromStore(ex, line.Name));
            }
        }
    }

    private static ErrorRecord Error(ImportProblem problem, string name) => Errors.Create(problem.Id,
        problem.NameTaken ? ErrorCategory.ResourceExists : problem.Id == ErrorIds.SyncLineInvalid ? ErrorCategory.InvalidData : ErrorCategory.InvalidArgument,
        name, problem.Message);
}
