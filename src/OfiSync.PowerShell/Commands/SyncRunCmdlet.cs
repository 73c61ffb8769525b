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
    [ArgumentCompleter(typeof(ExcludeColumnCompleter))]
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
        catch (ArgumentException ex) { ThrowTerminatingError(Errors.InvalidArgument(ErrorIds.FilterInvalid, Filter, ex.Message)); }
        return new SyncOptions
        {
            All = All, Filter = filter, ExcludeColumns = ExcludeColumn,
            AsOf = MyInvocation.BoundParameters.ContainsKey(nameof(AsOf)) ? AsOf.Date : null,
        };
    }

    /// <summary>
    /// The engine, with the secrets of both sides of every line gathered on the pipeline thread. A connection whose
    /// password cannot be found (its environment variable not set, its secret unreadable, no -Credential) is told
    /// once, naming the lines that use it: their names go into <paramref name="leftOut"/>, and they are not run.
    /// </summary>
    protected SyncEngine Engine(SyncStore store, IReadOnlyCollection<SyncLine> lines, ISet<string> leftOut)
    {
        ConnectionOpener opener = ConnectionOpener.WithoutCredentials;
        try { opener = LineSelection.Opener(this, store, lines, Credential); }
        catch (SyncConnectionException ex) { ThrowTerminatingError(Errors.FromConnection(ex, ex.ConnectionName)); }
        foreach (var (connection, problem, users) in opener.Unavailable(lines, store.GetConnection))
        {
            leftOut.UnionWith(users);
            WriteError(Errors.Create(ErrorIds.CredentialUnavailable, ErrorCategory.AuthenticationError, connection, Core.Messages.LinesLeftOut(problem, users)));
        }
        return new SyncEngine(store, opener);
    }
}
