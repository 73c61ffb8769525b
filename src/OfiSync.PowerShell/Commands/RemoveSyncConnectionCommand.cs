using System.Management.Automation;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Removes connections that no line uses.</summary>
[Cmdlet(VerbsCommon.Remove, "SyncConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveSyncConnectionCommand : OfiSyncCmdlet
{
    /// <summary>Changes the store; a missing store is an error, never created here.</summary>
    protected override StoreUse Use => StoreUse.Change;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        var all = store.GetConnections();
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, c => c.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.ConnectionNotFound, pattern, Core.Messages.ConnectionNotFound(pattern)));
            foreach (var connection in matches)
            {
                if (!ShouldProcess(Core.Messages.ConnectionTarget(connection.Name, store.Location.ToString()), Core.Messages.ActionRemove)) continue;
                try { store.RemoveConnection(connection.Name); }
                catch (StoreException ex) { WriteError(Errors.FromStore(ex, connection)); }
            }
        }
    }
}
