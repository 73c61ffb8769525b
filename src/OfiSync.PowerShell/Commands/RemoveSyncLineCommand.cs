using System.Management.Automation;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Removes sync lines and their sync state. Their run history stays.</summary>
[Cmdlet(VerbsCommon.Remove, "SyncLine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSyncLineCommand : OfiSyncCmdlet
{
    /// <summary>Changes the store; a missing store is an error, never created here.</summary>
    protected override StoreUse Use => StoreUse.Change;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Remove without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var all = store.GetLines();
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, l => l.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern, Core.Messages.LineNotFound(pattern)));
            foreach (var line in matches)
            {
                var dependents = all.Where(l => l.Id != line.Id && l.DependsOn.Contains(line.Name, StringComparer.OrdinalIgnoreCase)).Select(l => l.Name).ToList();
                if (dependents.Count > 0 && !Force)
                {
                    WriteError(Errors.Create(ErrorIds.SyncLineHasDependents, ErrorCategory.ResourceBusy, line, Core.Messages.LineHasDependents(line.Name, dependents)));
                    continue;
                }
                if (!(Force && !WhatIfPresent() || ShouldProcess(Core.Messages.LineTarget(line.Name, store.Location.ToString()), Core.Messages.ActionRemoveLine))) continue;
                try
                {
                    store.RemoveLine(line);
                    foreach (var dependent in all.Where(l => dependents.Contains(l.Name)))
                    {
                        // -Force: the lines that waited for this one no longer wait for it.
                        dependent.DependsOn.RemoveAll(d => string.Equals(d, line.Name, StringComparison.OrdinalIgnoreCase));
                        store.UpdateLine(dependent);
                        WriteWarning(Core.Messages.DependencyDropped(dependent.Name, line.Name));
                    }
                    all = store.GetLines();
                }
                catch (StoreException ex) { WriteError(Errors.FromStore(ex, line)); }
            }
        }
    }

    private bool WhatIfPresent() => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter s && s.IsPresent;
}
