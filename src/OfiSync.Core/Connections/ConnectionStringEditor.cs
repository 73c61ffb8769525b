using System.Data.Common;
using Microsoft.Data.SqlClient;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Connections;

/// <summary>Checks and completes a connection string before it is stored: no password, and SQL Server's TLS options.</summary>
public static class ConnectionStringEditor
{
    /// <summary>The connection string to store, or a message saying why it cannot be stored.</summary>
    public static (string? ConnectionString, string? Problem) Prepare(ProviderKind provider, string connectionString,
        bool integratedSecurity, string? encrypt, bool trustServerCertificate)
    {
        DbConnectionStringBuilder builder;
        try
        {
            builder = provider == ProviderKind.SqlServer
                ? new SqlConnectionStringBuilder(connectionString)
                : new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The text may hold a password: the message names the kind of error only.
            return (null, Messages.ConnectionStringInvalid(provider.ToString(), ex.GetType().Name));
        }
        if (SecretScrubber.SecretKeys.Any(k => builder.ContainsKey(k) && !string.IsNullOrEmpty(builder[k]?.ToString())))
            return (null, Messages.PasswordInConnectionString);
        if (builder is SqlConnectionStringBuilder sql)
        {
            if (integratedSecurity) sql.IntegratedSecurity = true;
            if (encrypt is not null) sql.Encrypt = SqlConnectionEncryptOption.Parse(encrypt);
            if (trustServerCertificate) sql.TrustServerCertificate = true;
        }
        return (builder.ConnectionString, null);
    }
}
