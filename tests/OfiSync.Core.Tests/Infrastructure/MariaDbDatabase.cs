using MySqlConnector;
using Xunit;

namespace OfiSync.Core.Tests.Infrastructure;

/// <summary>
/// A database of its own on the MariaDB test server, created for one test class and dropped after it. It takes the
/// server's defaults (utf8mb4_unicode_ci in the test server: accents and case folded, trailing spaces ignored), as a
/// CRM or an ERP made without thought for them would. Its connection string allows LOAD DATA LOCAL only when asked
/// (<paramref name="loadData"/>), so that writes take OfiSync's default path unless a test wants the other.
/// </summary>
public sealed class MariaDbDatabase : IDisposable
{
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("OFISYNC_TEST_MARIADB");

    public string Name { get; }
    public string ConnectionString { get; }

    public MariaDbDatabase(bool loadData = false)
    {
        Name = "ofisync_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = new MySqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var create = new MySqlCommand($"CREATE DATABASE `{Name}`", admin);
            create.ExecuteNonQuery();
        }
        ConnectionString = new MySqlConnectionStringBuilder(ServerConnectionString!) { Database = Name, Pooling = false, AllowLoadLocalInfile = loadData }.ConnectionString;
    }

    public MySqlConnection Open()
    {
        var c = new MySqlConnection(ConnectionString);
        c.Open();
        return c;
    }

    public void Dispose()
    {
        using var admin = new MySqlConnection(ServerConnectionString);
        admin.Open();
        using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", admin);
        drop.ExecuteNonQuery();
    }
}

/// <summary>A fact that needs the live MariaDB which ./build.sh test starts; skipped, and saying so, without it.</summary>
public sealed class MariaDbFactAttribute : FactAttribute
{
    public MariaDbFactAttribute()
    {
        if (string.IsNullOrEmpty(MariaDbDatabase.ServerConnectionString))
            Skip = "OFISYNC_TEST_MARIADB is not set (./build.sh test sets it)";
    }
}

public sealed class MariaDbTheoryAttribute : TheoryAttribute
{
    public MariaDbTheoryAttribute()
    {
        if (string.IsNullOrEmpty(MariaDbDatabase.ServerConnectionString))
            Skip = "OFISYNC_TEST_MARIADB is not set (./build.sh test sets it)";
    }
}
