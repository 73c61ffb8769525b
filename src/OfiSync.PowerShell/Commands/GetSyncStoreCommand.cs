using System.Management.Automation;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Shows the store: where it is (secrets scrubbed), its database and schema version, how much run history it keeps,
/// and how much it holds (lines, connections, runs, history rows, state rows and, where the database tells it, its size).
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncStore")]
[OutputType(typeof(StoreSummary))]
public sealed class GetSyncStoreCommand : OfiSyncCmdlet
{
    protected override void ProcessRecord()
    {
        var store = OpenStore();
        try { WriteObject(store.GetSummary()); }
        catch (StoreException ex) { WriteError(Errors.FromStore(ex, store.Location.ToString())); }
    }
}
