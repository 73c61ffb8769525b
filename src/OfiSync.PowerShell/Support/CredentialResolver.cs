using System.Management.Automation;
using System.Net;
using System.Security;
using OfiSync.Core.Connections;

namespace OfiSync.PowerShell.Support;

/// <summary>
/// Gathers, on the pipeline thread, the secrets the engine will need: -Credential for connections that ask for it
/// at run time, and SecretManagement secrets read with Get-Secret. Nothing here is ever written anywhere.
/// </summary>
internal static class CredentialResolver
{
    public static ConnectionOpener BuildOpener(PSCmdlet cmdlet, IEnumerable<SyncConnection> connections, PSCredential? credential)
    {
        var resolved = new Dictionary<string, NetworkCredential>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in connections.DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (connection.CredentialSource == CredentialSource.Prompt && credential is not null)
                resolved[connection.Name] = credential.GetNetworkCredential();
            else if (connection.CredentialSource == CredentialSource.Secret && ReadSecret(cmdlet, connection) is { } secret)
                resolved[connection.Name] = secret;
        }
        return new ConnectionOpener(resolved);
    }

    private static NetworkCredential? ReadSecret(PSCmdlet cmdlet, SyncConnection connection)
    {
        var getSecret = cmdlet.InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias);
        if (getSecret is null)
            throw new SyncConnectionException(connection.Name, Core.Messages.SecretManagementMissing(connection.Name, connection.CredentialName ?? ""));
        try
        {
            var results = cmdlet.InvokeCommand.InvokeScript("param($name) Get-Secret -Name $name -ErrorAction Stop", connection.CredentialName);
            var value = results.Count > 0 ? results[0]?.BaseObject : null;
            return value switch
            {
                PSCredential c => new NetworkCredential(c.UserName, c.Password),
                SecureString s => new NetworkCredential(connection.UserName ?? "", s),
                string s => new NetworkCredential(connection.UserName ?? "", s),
                _ => null,
            };
        }
        catch (RuntimeException)
        {
            return null;
        }
    }
}
