namespace OfiSync.Core.Connections;

/// <summary>Where the password of a connection comes from at run time. It is never stored itself.</summary>
public enum CredentialSource
{
    /// <summary>No password: SQLite, Windows integrated authentication, or a PostgreSQL trust/peer/.pgpass login.</summary>
    None,
    /// <summary>An environment variable holds the password.</summary>
    Environment,
    /// <summary>A SecretManagement secret holds the password or a PSCredential.</summary>
    Secret,
    /// <summary>The password is given with -Credential when the line runs.</summary>
    Prompt,
}

/// <summary>A named database a line reads from or writes to. Holds no secret.</summary>
public sealed class SyncConnection
{
    public string Name { get; set; } = "";
    /// <summary>The database: a name from <see cref="Providers.DatabaseProviders"/> (Sqlite, PostgreSql, SqlServer...).</summary>
    public string Provider { get; set; } = "";
    /// <summary>The connection string without any password.</summary>
    public string ConnectionString { get; set; } = "";
    public CredentialSource CredentialSource { get; set; }
    /// <summary>The environment variable or secret name, for those credential sources.</summary>
    public string? CredentialName { get; set; }
    public string? UserName { get; set; }
    public string? Description { get; set; }
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }

    public override string ToString() => Name;
}
