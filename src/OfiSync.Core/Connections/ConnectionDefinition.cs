using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

/// <summary>What New-SyncConnection is given: a name, a database, a connection string and where the password comes from.</summary>
public sealed record ConnectionRequest(string Name, string Provider, string ConnectionString)
{
    public string? PasswordVariable { get; init; }
    public string? PasswordSecret { get; init; }
    public bool PromptForCredential { get; init; }
    public string? UserName { get; init; }
    public string? Description { get; init; }
    public ConnectionOptions Options { get; init; } = new();
}

/// <summary>Why a connection cannot be made from a request.</summary>
public enum ConnectionProblemCode
{
    ProviderUnknown,
    CredentialOptionsExclusive,
    /// <summary>-IntegratedSecurity, -Encrypt or -TrustServerCertificate for a database that does not take them (only SQL Server does).</summary>
    SqlServerOnlyOption,
    CredentialNotTaken,
    PasswordInConnectionString,
    ConnectionStringInvalid,
}

public sealed record ConnectionProblem(ConnectionProblemCode Code, string Message);

/// <summary>Checks a request and makes the connection to store: the password source, the options, the connection string.</summary>
public static class ConnectionDefinition
{
    public static (SyncConnection? Connection, ConnectionProblem? Problem) Build(ConnectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DatabaseProviders.Find(request.Provider) is not { } provider)
            return (null, new(ConnectionProblemCode.ProviderUnknown, Messages.ProviderUnknown(request.Provider, DatabaseProviders.Names)));
        var sources = new[] { request.PasswordVariable is not null, request.PasswordSecret is not null, request.PromptForCredential, request.Options.IntegratedSecurity }.Count(x => x);
        if (sources > 1) return (null, new(ConnectionProblemCode.CredentialOptionsExclusive, Messages.CredentialOptionsExclusive));
        if (!provider.TakesCredential && sources > 0)
            return (null, new(ConnectionProblemCode.CredentialNotTaken, Messages.CredentialNotTaken(provider.Name)));
        var (connectionString, problem) = ConnectionStringEditor.Prepare(provider, request.ConnectionString, request.Options);
        if (problem is not null) return (null, problem);
        return (new SyncConnection
        {
            Name = request.Name,
            Provider = provider.Name,
            ConnectionString = connectionString!,
            CredentialSource = request.PasswordVariable is not null ? CredentialSource.Environment
                : request.PasswordSecret is not null ? CredentialSource.Secret
                : request.PromptForCredential ? CredentialSource.Prompt : CredentialSource.None,
            CredentialName = request.PasswordVariable ?? request.PasswordSecret,
            UserName = request.UserName,
            Description = request.Description,
        }, null);
    }

    /// <summary>The same checks for a connection read from elsewhere (an import file): its database, no password, a connection string its driver takes.</summary>
    public static ConnectionProblem? Check(SyncConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (DatabaseProviders.Find(connection.Provider) is not { } provider)
            return new(ConnectionProblemCode.ProviderUnknown, Messages.ProviderUnknown(connection.Provider, DatabaseProviders.Names));
        return ConnectionStringEditor.Prepare(provider, connection.ConnectionString, new ConnectionOptions()).Problem;
    }
}
