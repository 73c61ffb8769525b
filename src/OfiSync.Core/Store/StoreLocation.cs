using OfiSync.Core.Connections;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Store;

/// <summary>
/// Where lines, sync state and run history live: a file (the default; an embedded database), or a database server
/// written as "&lt;provider&gt;:&lt;connection string&gt;", such as "PostgreSql:Host=db1;Database=ofisync".
/// </summary>
public sealed class StoreLocation
{
    public const string EnvironmentVariable = "OFISYNC_STORE";
    public const string PasswordEnvironmentVariable = "OFISYNC_STORE_PASSWORD";

    public IDatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The file, when the store is one.</summary>
    public string? FilePath { get; }

    private StoreLocation(IDatabaseProvider provider, string connectionString, string? filePath)
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
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        // "C:\data\store.db" is a file on a drive, not a provider called C.
        if (colon > 1 && DatabaseProviders.Find(text[..colon]) is { } provider)
        {
            var rest = text[(colon + 1)..].Trim();
            return provider == DatabaseProviders.Embedded ? FromFile(rest) : new StoreLocation(provider, WithPassword(provider, rest), null);
        }
        return FromFile(text);
    }

    private static StoreLocation FromFile(string path)
    {
        var full = Path.GetFullPath(Environment.ExpandEnvironmentVariables(path.StartsWith('~')
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/', '\\'))
            : path));
        var provider = DatabaseProviders.Embedded;
        return new StoreLocation(provider, provider.Store.FileConnectionString(full)!, full);
    }

    /// <summary>A server store's password may come from OFISYNC_STORE_PASSWORD, so it need not sit in a script.</summary>
    private static string WithPassword(IDatabaseProvider provider, string connectionString)
    {
        var password = Environment.GetEnvironmentVariable(PasswordEnvironmentVariable);
        return string.IsNullOrEmpty(password) ? connectionString : provider.ConnectionStringFor(connectionString, new System.Net.NetworkCredential("", password));
    }

    /// <summary>The store as it may be shown: the file, or the provider and the connection without secrets.</summary>
    public override string ToString() => FilePath ?? $"{Provider.Name}:{SecretScrubber.Redact(ConnectionString)}";
}
