using System.Management.Automation;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Changes sync lines; what is not given stays as it was. A renamed line keeps its sync state.</summary>
[Cmdlet(VerbsCommon.Set, "SyncLine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncLine))]
public sealed class SetSyncLineCommand : SyncLineDefinitionCmdlet
{
    /// <summary>Changes the store; a missing store is an error, never created here.</summary>
    protected override StoreUse Use => StoreUse.Change;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string? Source { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(SourceTableCompleter))]
    public string? SourceTable { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string? Target { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(TargetTableCompleter))]
    public string? TargetTable { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(SourceColumnCompleter))]
    public string[]? Key { get; set; }

    /// <summary>Write the changed lines to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var all = store.GetLines();
        var lines = new List<SyncLine>();
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, l => l.Name, pattern);
            if (matches.Count == 0)
                WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern, WildcardPattern.ContainsWildcardCharacters(pattern) ? Core.Messages.NoLineMatches(pattern) : Core.Messages.LineNotFound(pattern)));
            lines.AddRange(matches);
        }
        if (NewName is not null && lines.Count > 1)
        {
            WriteError(Errors.InvalidArgument(ErrorIds.NewNameNeedsOneLine, NewName, Core.Messages.NewNameNeedsOneLine(lines.Count)));
            return;
        }
        foreach (var original in lines.DistinctBy(l => l.Id))
        {
            var line = original.Clone();
            if (NewName is not null) line.Name = NewName;
            if (Source is not null) line.Source = Source;
            if (SourceTable is not null) { line.SourceTable = SourceTable; line.SourceQuery = null; }
            if (Target is not null) line.Target = Target;
            if (TargetTable is not null) line.TargetTable = TargetTable;
            if (Key is not null)
            {
                line.Key = Key.ToList();
                if (!Bound(nameof(TargetKey))) line.TargetKey.Clear();
            }
            if (!ApplyShared(line)) continue;
            LineDefaults.CompleteKey(line);
            var others = all.Where(l => l.Id != line.Id).Append(line).ToList();
            if (!CheckBeforeSaving(line, others)) continue;
            if (!ShouldProcess(Core.Messages.LineTarget(original.Name, store.Location.ToString()), Core.Messages.ActionSetLine)) continue;
            try
            {
                store.UpdateLine(line);
                all = others;
                if (PassThru) WriteObject(line);
            }
            catch (StoreException ex)
            {
                WriteError(Errors.FromStore(ex, original));
            }
        }
    }
}
