using System.Diagnostics;
using System.Globalization;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

public static class ConnectionTester
{
    /// <summary>Opens a connection string and asks the server its version. Failures are returned, not thrown.</summary>
    public static Task<ConnectionTestResult> TestAsync(IDatabaseProvider provider, string connectionString, CancellationToken cancel)
    {
        var adHoc = new SyncConnection { Name = provider.Name, Provider = provider.Name, ConnectionString = connectionString };
        return TestAsync(adHoc, ConnectionOpener.WithoutCredentials, cancel);
    }

    /// <summary>Opens a stored connection and asks the server its version. Failures are returned, not thrown.</summary>
    public static async Task<ConnectionTestResult> TestAsync(SyncConnection connection, ConnectionOpener opener, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        var redacted = SafeRedact(connection.ConnectionString);
        try
        {
            var provider = DatabaseProviders.Find(connection.Provider)
                           ?? throw new SyncConnectionException(connection.Name, Messages.ProviderUnknown(connection.Provider, DatabaseProviders.Names));
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
        catch (Exception ex) when (!(ex is OperationCanceledException && cancel.IsCancellationRequested))
        {
            // Whatever keeps the connection from opening (its string, its password, the server, the file) is a failed
            // result, never an exception: the test exists to tell which connections work.
            return Failed(connection, ex, watch.Elapsed);
        }
    }

    /// <summary>The failed result of a connection that could not even be tried (its secret could not be read).</summary>
    public static ConnectionTestResult Failed(SyncConnection connection, Exception error, TimeSpan elapsed = default) => new()
    {
        Name = connection.Name, Provider = connection.Provider, Succeeded = false, Elapsed = elapsed,
        Connection = SafeRedact(connection.ConnectionString),
        Error = error is SyncConnectionException ? error.Message : SecretScrubber.Scrub(error.Message, connection.ConnectionString),
        ErrorType = (error is SyncConnectionException && error.InnerException is { } inner ? inner : error).GetType().FullName,
    };

    private static string SafeRedact(string connectionString)
    {
        try { return SecretScrubber.Redact(connectionString); }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException) { return Messages.UnreadableConnectionString; }
    }
}
