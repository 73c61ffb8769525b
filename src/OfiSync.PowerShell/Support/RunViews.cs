using System.Management.Automation;
using OfiSync.Core.Engine;

namespace OfiSync.PowerShell.Support;

/// <summary>
/// A run shown as Invoke-OfiSync -Summary shows it (counts read, unchanged and rows per second), rather than as a line of
/// the history (Get-SyncRun): the same object, with a type name that picks the summary view of OfiSync.Format.ps1xml.
/// </summary>
internal static class RunViews
{
    public const string SummaryTypeName = "OfiSync.Core.Engine.SyncRun#Summary";

    public static PSObject AsSummary(SyncRun run)
    {
        var o = PSObject.AsPSObject(run);
        o.TypeNames.Insert(0, SummaryTypeName);
        return o;
    }
}
