using System.Diagnostics;
using System.Globalization;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

public static class ConnectionTester
{
    /// <summary>Opens a connection string and asks the server its version. Failures are returned, not thrown.</summary>
    public static Task<ConnectionTestResult> TestAsync(ProviderKind kind, string connectionString, CancellationToken cancel)
    {
        var adHoc = new SyncConnection { Name = kind.ToString(), Provider = kind, ConnectionString = connectionString };
        return TestAsync(adHoc, ConnectionOpener.WithoutCredentials, cancel);
    }

    /// <summary>Opens a stored connection and asks the server its version. Failures are returned, not thrown.</summary>
    public static async Task<ConnectionTestResult> TestAsync(SyncConnection connection, ConnectionOpener opener, CancellationToken cancel)
    {
        var provider = Providers.Providers.Get(connection.Provider);
        var watch = Stopwatch.StartNew();
        var redacted = SafeRedact(provider, connection.ConnectionString);
        try
        {
            await using var db = await opener.OpenAsync(connection, cancel).ConfigureAwait(false);
            await using var command = db.CreateCommand();
            command.CommandText = provider.ServerVersionQuery;
            var version = Convert.ToString(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return new ConnectionTestResult
            {
                Name = connection.Name, Provider = connection.Provider, Connection = redacted, Succeeded = true,
                ServerVersion = version, Elapsed = watch.Elapsed,
            };
        }
        catch (SyncConnectionException ex)
        {
            return new ConnectionTestResult
            {
                Name = connection.Name, Provider = connection.Provider, Connection = redacted, Succeeded = false, Elapsed = watch.Elapsed,
                Error = ex.Message, ErrorType = (ex.InnerException ?? ex).GetType().FullName,
            };
        }
        catch (System.Data.Common.DbException ex)
        {
            return new ConnectionTestResult
            {
                Name = connection.Name, Provider = connection.Provider, Connection = redacted, Succeeded = false, Elapsed = watch.Elapsed,
                Error = SecretScrubber.Scrub(ex.Message, connection.ConnectionString), ErrorType = ex.GetType().FullName,
            };
        }
    }

    private static string SafeRedact(IDatabaseProvider provider, string connectionString)
    {
        try { return provider.Redact(connectionString); }
        catch (ArgumentException) { return Messages.UnreadableConnectionString; }
    }
}
