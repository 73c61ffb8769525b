using System.Data.Common;
using System.Net;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
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

    /// <summary>
    /// How long one SQLite statement waits for a database that another program holds locked (a write transaction
    /// left open) before the attempt fails; the engine then tries again with backoff, warning each time.
    /// </summary>
    internal const int SqliteLockWaitSeconds = 2;

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
            var sqlite = new SqliteConnectionStringBuilder(connection.ConnectionString) { Pooling = false };
            var given = new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString };
            // Opening never creates a database: a typo in the path is an error naming it. Mode=ReadWriteCreate, given
            // explicitly, is how a user asks for a new database (Invoke-SyncQuery building one).
            if (!given.ContainsKey("Mode")) sqlite.Mode = SqliteOpenMode.ReadWrite;
            // A database another program holds locked is waited for in short attempts: the engine's retries, with their
            // warnings, do the longer waiting, bounded. An explicit Default Timeout is the user's.
            if (!new[] { "Default Timeout", "DefaultTimeout", "Command Timeout" }.Any(given.ContainsKey)) sqlite.DefaultTimeout = SqliteLockWaitSeconds;
            return sqlite.ConnectionString;
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

    /// <summary>
    /// Whether the connection's password can be found now (its environment variable set, its secret read, -Credential
    /// given): null when it can, else the message saying what is missing. Connects to nothing.
    /// </summary>
    public string? CredentialProblem(SyncConnection connection)
    {
        try
        {
            CredentialFor(connection);
            return null;
        }
        catch (SyncConnectionException ex)
        {
            return ex.Message;
        }
    }

    public async Task<DbConnection> OpenAsync(SyncConnection connection, CancellationToken cancel)
    {
        var provider = Providers.Providers.Get(connection.Provider);
        string full;
        DbConnection db;
        try
        {
            full = ConnectionStringFor(connection);
            db = provider.CreateConnection(full);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // A connection stored before its keywords were checked, or an ad-hoc one: say which keyword is wrong.
            var problem = ConnectionStringEditor.Problem(connection.Provider, connection.ConnectionString)
                          ?? SecretScrubber.Scrub(ex.Message, connection.ConnectionString);
            throw new SyncConnectionException(connection.Name, Messages.ConnectionStringInvalid(connection.Name, problem), ex);
        }
        var file = connection.Provider == ProviderKind.Sqlite ? SqliteFile(full) : null;
        if (file is not null && !File.Exists(file))
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw new SyncConnectionException(connection.Name, Messages.SqliteFileMissing(connection.Name, file));
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
                : file is not null ? Messages.SqliteCannotOpen(connection.Name, file, reason)
                : Messages.ConnectionFailed(connection.Name, reason);
            throw new SyncConnectionException(connection.Name, message, ex);
        }
    }

    /// <summary>
    /// The full path of the file a SQLite connection string opens without creating it; null for an in-memory or
    /// temporary database, a URI, or a connection that asks to create its file (Mode=ReadWriteCreate).
    /// </summary>
    private static string? SqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadWriteCreate || string.IsNullOrEmpty(source)
            || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
            return null;
        return Path.GetFullPath(source);
    }
}

/// <summary>A connection could not be opened or its secret found; the message is safe to show.</summary>
public sealed class SyncConnectionException : Exception
{
    public string ConnectionName { get; }

    public SyncConnectionException(string connectionName, string message, Exception? inner = null) : base(message, inner) =>
        ConnectionName = connectionName;
}
