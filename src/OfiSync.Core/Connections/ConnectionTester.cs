using System.Data.Common;
using System.Diagnostics;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

public static class ConnectionTester
{
    /// <summary>Opens the connection and asks the server its version. Failures are returned, not thrown.</summary>
    public static async Task<ConnectionTestResult> TestAsync(ProviderKind kind, string connectionString, CancellationToken cancel)
    {
        var provider = Providers.Providers.Get(kind);
        var watch = Stopwatch.StartNew();
        var redacted = SafeRedact(provider, connectionString);
        try
        {
            await using var connection = provider.CreateConnection(connectionString);
            await connection.OpenAsync(cancel).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = provider.ServerVersionQuery;
            var version = Convert.ToString(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false));
            return new ConnectionTestResult
            {
                Provider = kind, Connection = redacted, Succeeded = true,
                ServerVersion = version, Elapsed = watch.Elapsed,
            };
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or TimeoutException)
        {
            return new ConnectionTestResult
            {
                Provider = kind, Connection = redacted, Succeeded = false, Elapsed = watch.Elapsed,
                Error = SecretScrubber.Scrub(ex.Message, connectionString), ErrorType = ex.GetType().FullName,
            };
        }
    }

    private static string SafeRedact(IDatabaseProvider provider, string connectionString)
    {
        try { return provider.Redact(connectionString); }
        catch (ArgumentException) { return Messages.UnreadableConnectionString; }
    }
}
