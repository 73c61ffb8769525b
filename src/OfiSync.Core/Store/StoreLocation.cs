using OfiSync.Core.Providers;

namespace OfiSync.Core.Store;

/// <summary>
/// Where lines, sync state and run history live: a SQLite file (the default), or a PostgreSQL or SQL Server
/// database written as "PostgreSql:&lt;connection string&gt;" or "SqlServer:&lt;connection string&gt;".
/// </summary>
public sealed class StoreLocation
{
    public const string EnvironmentVariable = "OFISYNC_STORE";
    public const string PasswordEnvironmentVariable = "OFISYNC_STORE_PASSWORD";

    public ProviderKind Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The SQLite file, when the store is one.</summary>
    public string? FilePath { get; }

    private StoreLocation(ProviderKind provider, string connectionString, string? filePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        FilePath = filePath;
    }

    /// <summary>The default store: $OFISYNC_STORE, else store.db in the user's data folder.</summary>
    public static StoreLocation Default()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Parse(fromEnvironment);
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "OfiSync");
        return Parse(Path.Combine(folder, "store.db"));
    }

    public static StoreLocation Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        foreach (var kind in new[] { ProviderKind.PostgreSql, ProviderKind.SqlServer, ProviderKind.Sqlite })
        {
            var prefix = kind + ":";
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !(kind == ProviderKind.Sqlite && LooksLikeDrive(text)))
            {
                var rest = text[prefix.Length..].Trim();
                return kind == ProviderKind.Sqlite ? FromFile(rest) : new StoreLocation(kind, WithPassword(kind, rest), null);
            }
        }
        return FromFile(text);
    }

    private static bool LooksLikeDrive(string text) => text.Length > 1 && text[1] == ':';

    private static StoreLocation FromFile(string path)
    {
        var full = Path.GetFullPath(Environment.ExpandEnvironmentVariables(path.StartsWith('~') ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/', '\\')) : path));
        var cs = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ConnectionString;
        return new StoreLocation(ProviderKind.Sqlite, cs, full);
    }

    /// <summary>A server store's password may come from OFISYNC_STORE_PASSWORD, so it need not sit in a script.</summary>
    private static string WithPassword(ProviderKind kind, string connectionString)
    {
        var password = Environment.GetEnvironmentVariable(PasswordEnvironmentVariable);
        if (string.IsNullOrEmpty(password)) return connectionString;
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        builder["Password"] = password;
        return builder.ConnectionString;
    }

    /// <summary>The store as it may be shown: the file, or the provider and the connection without secrets.</summary>
    public override string ToString() => FilePath ?? $"{Provider}:{Providers.Providers.Get(Provider).Redact(ConnectionString)}";
}
