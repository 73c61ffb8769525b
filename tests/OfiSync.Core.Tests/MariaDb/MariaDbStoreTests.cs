using Dapper;
using MySqlConnector;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using OfiSync.Core.Tests.Store;
using Xunit;

namespace OfiSync.Core.Tests.MariaDb;

/// <summary>The store suite in a MariaDB database, through pooled connections as a user's connection string gives them.</summary>
public sealed class MariaDbStoreTests : StoreTests
{
    private readonly MariaDbDatabase _db = new();
    private string Pooled => new MySqlConnectionStringBuilder(_db.ConnectionString) { Pooling = true }.ConnectionString;
    protected override StoreLocation Location => StoreLocation.Parse("MariaDb:" + Pooled);
    public override void Dispose()
    {
        MySqlConnection.ClearAllPools();
        _db.Dispose();
    }

    private static string LockName(Guid line) => "ofisync.line." + line.ToString("N");

    [MariaDbFact]
    public async Task A_released_run_lock_is_free_at_once_although_the_store_connections_are_pooled()
    {
        var store = SyncStore.Open(Location);
        var line = Guid.NewGuid();
        var held = await store.TryLockLineAsync(line, TimeSpan.Zero, default);
        Assert.NotNull(held);
        using var other = _db.Open();
        Assert.Equal(0, other.ExecuteScalar<int>("SELECT IS_FREE_LOCK(@n)", new { n = LockName(line) }));
        await held!.DisposeAsync();
        // Released with RELEASE_LOCK and its session ended: no pooled session keeps it for its next user.
        Assert.Equal(1, other.ExecuteScalar<int>("SELECT IS_FREE_LOCK(@n)", new { n = LockName(line) }));
        for (var i = 0; i < 3; i++)
        {
            await using var again = await SyncStore.Open(Location).TryLockLineAsync(line, TimeSpan.Zero, default);
            Assert.NotNull(again);
        }
    }

    [MariaDbFact]
    public async Task A_run_lock_whose_session_the_server_ends_is_free_for_the_next_run()
    {
        var store = SyncStore.Open(Location);
        var line = Guid.NewGuid();
        var held = await store.TryLockLineAsync(line, TimeSpan.Zero, default);
        Assert.NotNull(held);
        Assert.Null(await store.TryLockLineAsync(line, TimeSpan.FromMilliseconds(200), default));
        using (var admin = _db.Open())
        {
            // As when the process holding it dies: the server ends its session.
            var holder = admin.ExecuteScalar<long>("SELECT IS_USED_LOCK(@n)", new { n = LockName(line) });
            admin.Execute($"KILL {holder}");
        }
        await using var next = await store.TryLockLineAsync(line, TimeSpan.FromSeconds(5), default);
        Assert.NotNull(next);
        await held!.DisposeAsync(); // releasing a lock whose session is gone fails quietly
    }

    [MariaDbFact]
    public void Keys_are_kept_and_compared_exactly_whatever_the_database_collation()
    {
        var store = SyncStore.Open(Location);
        var line = AddedLine(store, "Clientes");
        string[] keys = ["a", "A", "a ", "é", "e", "ß", "ss", "😀"];
        store.MarkPending(line, keys);
        Assert.Equal(keys.Length, store.CountStates(line));
        var states = store.GetStates(line, ["A", "a ", "😀", "x"]);
        Assert.Equal(new[] { "A", "a ", "😀" }, states.Keys.Order(StringComparer.Ordinal));
        using var c = _db.Open();
        Assert.Equal("utf8mb4_unicode_ci", c.ExecuteScalar<string>("SELECT @@collation_database"));
    }
}

/// <summary>How each kind of command opens a MariaDB store: reading never creates or writes, an account that may only SELECT reads it.</summary>
public sealed class MariaDbStoreAccessTests : StoreAccessTests
{
    private readonly MariaDbDatabase _db = new();
    private readonly string _reader = "ofisync_reader_" + Guid.NewGuid().ToString("N")[..8];
    protected override StoreLocation NewLocation => StoreLocation.Parse("MariaDb:" + _db.ConnectionString);

    protected override void AssertNothingCreated()
    {
        using var c = _db.Open();
        Assert.Equal(0, c.ExecuteScalar<int>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));
    }

    protected override string Fingerprint()
    {
        using var c = _db.Open();
        var tables = c.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name").ToList();
        return string.Join("|", tables.Select(t => t + ":" + string.Join(",", c.Query($"CHECKSUM TABLE `{t}`").Select(r => (object?)r.Checksum))));
    }

    private StoreLocation? _readOnly;

    /// <summary>An account that may SELECT the store's database, and nothing else.</summary>
    protected override StoreLocation ReadOnlyAccount()
    {
        if (_readOnly is not null) return _readOnly;
        using (var c = _db.Open())
        {
            c.Execute($"CREATE USER '{_reader}'@'%'");
            c.Execute($"GRANT SELECT ON `{_db.Name}`.* TO '{_reader}'@'%'");
        }
        var cs = new MySqlConnectionStringBuilder(_db.ConnectionString) { UserID = _reader, Password = "" };
        return _readOnly = StoreLocation.Parse("MariaDb:" + cs.ConnectionString);
    }

    protected override void MakeOtherDatabase()
    {
        using var c = _db.Open();
        c.Execute("CREATE TABLE cliente (codigo VARCHAR(20) PRIMARY KEY); INSERT INTO cliente VALUES ('430000001')");
    }

    public override void Dispose()
    {
        _db.Dispose();
        using var admin = new MySqlConnection(MariaDbDatabase.ServerConnectionString);
        admin.Open();
        admin.Execute($"DROP USER IF EXISTS '{_reader}'@'%'");
    }

    [MariaDbTheory]
    [InlineData(StoreAccess.Read)]
    [InlineData(StoreAccess.Create)]
    public void A_store_connection_string_with_a_keyword_MariaDB_does_not_take_is_refused_naming_it(StoreAccess access)
    {
        var wrong = StoreLocation.Parse("MySql:" + _db.ConnectionString + ";DbName=" + _db.Name);
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(wrong, access));
        Assert.Equal(StoreErrorKind.Invalid, ex.Kind);
        Assert.Contains("'DbName'", ex.Message);
        Assert.Contains("Database=", ex.Message);
        AssertNothingCreated();
    }

    [MariaDbFact]
    public void An_account_that_may_only_select_reads_everything()
    {
        CreateFilledStore();
        AssertReadOnlyAccountReadsEverything();
    }
}
