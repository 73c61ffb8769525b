using System.Management.Automation;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Changes how much run history the store keeps per line: -HistoryDays (runs started within so many days) and
/// -HistoryRuns (the newest so many runs); 0 keeps forever in that dimension. Each line's next run prunes by it.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SyncStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StoreSummary))]
public sealed class SetSyncStoreCommand : OfiSyncCmdlet
{
    protected override StoreUse Use => StoreUse.Change;

    /// <summary>Keep runs started within this many days; 0 keeps them whatever their age.</summary>
    [Parameter]
    [ValidateRange(0, 36500)]
    public int HistoryDays { get; set; }

    /// <summary>Keep at most this many runs per line, the newest; 0 keeps every run.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int HistoryRuns { get; set; }

    /// <summary>Writes the store's summary (as Get-SyncStore) after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        int? days = MyInvocation.BoundParameters.ContainsKey(nameof(HistoryDays)) ? HistoryDays : null;
        int? runs = MyInvocation.BoundParameters.ContainsKey(nameof(HistoryRuns)) ? HistoryRuns : null;
        if (days is null && runs is null)
            ThrowTerminatingError(Errors.InvalidArgument(ErrorIds.StoreSettingMissing, null, Core.Messages.SetStoreNothingGiven));
        var store = OpenStore();
        try
        {
            var current = store.GetRetention();
            var shown = Core.Messages.RetentionShown(days ?? current.Days, runs ?? current.Runs);
            if (!ShouldProcess(Core.Messages.StoreTarget(store.Location.ToString()), Core.Messages.ActionSetRetention(shown))) return;
            store.SetRetention(days, runs);
            if (PassThru) WriteObject(store.GetSummary());
        }
        catch (StoreException ex) { WriteError(Errors.FromStore(ex, store.Location.ToString())); }
    }
}
