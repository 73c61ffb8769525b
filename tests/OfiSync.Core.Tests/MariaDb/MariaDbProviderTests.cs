using System.Net;
using Dapper;
using MySqlConnector;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.MariaDb;

/// <summary>MariaDB's connections, quoting, schema reading and faults.</summary>
public sealed class MariaDbProviderTests : IDisposable
{
    private static readonly IDatabaseProvider Provider = DatabaseProviders.MariaDb;
    private readonly Lazy<MariaDbDatabase> _db = new(() => new MariaDbDatabase());

    [Fact]
    public void Is_found_by_its_name_and_as_MySql()
    {
        Assert.Same(Provider, DatabaseProviders.Get("mariadb"));
        Assert.Same(Provider, DatabaseProviders.Get("MySql"));
        Assert.Contains("MariaDb", DatabaseProviders.Names);
        Assert.Same(Provider, OfiSync.Core.Store.StoreLocation.Parse("MySql:Server=db1;Database=ofisync").Provider);
    }

    [Theory]
    [InlineData("cliente", "`cliente`")]
    [InlineData("razón `social`", "`razón ``social```")]
    [InlineData("x`; DROP TABLE t;--", "`x``; DROP TABLE t;--`")]
    public void Quotes_identifiers_with_backticks_so_they_cannot_escape(string name, string expected) =>
        Assert.Equal(expected, Provider.QuoteIdentifier(name));

    [Fact]
    public void A_table_with_its_database_is_quoted_part_by_part() => Assert.Equal("`crm`.`cuenta`", Provider.QuoteTable("crm.cuenta"));

    [Theory]
    [InlineData("Server=db1;Database=crm;User ID=sync")]
    [InlineData("Host=db1;Port=3307;Initial Catalog=crm;Username=sync;SslMode=Required")]
    [InlineData("Data Source=db1;Database=crm;Uid=sync;Connection Timeout=5;Pooling=false")]
    public void Keywords_MySqlConnector_takes_are_accepted_whatever_their_spelling(string connectionString)
    {
        var (prepared, problem) = ConnectionStringEditor.Prepare(Provider, connectionString, new ConnectionOptions());
        Assert.Null(problem);
        Assert.NotNull(prepared);
    }

    [Theory]
    [InlineData("Server=db1;DbName=crm", "'DbName'", "Database=<database name>")]
    [InlineData("Server=db1;Login=sync", "'Login'", "User ID=<user name>")]
    [InlineData("Server=db1;TrustServerCertificate=true", "'TrustServerCertificate'", "SslMode=Required")]
    [InlineData("Server=db1;Timeout=5", "'Timeout'", "Connection Timeout=<seconds>")]
    [InlineData("Server=db1;Mode=ReadWrite", "'Mode'", "Server, Port, Database, User ID")]
    [InlineData("Server=db1;Port=abc", "'Port'", "abc")]
    public void A_keyword_or_value_MySqlConnector_does_not_take_is_refused_saying_what_to_write(string connectionString, string named, string instead)
    {
        var (prepared, problem) = ConnectionStringEditor.Prepare(Provider, connectionString, new ConnectionOptions());
        Assert.Null(prepared);
        Assert.Equal(ConnectionProblemCode.ConnectionStringInvalid, problem!.Code);
        Assert.Contains(named, problem.Message);
        Assert.Contains(instead, problem.Message);
    }

    [Fact]
    public void A_password_in_the_connection_string_is_refused_and_options_of_SQL_Server_are_not_taken()
    {
        Assert.Equal(ConnectionProblemCode.PasswordInConnectionString,
            ConnectionStringEditor.Prepare(Provider, "Server=db1;User ID=sync;Pwd=s3cr3t", new ConnectionOptions()).Problem!.Code);
        Assert.Equal(ConnectionProblemCode.SqlServerOnlyOption,
            ConnectionStringEditor.Prepare(Provider, "Server=db1", new ConnectionOptions(IntegratedSecurity: true)).Problem!.Code);
    }

    [Fact]
    public void The_credential_is_added_at_run_time_with_the_settings_OfiSync_relies_on_and_never_shown()
    {
        var full = Provider.ConnectionStringFor("Server=db1;Database=crm;User ID=sync", new NetworkCredential("", "Top-S3cret"));
        var b = new MySqlConnectionStringBuilder(full);
        Assert.Equal(("sync", "Top-S3cret", false, MySqlGuidFormat.None, true), (b.UserID, b.Password, b.AllowLoadLocalInfile, b.GuidFormat, b.ConvertZeroDateTime));
        Assert.Equal("other", new MySqlConnectionStringBuilder(Provider.ConnectionStringFor("Server=db1;User ID=sync", new NetworkCredential("other", "x"))).UserID);
        Assert.DoesNotContain("Top-S3cret", SecretScrubber.Redact(full));
        // LOAD DATA LOCAL, which lets the server ask for any local file, only where the user turns it on.
        Assert.True(new MySqlConnectionStringBuilder(Provider.ConnectionStringFor("Server=db1;AllowLoadLocalInfile=true", null)).AllowLoadLocalInfile);
    }

