using System.Management.Automation;

namespace OfiSync.PowerShell.Commands;

/// <summary>The base of every OfiSync cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels.</summary>
/// <remarks>
/// Cmdlet classes must not hold a field of a value type from OfiSync.Core (an enum, a struct, a Nullable of one,
/// or an auto-property of such a type): PowerShell lays out every exported type while it imports the module,
/// before OfiSync's load context is registered, and laying out such a field needs the engine assembly.
/// Back such a property with an object field instead (see TestSyncConnectionCommand.Provider).
/// </remarks>
public abstract class OfiSyncCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    protected CancellationToken Cancel => _stop.Token;

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();
}
