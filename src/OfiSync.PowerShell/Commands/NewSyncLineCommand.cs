using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Adds a sync line: which source rows go into which target table, by which key, with which map.</summary>
[Cmdlet(VerbsCommon.New, "SyncLine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SyncLine))]
public sealed class NewSyncLineCommand : SyncLineDefinitionCmdlet
{
    /// <summary>A line can only be saved beside its connections: a missing store is an error (New-SyncConnection creates it), never an empty store left behind.</summary>
    protected override StoreUse Use => StoreUse.Change;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The connection the rows are read from (the ERP).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string Source { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SourceTableCompleter))]
    public string? SourceTable { get; set; }

    /// <summary>The connection the rows are written to (the CRM).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string Target { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TargetTableCompleter))]
    public string TargetTable { get; set; } = "";

    /// <summary>The source column or columns that identify a row (customer_key for a sales statistics line).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SourceColumnCompleter))]
    public string[] Key { get; set; } = Array.Empty<string>();

    /// <summary>Makes this a sales statistics line: where the sales are and how tiers are computed.</summary>
    [Parameter]
    public System.Collections.IDictionary? SalesStatistics { get; set; }

    protected override void ProcessRecord()
    {
        var line = new SyncLine
        {
            Name = Name, Source = Source, SourceTable = SourceTable, Target = Target, TargetTable = TargetTable, Key = Key.ToList(),
        };
        if (!ApplyShared(line)) return;
        if (SalesStatistics is not null)
        {
            try { line.Statistics = StatisticsParser.Parse(SalesStatistics); }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                WriteError(Errors.InvalidArgument(ErrorIds.SalesStatisticsInvalid, Name, ex.Message));
                return;
            }
            line.Kind = LineKind.SalesStatistics;
            if (line.Key.Count == 0) line.Key.Add("customer_key");
            if (!Bound(nameof(Map)))
            {
                WriteError(Errors.InvalidArgument(ErrorIds.MapRequired, Name, Core.Messages.StatisticsMapRequired));
                return;
            }
        }
        var store = OpenStore();
        if (!Bound(nameof(Map)) && !AutoMap(line, store)) return;
        LineDefaults.CompleteKey(line);
        try
        {
            var all = store.GetLines();
            if (all.Any(l => string.Equals(l.Name, line.Name, StringComparison.OrdinalIgnoreCase)))
            {
                WriteError(Errors.Create(ErrorIds.SyncLineExists, ErrorCategory.ResourceExists, Name, Core.Messages.LineExists(Name)));
                return;
            }
            if (!CheckBeforeSaving(line, all.Append(line).ToList())) return;
            if (!ShouldProcess(Core.Messages.LineTarget(line.Name, store.Location.ToString()), Core.Messages.ActionNewLine)) return;
            store.AddLine(line);
            WriteObject(line);
        }
        catch (StoreException ex)
        {
            WriteError(Errors.FromStore(ex, Name));
        }
    }

    /// <summary>Without -Map, every source column goes to the target column of the same name.</summary>
    private bool AutoMap(SyncLine line, SyncStore store)
    {
        var source = store.GetConnection(line.Source);
        var target = store.GetConnection(line.Target);
        if (SkipCheck || source is null || target is null || (line.SourceTable is null && line.SourceQuery is null))
        {
            if (source is not null && target is not null && SkipCheck)
            {
                WriteError(Errors.InvalidArgument(ErrorIds.MapRequired, Name, Core.Messages.MapNeededWithSkipCheck));
                return false;
            }
            return true; // the check reports what is missing
        }
        try
        {
            var opener = CredentialResolver.BuildOpener(this, new[] { source, target }, Credential);
            if (Wait(LineDefaults.AutoMapAsync(line, source, target, opener, Cancel)) is { } problem)
            {
                WriteError(Errors.Create(ErrorIds.SyncLineAutoMapFailed, ErrorCategory.InvalidArgument, Name, problem));
                return false;
            }
            return true;
        }
        catch (SyncConnectionException ex)
        {
            WriteError(Errors.FromConnection(ex, Name));
            return false;
        }
    }
}
