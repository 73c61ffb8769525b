using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Lists the connections in the store.</summary>
[Cmdlet(VerbsCommon.Get, "SyncConnection")]
[OutputType(typeof(SyncConnection))]
public sealed class GetSyncConnectionCommand : OfiSyncCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string[] Name { get; set; } = { "*" };

    protected override void ProcessRecord()
    {
        var all = OpenStore().GetConnections();
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, c => c.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.ConnectionNotFound, pattern, Core.Messages.ConnectionNotFound(pattern)));
            WriteObject(matches, enumerateCollection: true);
        }
    }
}
