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
    [InlineData(DbKind.PostgreSql, "Data Source=crm.local;Database=crm", "'Data Source'", "Host=")]
    [InlineData(DbKind.PostgreSql, "Host=crm.local;Initial Catalog=crm", "'Initial Catalog'", "Database=")]
    [InlineData(DbKind.SqlServer, "Host=sql01;Database=crm", "'Host'", "Server=")]
    [InlineData(DbKind.SqlServer, "Server=sql01;Username=sync", "'Username'", "User ID=")]
    [InlineData(DbKind.Sqlite, "Database=/data/erp.db", "'Database'", "Data Source=")]
    [InlineData(DbKind.PostgreSql, "Hots=crm.local", "'Hots'", "check its spelling")]
    public void A_keyword_the_provider_does_not_take_is_refused_naming_it_and_the_right_spelling(DbKind provider, string connectionString, string keyword, string advice)
    {
        var (stored, problem) = ConnectionStringEditor.Prepare(provider.Provider(), connectionString, new ConnectionOptions());
        Assert.Null(stored);
        Assert.Contains(keyword, problem!.Message);
        Assert.Contains(advice, problem.Message);
        Assert.Contains(provider.ToString(), problem.Message);
    }

    [Fact]
    public void A_value_the_driver_refuses_is_refused_naming_its_keyword()
    {
        var (_, problem) = ConnectionStringEditor.Prepare(DbKind.PostgreSql.Provider(), "Host=crm.local;Port=cinco", new ConnectionOptions());
        Assert.Contains("'Port'", problem!.Message);
    }

    [Theory]
    [InlineData(DbKind.PostgreSql, "Host=crm.local;Port=5433;Database=crm;Username=sync;SSL Mode=Require")]
    [InlineData(DbKind.PostgreSql, "Server=crm.local;User ID=sync;Database=crm")]
    [InlineData(DbKind.SqlServer, "Data Source=sql01,1433;Initial Catalog=crm;User ID=sync")]
    [InlineData(DbKind.Sqlite, "Data Source=/data/erp.db;Mode=ReadOnly;Foreign Keys=True")]
    public void Keywords_and_synonyms_the_driver_takes_are_accepted(DbKind provider, string connectionString)
    {
        var (stored, problem) = ConnectionStringEditor.Prepare(provider.Provider(), connectionString, new ConnectionOptions());
        Assert.Null(problem);
        Assert.NotNull(stored);
    }

    [Fact]
    public async Task Testing_a_connection_stored_before_the_check_returns_a_failed_result_and_never_throws()
    {
        var old = new SyncConnection { Name = "bad", Provider = DbKind.PostgreSql.ToString(), ConnectionString = "Data Source=/data/crm.db" };
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
            Name = "CRM", Provider = DbKind.PostgreSql.ToString(), ConnectionString = "Host=127.0.0.1;Database=crm;Username=sync",
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
        var result = await ConnectionTester.TestAsync(DbKind.Sqlite.Provider(), string.Format(connectionString, file), default);
        Assert.False(result.Succeeded);
        Assert.Contains(file, result.Error);
        Assert.Contains("Mode=ReadWriteCreate", result.Error);
        Assert.False(Directory.Exists(_dir.File("typo")));
        var sibling = _dir.File("erp.db");
        Assert.False((await ConnectionTester.TestAsync(DbKind.Sqlite.Provider(), "Data Source=" + sibling, default)).Succeeded);
        Assert.False(File.Exists(sibling));
    }

    [Fact]
    public async Task A_SQLite_database_is_created_only_when_the_connection_string_asks_for_it()
    {
        var file = _dir.File("new.db");
        var opener = ConnectionOpener.WithoutCredentials;
        var connection = new SyncConnection { Name = "New", Provider = DbKind.Sqlite.ToString(), ConnectionString = $"Data Source={file};Mode=ReadWriteCreate" };
        await using (var db = await opener.OpenAsync(connection, default)) { }
        Assert.True(File.Exists(file));
        connection.ConnectionString = $"Data Source={file}";
        await using (var db = await opener.OpenAsync(connection, default)) Assert.Equal(System.Data.ConnectionState.Open, db.State);
    }
}
