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
            WriteError(Errors.Create("ImportReadFailed", ErrorCategory.ReadError, full, ex.Message, ex));
            return;
        }
        catch (FormatException ex)
        {
            WriteError(Errors.Create("ImportInvalidFile", ErrorCategory.InvalidData, full, ex.Message, ex));
            return;
        }
        var store = OpenStore();
        var failedConnections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in document.Connections)
        {
            if (!ImportConnection(store, connection)) failedConnections.Add(connection.Name);
        }
        var existing = store.GetLines().ToList();
        var imported = document.Lines;
        foreach (var line in imported)
        {
            if (failedConnections.Contains(line.Source) || failedConnections.Contains(line.Target)) continue;
            var current = existing.FirstOrDefault(l => string.Equals(l.Name, line.Name, StringComparison.OrdinalIgnoreCase));
            if (current is not null && !Force)
            {
                WriteError(Errors.Create("SyncLineExists", ErrorCategory.ResourceExists, line.Name, Core.Messages.LineExists(line.Name)));
                continue;
            }
            // The store's own identity wins, so a replaced line keeps its state, and an import never clashes with another line's id.
            line.Id = current?.Id ?? (existing.Any(l => l.Id == line.Id) ? Guid.NewGuid() : line.Id);
            var universe = existing.Where(l => l.Id != line.Id).Concat(imported).DistinctBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var problems = new LineChecker(store.GetConnection, universe).CheckDefinition(line).Where(p => p.Severity == ProblemSeverity.Error).ToList();
            if (problems.Count > 0)
            {
                WriteError(Errors.Create("SyncLineInvalid", ErrorCategory.InvalidData, line.Name, Core.Messages.CheckFailed(line.Name, problems)));
                continue;
            }
            var target = Core.Messages.LineTarget(line.Name, store.Location.ToString());
            if (!ShouldProcess(target, current is null ? Core.Messages.ActionImportLine : Core.Messages.ActionReplaceLine)) continue;
            try
            {
                if (current is null) store.AddLine(line);
                else store.UpdateLine(line);
                existing.RemoveAll(l => l.Id == line.Id);
                existing.Add(line);
                if (PassThru) WriteObject(line);
            }
            catch (StoreException ex)
            {
                WriteError(Errors.FromStore(ex, line.Name));
            }
        }
    }

    private bool ImportConnection(SyncStore store, SyncConnection connection)
    {
        var current = store.GetConnection(connection.Name);
        if (current is not null && LineDocument.SameDefinition(current, connection)) return true;
        // The same checks as New-SyncConnection: no password, only keywords and values the provider's driver takes.
        if (ConnectionDefinition.Check(connection) is { } problem)
        {
            WriteError(Errors.InvalidArgument(problem.Code.ToString(), connection.Name, problem.Message));
            return false;
        }
        if (current is not null && !Force)
        {
            WriteError(Errors.Create("ConnectionDiffers", ErrorCategory.ResourceExists, connection.Name, Core.Messages.ImportedConnectionDiffers(connection.Name)));
            return false;
        }
        if (!ShouldProcess(Core.Messages.ConnectionTarget(connection.Name, store.Location.ToString()), Core.Messages.ActionNewConnection)) return !WhatIf();
        try
        {
            store.SaveConnection(connection, replace: true);
            return true;
        }
        catch (StoreException ex)
        {
            WriteError(Errors.FromStore(ex, connection.Name));
            return false;
        }
    }

    private bool WhatIf() => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter s && s.IsPresent;
}
