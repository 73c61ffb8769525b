using System.Data.Common;

namespace OfiSync.Core.Connections;

/// <summary>Removes a connection's secrets from any text that is about to leave the engine.</summary>
public static class SecretScrubber
{
    /// <summary>Keys of a connection string that hold secrets, in any of the spellings the drivers accept.</summary>
    public static readonly IReadOnlyList<string> SecretKeys = new[] { "password", "pwd", "passwd" };

    public static string Scrub(string text, string connectionString)
    {
        if (string.IsNullOrEmpty(text)) return text;
        DbConnectionStringBuilder builder;
        try { builder = new DbConnectionStringBuilder { ConnectionString = connectionString }; }
        catch (ArgumentException) { return text; }
        foreach (var key in SecretKeys)
        {
            if (builder.TryGetValue(key, out var value) && value is string secret && secret.Length > 0)
                text = text.Replace(secret, "*****", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The connection string with every secret replaced, safe to print or store.</summary>
    public static string Redact(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in SecretKeys)
            if (builder.ContainsKey(key)) builder[key] = "*****";
        return builder.ConnectionString;
    }
}
