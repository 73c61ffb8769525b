using System.Management.Automation;
using OfiSync.Core.Lines;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Lists sync lines, in the order they run.</summary>
[Cmdlet(VerbsCommon.Get, "SyncLine")]
[OutputType(typeof(SyncLine))]
public sealed class GetSyncLineCommand : OfiSyncCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Name { get; set; } = { "*" };

    /// <summary>Keeps the lines for which this Where-Object style condition holds, such as { Enabled -eq $true }.</summary>
    [Parameter]
    public object? Filter { get; set; }

    protected override void ProcessRecord()
    {
        var lines = OpenStore().GetLines();
        var all = LineOrder.Sort(lines, lines);
        Func<SyncLine, bool> keep = _ => true;
        if (Filter is not null)
        {
            try { keep = ObjectFilter.Create<SyncLine>(this, Filter); }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(Errors.InvalidArgument(ErrorIds.FilterInvalid, Filter, ex.Message));
            }
        }
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, l => l.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern, Core.Messages.LineNotFound(pattern)));
            foreach (var line in matches.Where(keep)) WriteObject(line);
        }
    }
}
