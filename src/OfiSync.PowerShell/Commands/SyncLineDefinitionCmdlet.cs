using System.Collections;
using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>The parameters New-SyncLine and Set-SyncLine share, and how they are applied to a line.</summary>
public abstract class SyncLineDefinitionCmdlet : OfiSyncCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter Enabled { get; set; }

    /// <summary>A SELECT to read the source from, instead of -SourceTable.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SourceQuery { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TargetColumnCompleter))]
    public string[]? TargetKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TargetColumnCompleter))]
    public string? TargetId { get; set; }

    [Parameter]
    public IDictionary? Map { get; set; }

    /// <summary>The pre-filter, in Where-Object syntax: a scriptblock or a string.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Filter { get; set; }

    /// <summary>A source column that moves forward whenever a row changes: incremental runs read only what changed since.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(SourceColumnCompleter))]
    public string? ChangeColumn { get; set; }

    /// <summary>How far before the high-water mark a date change column is read again.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public TimeSpan ChangeOverlap { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public DeletePolicy DeletePolicy { get => (DeletePolicy)_deletePolicy; set => _deletePolicy = value; }
    private object _deletePolicy = DeletePolicy.Ignore;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TargetColumnCompleter))]
    public string? FlagColumn { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(FlagValueCompleter))]
    public object? FlagValue { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int Order { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[]? DependsOn { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Seconds each database command may take; 0 means no limit.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int CommandTimeout { get; set; } = 300;

    /// <summary>Save without connecting to the databases to check tables and columns.</summary>
    [Parameter]
    public SwitchParameter SkipCheck { get; set; }

    /// <summary>The credential for connections created with -PromptForCredential, used by the check.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    /// <summary>Applies the shared parameters the user gave; false (and an error written) when one is invalid.</summary>
    protected bool ApplyShared(SyncLine line)
    {
        if (Bound(nameof(Description))) line.Description = Description;
        if (Bound(nameof(Enabled))) line.Enabled = Enabled.IsPresent;
        if (Bound(nameof(SourceQuery))) { line.SourceQuery = SourceQuery; if (SourceQuery is not null) line.SourceTable = null; }
        if (Bound(nameof(TargetId))) line.TargetId = string.IsNullOrEmpty(TargetId) ? null : TargetId;
        if (Bound(nameof(ChangeColumn))) line.ChangeColumn = string.IsNullOrWhiteSpace(ChangeColumn) ? null : ChangeColumn;
        if (Bound(nameof(ChangeOverlap))) line.ChangeOverlap = ChangeOverlap;
        if (Bound(nameof(DeletePolicy))) line.DeletePolicy = DeletePolicy;
        if (Bound(nameof(FlagColumn))) line.FlagColumn = FlagColumn;
        if (Bound(nameof(FlagValue))) line.FlagValue = MapParser.Unwrap(FlagValue);
        if (Bound(nameof(Order))) line.Order = Order;
        if (Bound(nameof(DependsOn))) line.DependsOn = (DependsOn ?? Array.Empty<string>()).ToList();
        if (Bound(nameof(BatchSize))) line.BatchSize = BatchSize;
        if (Bound(nameof(CommandTimeout))) line.CommandTimeout = CommandTimeout;
        if (Bound(nameof(Map)) && Map is not null)
        {
            try { line.Columns = MapParser.Parse(Map); }
            catch (ArgumentException ex)
            {
                WriteError(Errors.InvalidArgument(ErrorIds.MapInvalid, line.Name, ex.Message));
                return false;
            }
        }
        if (Bound(nameof(TargetKey))) line.TargetKey = (TargetKey ?? Array.Empty<string>()).ToList();
        if (Bound(nameof(Filter)))
        {
            try { line.Filter = FilterArgument.ToStoredText(this, Filter); }
            catch (ArgumentException ex)
            {
                WriteError(Errors.InvalidArgument(ErrorIds.FilterInvalid, line.Name, ex.Message));
                return false;
            }
        }
        return true;
    }

    /// <summary>Checks the line (connecting unless -SkipCheck); writes one error listing the problems and returns false if any.</summary>
    protected bool CheckBeforeSaving(SyncLine line, IReadOnlyList<SyncLine> allLines)
    {
        var store = OpenStore();
        var checker = new LineChecker(store.GetConnection, allLines);
        List<LineProblem> problems;
        if (SkipCheck)
        {
            problems = checker.CheckDefinition(line);
        }
        else
        {
            var definitionProblems = checker.CheckDefinition(line);
            if (definitionProblems.Any(p => p.Severity == ProblemSeverity.Error)) problems = definitionProblems;
            else
            {
                var connections = new[] { store.GetConnection(line.Source)!, store.GetConnection(line.Target)! };
                ConnectionOpener opener;
                try { opener = CredentialResolver.BuildOpener(this, connections, Credential); }
                catch (SyncConnectionException ex) { WriteError(Errors.FromConnection(ex, line.Name)); return false; }
                problems = Wait(checker.CheckAsync(line, opener, Cancel));
            }
        }
        foreach (var warning in problems.Where(p => p.Severity == ProblemSeverity.Warning)) WriteWarning($"{line.Name}: {warning}");
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count == 0) return true;
        var first = errors[0];
        var category = first.Code switch
        {
            ProblemCode.ConnectionNotFound or ProblemCode.DependencyNotFound or ProblemCode.TableNotFound or ProblemCode.ColumnNotFound => ErrorCategory.ObjectNotFound,
            ProblemCode.ConnectionFailed => ErrorCategory.ConnectionError,
            _ => ErrorCategory.InvalidArgument,
        };
        WriteError(Errors.Create(ErrorIds.SyncLine + first.Code, category, line.Name, Core.Messages.CheckFailed(line.Name, errors)));
        return false;
    }
}
