using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Connects to both sides of each line and checks its tables, columns, key columns and type compatibility.
/// Writes one object per problem; nothing when a line is sound. -Quiet writes $true or $false per line instead.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SyncLine")]
[OutputType(typeof(LineProblem), typeof(bool))]
public sealed class TestSyncLineCommand : OfiSyncCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Name { get; set; } = { "*" };

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Write $true for a line without errors and $false otherwise (warnings do not count).</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var all = store.GetLines();
        var checker = new LineChecker(store.GetConnection, all);
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, l => l.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern, Core.Messages.LineNotFound(pattern)));
            for (var i = 0; i < matches.Count; i++)
            {
                var line = matches[i];
                WriteProgress(new ProgressRecord(1, Core.Messages.ProgressTestingLines, line.Name) { PercentComplete = 100 * i / matches.Count });
                List<LineProblem> problems;
                try
                {
                    var connections = new[] { store.GetConnection(line.Source), store.GetConnection(line.Target) }.OfType<SyncConnection>();
                    problems = Wait(checker.CheckAsync(line, CredentialResolver.BuildOpener(this, connections, Credential), Cancel));
                }
                catch (SyncConnectionException ex)
                {
                    problems = new List<LineProblem> { new() { Line = line.Name, Side = LineSide.Line, Code = ProblemCode.ConnectionFailed, Problem = ex.Message } };
                }
                if (Quiet) WriteObject(problems.All(p => p.Severity != ProblemSeverity.Error));
                else WriteObject(problems, enumerateCollection: true);
            }
        }
        WriteProgress(new ProgressRecord(1, Core.Messages.ProgressTestingLines, Core.Messages.ProgressDone) { RecordType = ProgressRecordType.Completed });
    }
}
