using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Store;

/// <summary>
/// How each kind of command opens the store: reading never creates, upgrades or writes a store and needs only read
/// access; changing needs the store to exist; only creating creates it. The same suite on SQLite and PostgreSQL.
/// </summary>
public abstract class StoreAccessTests : IDisposable
{
    /// <summary>Where a store does not exist yet.</summary>
    protected abstract StoreLocation NewLocation { get; }
    /// <summary>That nothing at all was created where <see cref="NewLocation"/> points.</summary>
    protected abstract void AssertNothingCreated();
    /// <summary>The same store, opened by an account that may read it but neither write it nor create anything beside it.</summary>
    protected abstract StoreLocation ReadOnlyAccount();
    /// <summary>A fingerprint of everything the store holds, to prove a reading command changed nothing.</summary>
    protected abstract string Fingerprint();
    public abstract void Dispose();

    protected static SyncLine Line(string name) => new()
    {
        Name = name, Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "cuenta",
        Key = { "codigo" }, TargetKey = { "codigo" }, Columns = { new ColumnMapping { TargetColumn = "codigo", SourceColumn = "codigo" } },
    };

    /// <summary>A store with a connection, a line and a run in its history, as a nightly job leaves it.</summary>
    protected SyncStore CreateFilledStore()
    {
        var store = SyncStore.Open(NewLocation, StoreAccess.Create);
        store.SaveConnection(new SyncConnection { Name = "ERP", Provider = DbKind.Sqlite.ToString(), ConnectionString = "Data Source=erp.db" }, replace: false);
        store.SaveConnection(new SyncConnection { Name = "CRM", Provider = DbKind.Sqlite.ToString(), ConnectionString = "Data Source=crm.db" }, replace: false);
        var line = Line("Clientes");
        store.AddLine(line);
        var run = new SyncRun { LineId = line.Id, Line = line.Name, Mode = RunMode.Incremental, Status = RunStatus.Running, Started = DateTime.UtcNow };
        store.StartRun(run);
        run.Status = RunStatus.Succeeded;
        run.Ended = DateTime.UtcNow;
        store.EndRun(run);
        return store;
    }

