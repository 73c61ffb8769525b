using System.Data.Common;
using System.Net;
using Microsoft.Data.SqlClient;
using Npgsql;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

/// <summary>
/// Turns a stored connection (which holds no secret) into an open database connection, adding the password
/// from its credential source at the last moment. The cmdlets resolve SecretManagement secrets and -Credential
/// beforehand and pass them in <paramref name="credentials"/>, keyed by connection name.
/// </summary>
public sealed class ConnectionOpener
{
    private readonly IReadOnlyDictionary<string, NetworkCredential> _credentials;

    public ConnectionOpener(IReadOnlyDictionary<string, NetworkCredential>? credentials = null) =>
        _credentials = credentials ?? new Dictionary<string, NetworkCredential>(StringComparer.OrdinalIgnoreCase);

    public static readonly ConnectionOpener WithoutCredentials = new();

    /// <summary>The full connection string, secret included: use it to connect, never to show.</summary>
    internal string ConnectionStringFor(SyncConnection connection)
    {
        var credential = CredentialFor(connection);
        if (connection.Provider == ProviderKind.PostgreSql)
        {
            // Without it Npgsql hides a constraint's detail ("Key (nif)=(B1) already exists"), which names the column at fault.
            var pg = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { IncludeErrorDetail = true };
            if (credential is not null)
            {
                if (!string.IsNullOrEmpty(credential.UserName)) pg.Username = credential.UserName;
                pg.Password = credential.Password;
            }
            return pg.ConnectionString;
        }
        if (connection.Provider == ProviderKind.Sqlite)
        {
            // No pooling: a connection left inside a failed transaction, or to a file since replaced, is never handed out again.
            return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString) { Pooling = false }.ConnectionString;
        }
        if (credential is null) return connection.ConnectionString;
        DbConnectionStringBuilder builder = connection.Provider switch
        {
            ProviderKind.SqlServer => new SqlConnectionStringBuilder(connection.ConnectionString),
            _ => new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString },
        };
        if (!string.IsNullOrEmpty(credential.UserName)) builder["User ID"] = credential.UserName;
        builder["Password"] = credential.Password;
        return builder.ConnectionString;
    }

    private NetworkCredential? CredentialFor(SyncConnection connection)
    {
        switch (connection.CredentialSource)
        {
            case CredentialSource.None:
                return null;
            case CredentialSource.Environment:
                var password = Environment.GetEnvironmentVariable(connection.CredentialName ?? "");
                if (string.IsNullOrEmpty(password))
                    throw new SyncConnectionException(connection.Name, Messages.PasswordVariableMissing(connection.Name, connection.CredentialName ?? ""));
                return new NetworkCredential(connection.UserName ?? "", password);
            default:
                if (_credentials.TryGetValue(connection.Name, out var given)) return given;
                throw new SyncConnectionException(connection.Name, connection.CredentialSource == CredentialSource.Secret
                    ? Messages.SecretNotResolved(connection.Name, connection.CredentialName ?? "")
                    : Messages.CredentialRequired(connection.Name));
        }
    }

    public async Task<DbConnection> OpenAsync(SyncConnection connection, CancellationToken cancel)
    {
        var provider = Providers.Providers.Get(connection.Provider);
        var full = ConnectionStringFor(connection);
        DbConnection db;
        try
        {
            db = provider.CreateConnection(full);
        }
        catch (ArgumentException ex)
        {
            throw new SyncConnectionException(connection.Name, Messages.ConnectionStringInvalid(connection.Name, SecretScrubber.Scrub(ex.Message, full)), ex);
        }
        try
        {
            await db.OpenAsync(cancel).ConfigureAwait(false);
            return db;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            await db.DisposeAsync().ConfigureAwait(false);
            var reason = SecretScrubber.Scrub(ex.Message, full);
            var message = ex is SqlException && reason.Contains("certificate", StringComparison.OrdinalIgnoreCase)
                ? Messages.CertificateNotTrusted(connection.Name, reason)
                : Messages.ConnectionFailed(connection.Name, reason);
            throw new SyncConnectionException(connection.Name, message, ex);
        }
    }
}

/// <summary>A connection could not be opened or its secret found; the message is safe to show.</summary>
public sealed class SyncConnectionException : Exception
{
    public string ConnectionName { get; }

    public SyncConnectionException(string connectionName, string message, Exception? inner = null) : base(message, inner) =>
        ConnectionName = connectionName;
}
