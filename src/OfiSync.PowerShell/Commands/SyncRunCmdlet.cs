using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>The parameters Get-SyncPreview and Invoke-OfiSync share, and how they become engine options.</summary>
public abstract class SyncRunCmdlet : OfiSyncCmdlet
{
    /// <summary>"Sincronizar todo": every row, whatever was transferred before.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>A filter for this call in Where-Object syntax, combined with the line's own by -and.</summary>
    [Parameter]
    public object? Filter { get; set; }

    [Parameter]
    public string[] ExcludeColumn { get; set; } = Array.Empty<string>();

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Sales statistics: the day the figures are computed for; today when not given.</summary>
    [Parameter]
    [InvariantDateTime]
    public DateTime AsOf { get; set; }

    /// <summary>The options common to previews and runs; the filter is read here, with the caller's variables.</summary>
    protected SyncOptions CommonOptions()
    {
        string? filter = null;
        try { filter = FilterArgument.ToStoredText(this, Filter); }
        catch (ArgumentException ex) { ThrowTerminatingError(Errors.InvalidArgument("FilterInvalid", Filter, ex.Message)); }
        return new SyncOptions
        {
            All = All, Filter = filter, ExcludeColumns = ExcludeColumn,
            AsOf = MyInvocation.BoundParameters.ContainsKey(nameof(AsOf)) ? AsOf.Date : null,
        };
    }

    /// <summary>The engine, with the secrets of both sides of every line gathered on the pipeline thread.</summary>
    protected SyncEngine Engine(SyncStore store, IEnumerable<SyncLine> lines)
    {
        ConnectionOpener opener = ConnectionOpener.WithoutCredentials;
        try { opener = LineSelection.Opener(this, store, lines, Credential); }
        catch (SyncConnectionException ex) { ThrowTerminatingError(Errors.FromConnection(ex, ex.ConnectionName)); }
        return new SyncEngine(store, opener);
    }
}
