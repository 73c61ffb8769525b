using OfiSync.Core.Connections;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Connections;

/// <summary>Connection strings are checked per provider when a connection is made, and opening never creates a database.</summary>
public sealed class ConnectionCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(ProviderKind.PostgreSql, "Data Source=crm.local;Database=crm", "'Data Source'", "Host=")]
    [InlineData(ProviderKind.PostgreSql, "Host=crm.local;Initial Catalog=crm", "'Initial Catalog'", "Database=")]
    [InlineData(ProviderKind.SqlServer, "Host=sql01;Database=crm", "'Host'", "Server=")]
    [InlineData(ProviderKind.SqlServer, "Server=sql01;Username=sync", "'Username'", "User ID=")]
    [InlineData(ProviderKind.Sqlite, "Database=/data/erp.db", "'Database'", "Data Source=")]
    [InlineData(ProviderKind.PostgreSql, "Hots=crm.local", "'Hots'", "check its spelling")]
    public void A_keyword_the_provider_does_not_take_is_refused_naming_it_and_the_right_spelling(ProviderKind provider, string connectionString, string keyword, string advice)
    {
        var (stored, problem) = ConnectionStringEditor.Prepare(provider, connectionString, false, null, false);
        Assert.Null(stored);
        Assert.Contains(keyword, problem);
        Assert.Contains(advice, problem);
        Assert.Contains(provider.ToString(), problem);
    }

    [Fact]
    public void A_value_the_driver_refuses_is_refused_naming_its_keyword()
    {
        var (_, problem) = ConnectionStringEditor.Prepare(ProviderKind.PostgreSql, "Host=crm.local;Port=cinco", false, null, false);
        Assert.Contains("'Port'", problem);
    }

    [Theory]
    [InlineData(ProviderKind.PostgreSql, "Host=crm.local;Port=5433;Database=crm;Username=sync;SSL Mode=Require")]
    [InlineData(ProviderKind.PostgreSql, "Server=crm.local;User ID=sync;Database=crm")]
    [InlineData(ProviderKind.SqlServer, "Data Source=sql01,1433;Initial Catalog=crm;User ID=sync")]
    [InlineData(ProviderKind.Sqlite, "Data Source=/data/erp.db;Mode=ReadOnly;Foreign Keys=True")]
    public void Keywords_and_synonyms_the_driver_takes_are_accepted(ProviderKind provider, string connectionString)
    {
        var (stored, problem) = ConnectionStringEditor.Prepare(provider, connectionString, false, null, false);
        Assert.Null(problem);
        Assert.NotNull(stored);
    }

    [Fact]
    public async Task Testing_a_connection_stored_before_the_check_returns_a_failed_result_and_never_throws()
    {
        var old = new SyncConnection { Name = "bad", Provider = ProviderKind.PostgreSql, ConnectionString = "Data Source=/data/crm.db" };
        var result = await ConnectionTester.TestAsync(old, ConnectionOpener.WithoutCredentials, default);
        Assert.False(result.Succeeded);
        Assert.Contains("'bad'", result.Error);
        Assert.Contains("Host=", result.Error);
        Assert.Equal(typeof(ArgumentException).FullName, result.ErrorType);
    }

    [Fact]
    public async Task A_missing_password_variable_is_a_failed_result_too()
    {
        var c = new SyncConnection
        {
            Name = "CRM", Provider = ProviderKind.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=crm;Username=sync",
            CredentialSource = CredentialSource.Environment, CredentialName = "OFISYNC_TEST_NOT_SET_" + Guid.NewGuid().ToString("N"),
        };
        var result = await ConnectionTester.TestAsync(c, ConnectionOpener.WithoutCredentials, default);
        Assert.False(result.Succeeded);
        Assert.Contains(c.CredentialName, result.Error);
    }

    [Theory]
    [InlineData("Data Source={0}")]
    [InlineData("Data Source={0};Mode=ReadWrite")]
    [InlineData("Data Source={0};Mode=ReadOnly")]
    public async Task A_SQLite_file_that_does_not_exist_is_a_failed_test_naming_it_and_is_not_created(string connectionString)
    {
        var file = _dir.File("typo/erp.db");
        var result = await ConnectionTester.TestAsync(ProviderKind.Sqlite, string.Format(connectionString, file), default);
        Assert.False(result.Succeeded);
        Assert.Contains(file, result.Error);
        Assert.Contains("Mode=ReadWriteCreate", result.Error);
        Assert.False(Directory.Exists(_dir.File("typo")));
        var sibling = _dir.File("erp.db");
        Assert.False((await ConnectionTester.TestAsync(ProviderKind.Sqlite, "Data Source=" + sibling, default)).Succeeded);
        Assert.False(File.Exists(sibling));
    }

    [Fact]
    public async Task A_SQLite_database_is_created_only_when_the_connection_string_asks_for_it()
    {
        var file = _dir.File("new.db");
        var opener = ConnectionOpener.WithoutCredentials;
        var connection = new SyncConnection { Name = "New", Provider = ProviderKind.Sqlite, ConnectionString = $"Data Source={file};Mode=ReadWriteCreate" };
        await using (var db = await opener.OpenAsync(connection, default)) { }
        Assert.True(File.Exists(file));
        connection.ConnectionString = $"Data Source={file}";
        await using (var db = await opener.OpenAsync(connection, default)) Assert.Equal(System.Data.ConnectionState.Open, db.State);
    }
}
