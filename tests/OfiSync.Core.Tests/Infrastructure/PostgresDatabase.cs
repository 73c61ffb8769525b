using Npgsql;

namespace OfiSync.Core.Tests.Infrastructure;

/// <summary>A database of its own on the test server, created for one test class and dropped after it.</summary>
public sealed class PostgresDatabase : IDisposable
{
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("OFISYNC_TEST_POSTGRES");

    public string Name { get; }
    public string ConnectionString { get; }

    public PostgresDatabase()
    {
        Name = "ofisync_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            create.ExecuteNonQuery();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name, Pooling = false }.ConnectionString;
    }

    public NpgsqlConnection Open()
    {
        var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        return c;
    }

    public void Dispose()
    {
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