    [Theory]
    [InlineData(StoreAccess.Read)]
    [InlineData(StoreAccess.Write)]
    public void A_store_that_does_not_exist_is_an_error_saying_how_to_make_one_and_nothing_is_created(StoreAccess access)
    {
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(NewLocation, access));
        Assert.Equal(StoreErrorKind.Missing, ex.Kind);
        Assert.Contains(NewLocation.ToString(), ex.Message);
        Assert.Contains("New-SyncConnection", ex.Message);
        AssertNothingCreated();
    }

    [Fact]
    public void Only_creating_creates_a_store_which_reading_and_changing_then_open()
    {
        CreateFilledStore();
        Assert.Equal("Clientes", Assert.Single(SyncStore.Open(NewLocation, StoreAccess.Read).GetLines()).Name);
        var writer = SyncStore.Open(NewLocation, StoreAccess.Write);
        writer.AddLine(Line("Sectores"));
        Assert.Equal(2, SyncStore.Open(NewLocation, StoreAccess.Read).GetLines().Count);
    }

    [Fact]
    public void Reading_writes_nothing_into_the_store()
    {
        CreateFilledStore();
        SqliteConnection.ClearAllPools();
        var before = Fingerprint();
        var reader = SyncStore.Open(NewLocation, StoreAccess.Read);
        Assert.Single(reader.GetLines());
        Assert.Equal(2, reader.GetConnections().Count);
        Assert.Single(reader.GetRuns());
        Assert.Empty(reader.GetStates(reader.GetLines()[0].Id, new[] { "430000001" }));
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Fingerprint());
    }

    [Fact]
    public void A_store_older_than_the_module_is_not_upgraded_by_reading_and_the_error_says_what_upgrades_it()
    {
        CreateFilledStore();
        // A module that reads the next schema version meets this store, at the current one.
        var current = StoreSchema.CurrentVersion;
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(NewLocation, StoreAccess.Read, moduleVersion: current + 1));
        Assert.Equal(StoreErrorKind.Outdated, ex.Kind);
        Assert.Contains($"version {current}", ex.Message);
        Assert.Contains("run a command that changes it", ex.Message);
        Assert.Equal(current, SyncStore.Open(NewLocation, StoreAccess.Read).SchemaVersion);
    }

    [Fact]
    public void A_store_written_by_a_newer_module_is_refused_by_reading_too()
    {
        CreateFilledStore();
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(NewLocation, StoreAccess.Read, moduleVersion: 0));
        Assert.Equal(StoreErrorKind.NewerSchema, ex.Kind);
    }

    [Theory]
    [InlineData(StoreAccess.Read)]
    [InlineData(StoreAccess.Write)]
    public void A_database_that_is_not_a_store_is_not_made_one_by_reading_or_changing(StoreAccess access)
    {
        // A -Store that names the ERP by mistake: only New-SyncConnection and Import-SyncLine make a store anywhere.
        MakeOtherDatabase();
        var before = Fingerprint();
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(NewLocation, access));
        Assert.Equal(StoreErrorKind.Missing, ex.Kind);
        Assert.Contains("not an OfiSync store", ex.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Fingerprint());
    }

    /// <summary>A database with a table of its own and no OfiSync table, where <see cref="NewLocation"/> points.</summary>
    protected abstract void MakeOtherDatabase();

    /// <summary>What an account that may only read a store made by <see cref="CreateFilledStore"/> can and cannot do.</summary>
    protected void AssertReadOnlyAccountReadsEverything()
    {
        var reader = SyncStore.Open(ReadOnlyAccount(), StoreAccess.Read);
        Assert.Equal("Clientes", Assert.Single(reader.GetLines()).Name);
        Assert.Equal(new[] { "CRM", "ERP" }, reader.GetConnections().Select(c => c.Name));
        Assert.Equal("Succeeded", Assert.Single(reader.GetRuns()).Status.ToString());
        Assert.Empty(reader.GetRunRows(reader.GetRuns()[0].RunId, "Clientes").ToList());
        // The same account cannot change it, and is told so.
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(ReadOnlyAccount(), StoreAccess.Write).AddLine(Line("Sectores")));
        Assert.True(ex.Kind is StoreErrorKind.ReadOnly or StoreErrorKind.Unreadable, ex.Message);
        Assert.Equal("Clientes", Assert.Single(SyncStore.Open(ReadOnlyAccount(), StoreAccess.Read).GetLines()).Name);
    }
}

public sealed class SqliteStoreAccessTests : StoreAccessTests
{
    private readonly TempDirectory _dir = new();
    private string Folder => _dir.File("typo/dir");
    private string File => Path.Combine(Folder, "store.db");
    protected override StoreLocation NewLocation => StoreLocation.Parse(File);
    protected override StoreLocation ReadOnlyAccount() => NewLocation;

    protected override void AssertNothingCreated()
    {
        Assert.False(Directory.Exists(_dir.File("typo")), "no folder may be created");
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    // The -shm file is SQLite's shared-memory index, which every reader that may write it updates: not the store's content.
    protected override string Fingerprint() => string.Join("|", Directory.GetFiles(Folder).Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
        .Select(f => Path.GetFileName(f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(f)))));

    protected override void MakeOtherDatabase()
    {
        Directory.CreateDirectory(Folder);
        using var c = new SqliteConnection($"Data Source={File};Pooling=false");
        c.Open();
        c.Execute("CREATE TABLE cliente (codigo TEXT PRIMARY KEY); INSERT INTO cliente VALUES ('430000001')");
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        ImmutableFiles.ClearAll(_dir.Path);
        _dir.Dispose();
    }

