using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

/// <summary>
/// Checks and completes a connection string before it is stored: no password, only keywords and values the
/// provider's own driver takes, and SQL Server's TLS options.
/// </summary>
public static class ConnectionStringEditor
{
    /// <summary>The connection string to store, or a message saying why it cannot be stored.</summary>
    public static (string? ConnectionString, string? Problem) Prepare(ProviderKind provider, string connectionString,
        bool integratedSecurity, string? encrypt, bool trustServerCertificate)
    {
        var (reason, hasPassword) = Check(provider, connectionString);
        if (hasPassword) return (null, Messages.PasswordInConnectionString);
        if (reason is not null) return (null, Messages.ConnectionStringNotValid(provider.ToString(), reason));
        DbConnectionStringBuilder builder = provider == ProviderKind.SqlServer
            ? new SqlConnectionStringBuilder(connectionString)
            : new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (builder is SqlConnectionStringBuilder sql)
        {
            if (integratedSecurity) sql.IntegratedSecurity = true;
            if (encrypt is not null) sql.Encrypt = SqlConnectionEncryptOption.Parse(encrypt);
            if (trustServerCertificate) sql.TrustServerCertificate = true;
        }
        return (builder.ConnectionString, null);
    }

    /// <summary>
    /// Why the provider's driver will not take this connection string (its syntax, a keyword it does not know, with
    /// the provider's own spelling where there is one, or a value it refuses); null when it takes it. Never shows a secret.
    /// </summary>
    public static string? Problem(ProviderKind provider, string connectionString) => Check(provider, connectionString).Reason;

    private static (string? Reason, bool HasPassword) Check(ProviderKind provider, string connectionString)
    {
        DbConnectionStringBuilder given;
        try { given = new DbConnectionStringBuilder { ConnectionString = connectionString }; }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The text may hold a password: the message quotes none of it.
            return (Messages.ConnectionStringSyntax, false);
        }
        if (SecretScrubber.SecretKeys.Any(k => given.ContainsKey(k) && !string.IsNullOrEmpty(given[k]?.ToString())))
            return (null, true);
        var driver = DriverBuilder(provider);
        foreach (string key in given.Keys)
        {
            if (driver.ContainsKey(key)) continue;
            return (Messages.ConnectionKeywordUnknown(provider.ToString(), AsWritten(connectionString, key), Instead(provider, key), Keywords(provider)), false);
        }
        foreach (string key in given.Keys)
        {
            try { DriverBuilder(provider)[key] = given[key]; }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
            {
                var inner = ex;
                while (inner.InnerException is not null) inner = inner.InnerException;
                return (Messages.ConnectionValueInvalid(AsWritten(connectionString, key), SecretScrubber.Scrub(inner.Message, connectionString)), false);
            }
        }
        return (null, false);
    }

    private static DbConnectionStringBuilder DriverBuilder(ProviderKind provider) => provider switch
    {
        ProviderKind.PostgreSql => new NpgsqlConnectionStringBuilder(),
        ProviderKind.SqlServer => new SqlConnectionStringBuilder(),
        _ => new SqliteConnectionStringBuilder(),
    };

    /// <summary>The keyword as the user wrote it (the parser keeps it lower-cased).</summary>
    private static string AsWritten(string connectionString, string key)
    {
        var match = Regex.Match(connectionString, @"(?:^|;)\s*(" + Regex.Escape(key).Replace(@"\ ", @"\s+") + @")\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : key;
    }

    /// <summary>What the same thing is called by each driver, for the keywords people bring from another database.</summary>
    private static readonly (string[] Spellings, string? Sqlite, string? PostgreSql, string? SqlServer)[] Equivalents =
    {
        (new[] { "host", "server", "data source", "datasource", "address", "addr", "network address" }, "Data Source=<file path>", "Host=<server name or address>", "Server=<server name or address>"),
        (new[] { "database", "initial catalog", "dbname", "db" }, "Data Source=<file path>", "Database=<database name>", "Database=<database name>"),
        (new[] { "filename", "file", "path" }, "Data Source=<file path>", null, null),
        (new[] { "user id", "userid", "user", "username", "user name", "uid", "login" }, null, "Username=<user name>", "User ID=<user name>"),
        (new[] { "port" }, null, "Port=<port>", "Server=<server name or address>,<port>"),
    };

    private static string? Instead(ProviderKind provider, string key)
    {
        foreach (var e in Equivalents)
        {
            if (!e.Spellings.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
            return provider switch { ProviderKind.PostgreSql => e.PostgreSql, ProviderKind.SqlServer => e.SqlServer, _ => e.Sqlite };
        }
        return null;
    }

    private static string Keywords(ProviderKind provider) => provider switch
    {
        ProviderKind.PostgreSql => "Host, Port, Database, Username, SSL Mode, Timeout, Command Timeout, Pooling",
        ProviderKind.SqlServer => "Server, Database, User ID, Encrypt, TrustServerCertificate, Connect Timeout, Application Name",
        _ => "Data Source, Mode, Cache, Foreign Keys, Default Timeout, Pooling",
    };
}
