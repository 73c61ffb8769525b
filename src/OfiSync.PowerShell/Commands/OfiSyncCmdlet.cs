using System.Management.Automation;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// The base of every OfiSync cmdlet: the -Store parameter, the store it opens once per call, ErrorRecords built
/// the same way everywhere, and a cancellation token that Ctrl+C (StopProcessing) cancels.
/// </summary>
/// <remarks>
/// Cmdlet classes must not hold a field of a value type from OfiSync.Core (an enum, a struct, a Nullable of one,
/// or an auto-property of such a type): PowerShell lays out every exported type while it imports the module,
/// before OfiSync's load context is registered, and laying out such a field needs the engine assembly.
/// Back such a property with an object field instead (see TestSyncConnectionCommand.Provider).
/// </remarks>
public abstract class OfiSyncCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private SyncStore? _store;

    /// <summary>The store: a SQLite file path, or PostgreSql:&lt;connection string&gt; / SqlServer:&lt;connection string&gt;.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    protected CancellationToken Cancel => _stop.Token;

    /// <summary>What a command does with the store (an enum of this assembly: see the remarks above).</summary>
    protected enum StoreUse
    {
        /// <summary>Only reads: the store must exist, is opened read-only and is never created nor upgraded.</summary>
        Read,
        /// <summary>Changes an existing store, upgrading an older schema in place.</summary>
        Change,
        /// <summary>Changes the store, and creates it when there is none yet.</summary>
        Create,
    }

    /// <summary>What this command does with the store; most commands only read it.</summary>
    protected virtual StoreUse Use => StoreUse.Read;

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The store, opened on first use for what the command does with it (<see cref="Use"/>); a store that cannot be
    /// opened, or that is not there for a command that does not create it, ends the command.
    /// </summary>
    protected SyncStore OpenStore()
    {
        if (_store is not null) return _store;
        StoreLocation? location = null;
        try
        {
            location = ResolveStore();
            WriteVerbose(Core.Messages.UsingStore(location.ToString()));
            var access = Use switch
            {
                StoreUse.Create => StoreAccess.Create,
                StoreUse.Change => StoreAccess.Write,
                _ => StoreAccess.Read,
            };
            return _store = SyncStore.Open(location, access);
        }
        catch (StoreException ex)
        {
            ThrowTerminatingError(Errors.FromStore(ex, location?.ToString() ?? Store ?? Core.Messages.DefaultStore));
            throw; // not reached
        }
    }

    /// <summary>Where the store is (-Store, else $env:OFISYNC_STORE, else the default), without opening it.</summary>
    protected StoreLocation ResolveStore() => Store is null ? StoreLocation.Default() : StoreLocation.Parse(ResolveStorePath(Store));

    /// <summary>A relative -Store path is relative to PowerShell's current location, not the process's.</summary>
    private string ResolveStorePath(string store)
    {
        if (store.Contains(':') && !(store.Length > 1 && store[1] == ':')) return store;
        return SessionState.Path.GetUnresolvedProviderPathFromPSPath(store);
    }

    /// <summary>-WhatIf is given, or $WhatIfPreference set: ShouldProcess will only say what it would do.</summary>
    protected bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)
        ? ((SwitchParameter)w).IsPresent
        : GetVariableValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };

    /// <summary>-Confirm is given (not -Confirm:$false).</summary>
    protected bool ConfirmRequested => MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;

    /// <summary>
    /// Whether ShouldProcess will ask, as PowerShell decides it for a cmdlet of this impact: -Confirm asks, -Confirm:$false
    /// does not, and otherwise $ConfirmPreference at or below the impact asks (None never does).
    /// </summary>
    protected bool WillAsk(ConfirmImpact impact) => MyInvocation.BoundParameters.TryGetValue("Confirm", out var c)
        ? ((SwitchParameter)c).IsPresent
        : GetVariableValue("ConfirmPreference") is ConfirmImpact preference && preference != ConfirmImpact.None && preference <= impact;

    /// <summary>Runs an engine task on the pipeline thread, so that Ctrl+C cancels it and output stays ordered.</summary>
    protected T Wait<T>(Task<T> task)
    {
        try { return task.GetAwaiter().GetResult(); }
        catch (OperationCanceledException) when (Cancel.IsCancellationRequested) { throw new PipelineStoppedException(); }
    }
}
