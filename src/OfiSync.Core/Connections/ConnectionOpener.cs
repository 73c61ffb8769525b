using System.Data.Common;
using System.Net;
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
    internal string ConnectionStringFor(SyncConnection connection) =>
        DatabaseProviders.Get(connection.Provider).ConnectionStringFor(connection.ConnectionString, CredentialFor(connection));

    private NetworkCredential? CredentialFor(SyncConnection connection)
    {
        switch (connection.CredentialSource)
        {
            case CredentialSource.None:
                return null;
            case CredentialSource.Environment:
                var password = Environment.GetEnvironmentVariable(connection.CredentialName ?? "");
                if (string.IsNullOrEmpty(password))
                    throw SyncConnectionException.Of(connection.Name, () => Messages.PasswordVariableMissing(connection.Name, connection.CredentialName ?? ""));
                return new NetworkCredential(connection.UserName ?? "", password);
            default:
                if (_credentials.TryGetValue(connection.Name, out var given)) return given;
                throw SyncConnectionException.Of(connection.Name, () => connection.CredentialSource == CredentialSource.Secret
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

    /// <summary>
    /// The connections of these lines whose password cannot be found now, each with what is missing and the lines that
    /// use it (which cannot run). Connects to nothing.
    /// </summary>
    public IReadOnlyList<(SyncConnection Connection, string Problem, IReadOnlyList<string> Lines)> Unavailable(
        IReadOnlyCollection<Lines.SyncLine> lines, Func<string, SyncConnection?> find)
    {
        var result = new List<(SyncConnection, string, IReadOnlyList<string>)>();
        var names = lines.SelectMany(l => new[] { l.Source, l.Target }).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in names.Select(find).OfType<SyncConnection>())
        {
            if (CredentialProblem(connection) is not { } problem) continue;
            var users = lines.Where(l => string.Equals(l.Source, connection.Name, StringComparison.OrdinalIgnoreCase)
                                         || string.Equals(l.Target, connection.Name, StringComparison.OrdinalIgnoreCase))
                             .Select(l => l.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            result.Add((connection, problem, users));
        }
        return result;
    }

    public async Task<DbConnection> OpenAsync(SyncConnection connection, CancellationToken cancel)
    {
        var provider = DatabaseProviders.Find(connection.Provider)
                       ?? throw SyncConnectionException.Of(connection.Name, () => Messages.ProviderUnknown(connection.Provider, DatabaseProviders.Names));
        string full;
        try
        {
            full = ConnectionStringFor(connection);
            provider.CreateConnection(full).Dispose();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // A connection stored before its keywords were checked, or an ad-hoc one: say which keyword is wrong.
            var problem = ConnectionStringEditor.Problem(provider, connection.ConnectionString)
                          ?? SecretScrubber.Scrub(ex.Message, connection.ConnectionString);
            throw SyncConnectionException.Of(connection.Name, () => Messages.ConnectionStringInvalid(connection.Name, problem), ex);
        }
        return await provider.OpenAsync(connection.Name, full, cancel).ConfigureAwait(false);
    }
}

/// <summary>A connection could not be opened or its secret found; the message is safe to show.</summary>
public sealed class SyncConnectionException : Exception
{
    public string ConnectionName { get; }

    /// <summary>The message in English, as the run history keeps it (the same as Message for a database's own text).</summary>
    public string StoredMessage { get; }

    public SyncConnectionException(string connectionName, string message, Exception? inner = null, string? storedMessage = null) : base(message, inner)
    {
        ConnectionName = connectionName;
        StoredMessage = storedMessage ?? message;
    }

    /// <summary>An error of OfiSync's own: shown in the UI culture, stored in English.</summary>
    public static SyncConnectionException Of(string connectionName, Func<string> message, Exception? inner = null) =>
        new(connectionName, message(), inner, Messages.InEnglish(message));
}
