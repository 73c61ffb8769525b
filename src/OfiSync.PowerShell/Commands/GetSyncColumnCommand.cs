using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Profiling;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// The filter helper: a line's source columns as its pre-filter sees them (name, the target column it maps into, type,
/// NULLs allowed) and, with -Profile, what they hold under the pre-filter, counted inside the source database: rows,
/// NULLs, distinct values, min and max, the most frequent values. Reads at most -RowLimit rows; writes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncColumn")]
[OutputType(typeof(SyncColumn))]
public sealed class GetSyncColumnCommand : OfiSyncCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Line { get; set; } = Array.Empty<string>();

    /// <summary>Which columns, by source name or by the target column they map into.</summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SourceColumnCompleter))]
    public string[] Column { get; set; } = { "*" };

    [Parameter]
    public SwitchParameter Profile { get; set; }

    [Parameter]
    [ValidateRange(0, 1000)]
    public int Top { get; set; } = 5;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int RowLimit { get; set; } = 100_000;

    /// <summary>A condition in Where-Object syntax added to the line's pre-filter with -and, for this profile only.</summary>
    [Parameter]
    public object? Filter { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var lines = LineSelection.Resolve(this, store, Line);
        string? filter = null;
        try { filter = FilterArgument.ToStoredText(this, Filter); }
        catch (ArgumentException ex) { ThrowTerminatingError(Errors.InvalidArgument(ErrorIds.FilterInvalid, Filter, ex.Message)); }
        var patterns = Column.Select(c => WildcardPattern.Get(c, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
        var options = new ProfileOptions
        {
            Profile = Profile, Top = Top, RowLimit = RowLimit, Filter = filter,
            Columns = (name, target) => patterns.Any(p => p.IsMatch(name) || (target is not null && p.IsMatch(target))),
        };
        ConnectionOpener opener = ConnectionOpener.WithoutCredentials;
        try { opener = CredentialResolver.BuildOpener(this, lines.Select(l => store.GetConnection(l.Source)).OfType<SyncConnection>(), Credential); }
        catch (SyncConnectionException ex) { ThrowTerminatingError(Errors.FromConnection(ex, ex.ConnectionName)); }
        var profiler = new ColumnProfiler(store.GetConnection, opener);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            WriteProgress(new ProgressRecord(3, Core.Messages.ProgressProfiling(line.Name), Core.Messages.ProgressReading) { PercentComplete = 100 * i / lines.Count });
            IReadOnlyList<SyncColumn> columns;
            try { columns = Wait(profiler.GetAsync(line, options, Cancel)); }
            catch (SyncLineException ex) { WriteError(Errors.Create(ErrorIds.SyncLineFailed, ErrorCategory.InvalidOperation, line, ex.Message, ex)); continue; }
            catch (SyncConnectionException ex) { WriteError(Errors.FromConnection(ex, line)); continue; }
            foreach (var pattern in Column.Where(c => !WildcardPattern.ContainsWildcardCharacters(c)))
                if (!columns.Any(c => string.Equals(c.Name, pattern, StringComparison.OrdinalIgnoreCase) || string.Equals(c.TargetColumn, pattern, StringComparison.OrdinalIgnoreCase)))
                    WriteError(Errors.NotFound(ErrorIds.ColumnNotFound, pattern, Core.Messages.ColumnNotInSource(pattern, line.Name)));
            if (columns.FirstOrDefault(c => c.Limited) is not null) WriteWarning(Core.Messages.ProfileLimited(line.Name, RowLimit));
            if (columns.Count > 0 && columns[0].FilterLeftOut is { } leftOut) WriteWarning(Core.Messages.ProfileFilterLeftOut(line.Name, leftOut));
            WriteObject(columns, enumerateCollection: true);
        }
        WriteProgress(new ProgressRecord(3, Core.Messages.ProgressProfiling("*"), Core.Messages.ProgressDone) { RecordType = ProgressRecordType.Completed });
    }
}
