using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Providers;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Opens a connection (a stored one, or a provider and connection string) and reports whether it works.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SyncConnection", DefaultParameterSetName = StoredSet)]
[OutputType(typeof(ConnectionTestResult))]
public sealed class TestSyncConnectionCommand : OfiSyncCmdlet
{
    private const string StoredSet = "Stored";
    private const string DirectSet = "ConnectionString";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = StoredSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = DirectSet)]
    [ValidateProvider]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string Provider { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = DirectSet)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>The credential for connections created with -PromptForCredential.</summary>
    [Parameter(ParameterSetName = StoredSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DirectSet)
        {
            WriteObject(Wait(ConnectionTester.TestAsync(DatabaseProviders.Get(Provider), ConnectionString, Cancel)));
            return;
        }
        var all = OpenStore().GetConnections();
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, c => c.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.ConnectionNotFound, pattern, Core.Messages.ConnectionNotFound(pattern)));
            foreach (var connection in matches)
            {
                ConnectionOpener opener;
                try { opener = CredentialResolver.BuildOpener(this, new[] { connection }, Credential); }
                catch (SyncConnectionException ex) { WriteObject(ConnectionTester.Failed(connection, ex)); continue; }
                WriteObject(Wait(ConnectionTester.TestAsync(connection, opener, Cancel)));
            }
        }
    }
}
