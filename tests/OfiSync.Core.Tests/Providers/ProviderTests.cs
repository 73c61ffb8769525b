using OfiSync.Core.Connections;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Providers;

public class ProviderTests
{
    [Theory]
    [InlineData(DbKind.Sqlite, "cliente", "\"cliente\"")]
    [InlineData(DbKind.PostgreSql, "razón \"social\"", "\"razón \"\"social\"\"\"")]
    [InlineData(DbKind.SqlServer, "x]; DROP TABLE t;--", "[x]]; DROP TABLE t;--]")]
    public void Quotes_identifiers_so_they_cannot_escape(DbKind kind, string name, string expected)
    {
        Assert.Equal(expected, kind.Provider().QuoteIdentifier(name));
    }

    [Fact]
    public void Redacts_every_spelling_of_a_password()
    {
        Assert.DoesNotContain("s3cr3t", SecretScrubber.Redact("Server=x;User ID=sa;Password=s3cr3t"));
        Assert.DoesNotContain("s3cr3t", SecretScrubber.Redact("Server=x;UID=sa;PWD=s3cr3t"));
    }

    [Fact]
    public async Task Sqlite_connection_test_reports_the_version()
    {
        var r = await ConnectionTester.TestAsync(DbKind.Sqlite.Provider(), "Data Source=:memory:", default);
        Assert.True(r.Succeeded, r.Error);
        Assert.StartsWith("SQLite 3.", r.ServerVersion);
    }

    [Fact]
    public async Task SqlServer_failure_is_returned_without_the_password()
    {
        var r = await ConnectionTester.TestAsync(DbKind.SqlServer.Provider(), "Server=127.0.0.1,1;Connect Timeout=2;User Id=sa;Password=Top-S3cret", default);
        Assert.False(r.Succeeded);
        Assert.Equal("Microsoft.Data.SqlClient.SqlException", r.ErrorType);
        Assert.DoesNotContain("Top-S3cret", r.Error + r.Connection);
    }

    [PostgresFact]
    public async Task PostgreSql_connection_test_reports_the_version()
    {
        var r = await ConnectionTester.TestAsync(DbKind.PostgreSql.Provider(), PostgresDatabase.ServerConnectionString!, default);
        Assert.True(r.Succeeded, r.Error);
        Assert.StartsWith("PostgreSQL", r.ServerVersion);
    }
}
