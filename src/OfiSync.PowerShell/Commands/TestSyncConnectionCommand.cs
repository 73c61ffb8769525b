using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Providers;

namespace OfiSync.PowerShell.Commands;

/// <summary>Opens a connection to a source or target database and reports whether it works.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SyncConnection")]
[OutputType(typeof(ConnectionTestResult))]
public sealed class TestSyncConnectionCommand : OfiSyncCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public ProviderKind Provider { get => (ProviderKind)_provider; set => _provider = value; }
    private object _provider = ProviderKind.Sqlite;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    protected override void ProcessRecord()
    {
        var result = ConnectionTester.TestAsync(Provider, ConnectionString, Cancel).GetAwaiter().GetResult();
        WriteObject(result);
    }
}
