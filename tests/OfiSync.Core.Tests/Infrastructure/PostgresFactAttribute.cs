using Xunit;

namespace OfiSync.Core.Tests.Infrastructure;

/// <summary>A fact that needs the live PostgreSQL which ./build.sh test starts; skipped, and saying so, without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(PostgresDatabase.ServerConnectionString))
            Skip = "OFISYNC_TEST_POSTGRES is not set (./build.sh test sets it)";
    }
}

public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (string.IsNullOrEmpty(PostgresDatabase.ServerConnectionString))
            Skip = "OFISYNC_TEST_POSTGRES is not set (./build.sh test sets it)";
    }
}

/// <summary>A fact that needs a real SQL Server named by OFISYNC_TEST_SQLSERVER; skipped without it.</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OFISYNC_TEST_SQLSERVER")))
            Skip = "OFISYNC_TEST_SQLSERVER is not set: no SQL Server to test against";
    }
}
