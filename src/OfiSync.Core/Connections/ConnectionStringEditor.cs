using System.Data.Common;
using System.Text.RegularExpressions;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

/// <summary>
/// Checks and completes a connection string before it is stored: no password, only keywords and values the
/// provider's own driver takes, and the options of New-SyncConnection the database takes (SQL Server's TLS...).
/// </summary>
public static class ConnectionStringEditor
{
    /// <summary>The connection string to store, or why it cannot be stored.</summary>
    public static (string? ConnectionString, ConnectionProblem? Problem) Prepare(IDatabaseProvider provider, string connectionString, ConnectionOptions options)
    {
        var (reason, hasPassword) = Check(provider, connectionString);
        if (hasPassword) return (null, new(ConnectionProblemCode.PasswordInConnectionString, Messages.PasswordInConnectionString));
        if (reason is not null) return (null, new(ConnectionProblemCode.ConnectionStringInvalid, Messages.ConnectionStringNotValid(provider.Name, reason)));
        var (prepared, unsupported) = provider.ApplyOptions(connectionString, options);
        return unsupported is not null ? (null, new(ConnectionProblemCode.SqlServerOnlyOption, Messages.OptionNotTaken(unsupported, provider.Name))) : (prepared, null);
    }

    /// <summary>
    /// Why the provider's driver will not take this connection string (its syntax, a keyword it does not know, with
    /// the provider's own spelling where there is one, or a value it refuses); null when it takes it. Never shows a secret.
    /// </summary>
    public static string? Problem(IDatabaseProvider provider, string connectionString) => Check(provider, connectionString).Reason;

    private static (string? Reason, bool HasPassword) Check(IDatabaseProvider provider, string connectionString)
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
        var driver = provider.CreateConnectionStringBuilder();
        foreach (string key in given.Keys)
        {
            if (driver.ContainsKey(key)) continue;
            return (Messages.ConnectionKeywordUnknown(provider.Name, AsWritten(connectionString, key), provider.SuggestKeyword(key), provider.CommonKeywords), false);
        }
        foreach (string key in given.Keys)
        {
            try { provider.CreateConnectionStringBuilder()[key] = given[key]; }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
            {
                var inner = ex;
                while (inner.InnerException is not null) inner = inner.InnerException;
                return (Messages.ConnectionValueInvalid(AsWritten(connectionString, key), SecretScrubber.Scrub(inner.Message, connectionString)), false);
            }
        }
        return (null, false);
    }

    /// <summary>The keyword as the user wrote it (the parser keeps it lower-cased).</summary>
    private static string AsWritten(string connectionString, string key)
    {
        var match = Regex.Match(connectionString, @"(?:^|;)\s*(" + Regex.Escape(key).Replace(@"\ ", @"\s+", StringComparison.Ordinal) + @")\s*=",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : key;
    }
}