    [MariaDbFact]
    public async Task The_connection_test_reports_the_version_and_a_failure_without_the_password()
    {
        var r = await ConnectionTester.TestAsync(Provider, MariaDbDatabase.ServerConnectionString!, default);
        Assert.True(r.Succeeded, r.Error);
        Assert.StartsWith("MariaDB 1", r.ServerVersion);
        var wrong = new MySqlConnectionStringBuilder(MariaDbDatabase.ServerConnectionString!) { UserID = "nobody", Password = "Top-S3cret" }.ConnectionString;
        var failed = await ConnectionTester.TestAsync(Provider, wrong, default);
        Assert.False(failed.Succeeded);
        Assert.Contains("Access denied", failed.Error);
        Assert.DoesNotContain("Top-S3cret", failed.Error + failed.Connection);
    }

    [MariaDbFact]
    public async Task Reads_the_columns_of_tables_views_and_queries_with_nullability_and_sizes()
    {
        using var c = _db.Value.Open();
        c.Execute(@"CREATE TABLE cuenta (id INT AUTO_INCREMENT PRIMARY KEY, codigo VARCHAR(20) NOT NULL, nombre VARCHAR(100) CHARACTER SET latin1,
                      saldo DECIMAL(12,2) NOT NULL DEFAULT 0, alta DATE, activo BOOLEAN, nota TEXT);
                    CREATE VIEW cuenta_activa AS SELECT codigo, nombre FROM cuenta WHERE activo;");
        var columns = await Provider.ReadColumnsAsync(c, "cuenta", null, default);
        Assert.Equal(["id INT False", "codigo VARCHAR False 20", "nombre VARCHAR True 100", "saldo DECIMAL False", "alta DATE True", "activo BOOL True", "nota VARCHAR True"],
            columns!.Select(x => $"{x.Name} {x.DataTypeName} {x.AllowsNull}" + (x.DataTypeName == "VARCHAR" && x.Size < 1000 ? $" {x.Size}" : "")));
        Assert.Equal(typeof(bool), columns!.Single(x => x.Name == "activo").ClrType);
        var view = await Provider.ReadColumnsAsync(c, "cuenta_activa", null, default);
        Assert.Equal(["codigo", "nombre"], view!.Select(x => x.Name));
        var query = await Provider.ReadColumnsAsync(c, null, "SELECT codigo, saldo * 2 AS doble FROM cuenta", default);
        Assert.Equal(["codigo", "doble"], query!.Select(x => x.Name));
        Assert.Null(await Provider.ReadColumnsAsync(c, "no_existe", null, default));
        Assert.NotNull(await Provider.ReadColumnsAsync(c, $"{_db.Value.Name}.cuenta", null, default));
        // A table of another database on the same server is not this one's.
        Assert.Null(await Provider.ReadColumnsAsync(c, "user", null, default));
    }

    [MariaDbFact]
    public void A_deadlock_and_a_lock_wait_timeout_are_passing_faults_and_constraint_errors_are_row_errors()
    {
        using (var setup = _db.Value.Open()) setup.Execute("CREATE TABLE t (id INT PRIMARY KEY, v INT UNIQUE); INSERT INTO t VALUES (1, 1), (2, 2)");
        using var a = _db.Value.Open();
        using var b = _db.Value.Open();
        b.Execute("SET SESSION innodb_lock_wait_timeout = 1");
        using (var ta = a.BeginTransaction())
        {
            a.Execute("UPDATE t SET v = 10 WHERE id = 1", transaction: ta);
            var wait = Assert.Throws<MySqlException>(() => b.Execute("UPDATE t SET v = 11 WHERE id = 1"));
            Assert.Equal(1205, wait.Number);
            Assert.True(Faults.IsPassing(wait));
        }
        b.Execute("SET SESSION innodb_lock_wait_timeout = 10");
        using (var tx1 = a.BeginTransaction())
        using (var tx2 = b.BeginTransaction())
        {
            a.Execute("UPDATE t SET v = 10 WHERE id = 1", transaction: tx1);
            b.Execute("UPDATE t SET v = 20 WHERE id = 2", transaction: tx2);
            var first = Task.Run(() => a.Execute("UPDATE t SET v = 11 WHERE id = 2", transaction: tx1));
            Thread.Sleep(300);
            var deadlock = Record.Exception(() => b.Execute("UPDATE t SET v = 21 WHERE id = 1", transaction: tx2))
                           ?? Record.Exception(() => first.GetAwaiter().GetResult());
            var victim = Assert.IsType<MySqlException>(deadlock);
            Assert.Equal(1213, victim.Number);
            Assert.True(Faults.IsPassing(victim));
            Assert.False(Faults.IsRowError(victim));
            Task.WaitAny(first); // the survivor goes on once the victim is rolled back
        }

        using var c = _db.Value.Open();
        var duplicate = Assert.Throws<MySqlException>(() => c.Execute("INSERT INTO t VALUES (3, 1)"));
        Assert.True(Faults.IsRowError(duplicate));
        Assert.False(Faults.IsPassing(duplicate));
    }

    public void Dispose()
    {
        if (_db.IsValueCreated) _db.Value.Dispose();
    }
}