    [ImmutableFilesFact]
    public void An_account_that_may_read_the_store_but_not_write_it_or_its_folder_reads_everything()
    {
        CreateFilledStore();
        SqliteConnection.ClearAllPools(); // the writer's last connection closes, as when its process ends
        foreach (var f in Directory.GetFiles(Folder)) ImmutableFiles.Set(f);
        ImmutableFiles.Set(Folder);
        AssertReadOnlyAccountReadsEverything();
        Assert.False(System.IO.File.Exists(File + "-journal"));
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(NewLocation, StoreAccess.Write));
        Assert.Equal(StoreErrorKind.ReadOnly, ex.Kind);
        Assert.Contains(File, ex.Message);
        Assert.Contains("may read", ex.Message);
    }

    [ImmutableFilesFact]
    public void A_store_whose_WAL_files_are_gone_tells_a_read_only_account_what_is_needed()
    {
        CreateFilledStore();
        SqliteConnection.ClearAllPools();
        // As a store last closed by an older module: the WAL checkpointed into the file, the -wal and -shm files removed.
        System.IO.File.Delete(File + "-wal");
        System.IO.File.Delete(File + "-shm");
        ImmutableFiles.Set(File);
        ImmutableFiles.Set(Folder);
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(NewLocation, StoreAccess.Read));
        Assert.Contains(File + "-wal", ex.Message);
        Assert.Contains(File + "-shm", ex.Message);
    }
}

public sealed class PostgresStoreAccessTests : StoreAccessTests
{
    private readonly PostgresDatabase _db = new();
    private readonly string _reader = "ofisync_reader_" + Guid.NewGuid().ToString("N")[..8];
    protected override StoreLocation NewLocation => StoreLocation.Parse("PostgreSql:" + _db.ConnectionString);

    protected override void AssertNothingCreated()
    {
        using var c = _db.Open();
        Assert.Equal(0, c.ExecuteScalar<int>("SELECT COUNT(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"));
    }

    protected override string Fingerprint()
    {
        using var c = _db.Open();
        var tables = c.Query<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").ToList();
        return string.Join("|", tables.Select(t => t + ":" + c.ExecuteScalar<string>($"SELECT md5(COALESCE(string_agg(x::text, ',' ORDER BY x::text), '')) FROM \"{t}\" x")));
    }

    private StoreLocation? _readOnly;

    /// <summary>A login role that may connect and SELECT the store's tables, and nothing else.</summary>
    protected override StoreLocation ReadOnlyAccount()
    {
        if (_readOnly is not null) return _readOnly;
        using (var c = _db.Open())
        {
            c.Execute($"CREATE ROLE {_reader} LOGIN");
            c.Execute($"REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            c.Execute($"GRANT USAGE ON SCHEMA public TO {_reader}");
            c.Execute($"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {_reader}");
        }
        var cs = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Username = _reader, Password = null };
        return _readOnly = StoreLocation.Parse("PostgreSql:" + cs.ConnectionString);
    }

    protected override void MakeOtherDatabase()
    {
        using var c = _db.Open();
        c.Execute("CREATE TABLE cliente (codigo TEXT PRIMARY KEY); INSERT INTO cliente VALUES ('430000001')");
    }

    public override void Dispose()
    {
        _db.Dispose();
        using var admin = new NpgsqlConnection(PostgresDatabase.ServerConnectionString);
        admin.Open();
        admin.Execute($"DROP ROLE IF EXISTS {_reader}");
    }

    [Theory]
    [InlineData(StoreAccess.Read)]
    [InlineData(StoreAccess.Create)]
    public void A_store_connection_string_with_a_keyword_PostgreSQL_does_not_take_is_refused_naming_it(StoreAccess access)
    {
        var wrong = StoreLocation.Parse("PostgreSql:Data Source=" + new NpgsqlConnectionStringBuilder(_db.ConnectionString).Host + ";Database=" + _db.Name);
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(wrong, access));
        Assert.Equal(StoreErrorKind.Invalid, ex.Kind);
        Assert.Contains("'Data Source'", ex.Message);
        Assert.Contains("Host=", ex.Message);
        AssertNothingCreated();
    }

    [PostgresFact]
    public void An_account_that_may_only_select_reads_everything()
    {
        CreateFilledStore();
        AssertReadOnlyAccountReadsEverything();
    }
}
