using OfiSync.Core.Connections;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Providers;

public class ProviderTests
{
    [Theory]
    [InlineData(ProviderKind.Sqlite, "cliente", "\"cliente\"")]
    [InlineData(ProviderKind.PostgreSql, "razón \"social\"", "\"razón \"\"social\"\"\"")]
    [InlineData(ProviderKind.SqlServer, "x]; DROP TABLE t;--", "[x]]; DROP TABLE t;--]")]
    public void Quotes_identifiers_so_they_cannot_escape(ProviderKind kind, string name, string expected)
    {
        Assert.Equal(expected, OfiSync.Core.Providers.Providers.Get(kind).QuoteIdentifier(name));
    }

    [Fact]
    public void Redacts_every_spelling_of_a_password()
    {
        var p = OfiSync.Core.Providers.Providers.Get(ProviderKind.SqlServer);
        Assert.DoesNotContain("s3cr3t", p.Redact("Server=x;User ID=sa;Password=s3cr3t"));
        Assert.DoesNotContain("s3cr3t", p.Redact("Server=x;UID=sa;PWD=s3cr3t"));
    }

    [Fact]
    public async Task Sqlite_connection_test_reports_the_version()
    {
        var r = await ConnectionTester.TestAsync(ProviderKind.Sqlite, "Data Source=:memory:", default);
        Assert.True(r.Succeeded, r.Error);
        Assert.StartsWith("SQLite 3.", r.ServerVersion);
    }

    [Fact]
    public async Task SqlServer_failure_is_returned_without_the_password()
    {
        var r = await ConnectionTester.TestAsync(ProviderKind.SqlServer, "Server=127.0.0.1,1;Connect Timeout=2;User Id=sa;Password=Top-S3cret", default);
        Assert.False(r.Succeeded);
        Assert.Equal("Microsoft.Data.SqlClient.SqlException", r.ErrorType);
        Assert.DoesNotContain("Top-S3cret", r.Error + r.Connection);
    }

    [PostgresFact]
    public async Task PostgreSql_connection_test_reports_the_version()
    {
        var r = await ConnectionTester.TestAsync(ProviderKind.PostgreSql, PostgresDatabase.ServerConnectionString!, default);
        Assert.True(r.Succeeded, r.Error);
        Assert.StartsWith("PostgreSQL", r.ServerVersion);
    }
}
