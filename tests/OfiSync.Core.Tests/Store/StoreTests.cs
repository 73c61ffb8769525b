using Dapper;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Store;

/// <summary>The same store suite against each database a store can live in.</summary>
public abstract class StoreTests : IDisposable
{
    protected abstract StoreLocation Location { get; }
    public abstract void Dispose();

    private SyncStore Open() => SyncStore.Open(Location);

    private static SyncConnection Connection(string name) => new()
    {
        Name = name, Provider = DbKind.PostgreSql.ToString(), ConnectionString = "Host=erp;Database=erp;Username=sync",
        CredentialSource = CredentialSource.Environment, CredentialName = "ERP_PASSWORD",
    };

    /// <summary>A line saved in the store with its two connections: its id, for tests of the state it keeps.</summary>
    protected static Guid AddedLine(SyncStore store, string name) => AddedLineFor(store, name);

    /// <summary>As <see cref="AddedLine"/>, for the other store suites.</summary>
    internal static Guid AddedLineFor(SyncStore store, string name)
    {
        if (store.GetConnection("ERP") is null) store.SaveConnection(Connection("ERP"), replace: false);
        if (store.GetConnection("CRM") is null) store.SaveConnection(Connection("CRM"), replace: false);
        var line = Line(name);
        store.AddLine(line);
        return line.Id;
    }

    private static SyncLine Line(string name, params string[] dependsOn) => new()
    {
        Name = name, Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "cuenta",
        Key = { "codigo" }, TargetKey = { "codigo" }, DependsOn = dependsOn.ToList(),
        Columns =
        {
            new ColumnMapping { TargetColumn = "codigo", SourceColumn = "codigo" },
            new ColumnMapping { TargetColumn = "estado", Kind = MappingKind.Constant, Constant = "Cliente" },
            new ColumnMapping { TargetColumn = "sector_id", Kind = MappingKind.Lookup, SourceColumn = "sector_codigo", LookupTable = "sector", LookupMatch = "codigo_origen", LookupValue = "id" },
        },
        Filter = "poblacion -eq 'Madrid'", DeletePolicy = DeletePolicy.Flag, FlagColumn = "estado", FlagValue = "Inactivo",
    };

    [Fact]
    public void A_new_store_is_at_the_current_schema_version_and_reopens()
    {
        Assert.Equal(StoreSchema.CurrentVersion, Open().SchemaVersion);
        Assert.Equal(StoreSchema.CurrentVersion, Open().SchemaVersion);
    }

    [Fact]
    public void A_version_1_store_is_upgraded_in_place_and_keeps_its_runs_each_a_sync_of_its_own()
    {
        var provider = Location.Provider;
        using (var c = provider.CreateConnection(Location.ConnectionString))
        {
            c.Open();
            c.Execute(provider.Store.MetaTableDdl);
            foreach (var statement in StoreSchema.Step(1, provider.Store)) c.Execute(statement);
            c.Execute("INSERT INTO ofisync_meta (name, value) VALUES ('schema_version', '1')");
            c.Execute("INSERT INTO ofisync_run (line_id, line_name, mode, status, started, deleted) VALUES (@id, 'Clientes', 'Incremental', 'Succeeded', @t, 3)",
                new { id = provider.Store.Id(Guid.NewGuid()), t = DateTime.UtcNow });
        }
        var store = Open();
        Assert.Equal(StoreSchema.CurrentVersion, store.SchemaVersion);
        var run = Assert.Single(store.GetRuns());
        Assert.Equal(("Clientes", 3L, 0L, (Guid?)null), (run.Line, run.Deleted, run.Flagged, run.SyncId));
        Assert.Equal(run.RunId, Assert.Single(store.GetLastSync()).RunId);
    }

    [Fact]
    public void A_version_2_store_is_upgraded_in_place_and_keeps_each_line_state_and_its_status()
    {
        var provider = Location.Provider;
        var (clientes, sectores) = (Line("Clientes"), Line("Sectores"));
        var hash = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using (var c = provider.CreateConnection(Location.ConnectionString))
        {
            c.Open();
            c.Execute(provider.Store.MetaTableDdl);
            foreach (var version in new[] { 1, 2 })
                foreach (var statement in StoreSchema.Step(version, provider.Store)) c.Execute(statement);
            c.Execute("INSERT INTO ofisync_meta (name, value) VALUES ('schema_version', '2')");
            var order = 0;
            foreach (var line in new[] { clientes, sectores })
                c.Execute("INSERT INTO ofisync_line (line_id, name_key, name, sort_order, definition, modified) VALUES (@id, @k, @n, @o, @d, @t)",
                    new { id = provider.Store.Id(line.Id), k = line.Name.ToUpperInvariant(), n = line.Name, o = order++, d = LineJson.Serialize(line), t = DateTime.UtcNow });
            foreach (var (line, key, h, id, status) in new[]
                     {
                         (clientes, "1", hash, "101", "Succeeded"), (clientes, "2", null, "102", "Failed"),
                         (clientes, "3", null, null, "Pending"), (sectores, "1", hash, "7", "Succeeded"),
                     })
                c.Execute("INSERT INTO ofisync_row_state (line_id, source_key, row_hash, target_key, status, run_id, updated) VALUES (@id, @key, @h, @tid, @status, 1, @t)",
                    new { id = provider.Store.Id(line.Id), key, h, tid = id, status, t = DateTime.UtcNow });
        }
        var store = Open();
        Assert.Equal(StoreSchema.CurrentVersion, store.SchemaVersion);
        var states = store.GetStates(clientes.Id, ["1", "2", "3"]);
        Assert.Equal(new RowState("1", null, "101", StateStatus.Succeeded), states["1"] with { Hash = null });
        Assert.Equal(hash, states["1"].Hash);
        Assert.Equal(new RowState("2", null, "102", StateStatus.Failed), states["2"]);
        Assert.Equal(new RowState("3", null, null, StateStatus.Pending), states["3"]);
        Assert.Equal("7", store.GetStates(sectores.Id, ["1"])["1"].TargetId);
        // A line added after the upgrade gets a number of its own: its state is apart from the carried ones.
        var added = AddedLine(store, "Sectores2");
        Assert.Empty(store.GetStates(added, ["1"]));
        store.MarkPending(added, ["1"]);
        Assert.Equal(3, store.CountStates(clientes.Id));
        Assert.Equal(1, store.CountStates(sectores.Id));
        Assert.Equal(1, store.CountStates(added));
    }

    [Fact]
    public void Lines_round_trip_with_every_field()
    {
        var store = Open();
        store.SaveConnection(Connection("ERP"), replace: false);
        store.SaveConnection(Connection("CRM"), replace: false);
        var line = Line("Clientes");
        store.AddLine(line);
        var back = store.GetLine("clientes")!;
        Assert.Equal(LineJson.Serialize(line), LineJson.Serialize(back));
        Assert.Equal("Cliente", back.Columns[1].Constant);
        Assert.Equal(MappingKind.Lookup, back.Columns[2].Kind);
        Assert.Equal("Inactivo", back.FlagValue);
    }

    [Fact]
    public void A_duplicate_name_is_refused_whatever_its_case_and_the_store_is_unchanged()
    {
        var store = Open();
        store.AddLine(Line("Clientes"));
        var ex = Assert.Throws<StoreException>(() => store.AddLine(Line("CLIENTES")));
        Assert.Equal(StoreErrorKind.AlreadyExists, ex.Kind);
        Assert.Single(store.GetLines());
    }

    [Fact]
    public void A_rename_keeps_the_line_identity()
    {
        var store = Open();
        var line = Line("Clientes");
        store.AddLine(line);
        line.Name = "Cuentas";
        store.UpdateLine(line);
        Assert.Null(store.GetLine("Clientes"));
        Assert.Equal(line.Id, store.GetLine("Cuentas")!.Id);
    }

    [Fact]
    public void Renaming_onto_another_line_is_refused()
    {
        var store = Open();
        store.AddLine(Line("A"));
        var b = Line("B");
        store.AddLine(b);
        b.Name = "a";
        Assert.Equal(StoreErrorKind.AlreadyExists, Assert.Throws<StoreException>(() => store.UpdateLine(b)).Kind);
        Assert.Equal("B", store.GetLine("B")!.Name);
    }

    [Fact]
    public void Lines_come_back_in_run_order()
    {
        var store = Open();
        var late = Line("Zeta"); late.Order = 1;
        var early = Line("Alfa"); early.Order = 2;
        store.AddLine(early);
        store.AddLine(late);
        Assert.Equal(new[] { "Zeta", "Alfa" }, store.GetLines().Select(l => l.Name));
    }

    [Fact]
    public void Removing_a_line_removes_it()
    {
        var store = Open();
        var line = Line("Clientes");
        store.AddLine(line);
        store.RemoveLine(line);
        Assert.Empty(store.GetLines());
        Assert.Equal(StoreErrorKind.NotFound, Assert.Throws<StoreException>(() => store.RemoveLine(line)).Kind);
    }

    [Fact]
    public void Connections_are_saved_replaced_only_when_asked_and_kept_while_used()
    {
        var store = Open();
        store.SaveConnection(Connection("ERP"), replace: false);
        Assert.Equal(StoreErrorKind.AlreadyExists, Assert.Throws<StoreException>(() => store.SaveConnection(Connection("erp"), replace: false)).Kind);
        var changed = Connection("ERP");
        changed.ConnectionString = "Host=other";
        store.SaveConnection(changed, replace: true);
        Assert.Equal("Host=other", store.GetConnection("ERP")!.ConnectionString);
        store.AddLine(Line("Clientes"));
        var inUse = Assert.Throws<StoreException>(() => store.RemoveConnection("ERP"));
        Assert.Equal(StoreErrorKind.InUse, inUse.Kind);
        Assert.Contains("Clientes", inUse.Message);
        Assert.NotNull(store.GetConnection("ERP"));
    }

    [Fact]
    public async Task A_line_run_lock_has_one_holder_at_a_time_and_is_free_again_once_released()
    {
        var id = Guid.NewGuid();
        var first = await Open().TryLockLineAsync(id, TimeSpan.Zero, default);
        Assert.NotNull(first);
        Assert.Null(await Open().TryLockLineAsync(id, TimeSpan.FromMilliseconds(300), default));
        var otherLine = await Open().TryLockLineAsync(Guid.NewGuid(), TimeSpan.Zero, default);
        Assert.NotNull(otherLine);
        await otherLine!.DisposeAsync();
        await first!.DisposeAsync();
        var again = await Open().TryLockLineAsync(id, TimeSpan.Zero, default);
        Assert.NotNull(again);
        await again!.DisposeAsync();
    }

    [Fact]
    public void A_store_written_by_a_newer_module_is_refused_and_left_as_it_was()
    {
        var store = Open();
        store.AddLine(Line("Clientes"));
        using (var c = store.OpenConnection())
            c.Execute("UPDATE ofisync_meta SET value = '99' WHERE name = 'schema_version'");
        var ex = Assert.Throws<StoreException>(() => Open());
        Assert.Equal(StoreErrorKind.NewerSchema, ex.Kind);
        Assert.Contains("99", ex.Message);
        Assert.Contains("Update the OfiSync module", ex.Message);
        using var check = store.OpenConnection();
        Assert.Equal("99", check.QueryFirst<string>("SELECT value FROM ofisync_meta WHERE name = 'schema_version'"));
        Assert.Equal(1, check.QueryFirst<int>("SELECT COUNT(*) FROM ofisync_line"));
    }
}

public sealed class SqliteStoreTests : StoreTests
{
    private readonly TempDirectory _dir = new();
    protected override StoreLocation Location => StoreLocation.Parse(_dir.File("store.db"));
    public override void Dispose() => _dir.Dispose();

    [Fact]
    public void The_store_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        SyncStore.Open(StoreLocation.Parse(_dir.File("sub/folder/store.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File("sub/folder/store.db")));
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_refused_with_its_path()
    {
        var path = _dir.File("notes.txt");
        File.WriteAllText(path, new string('x', 4096));
        var ex = Assert.Throws<StoreException>(() => SyncStore.Open(StoreLocation.Parse(path)));
        Assert.Equal(StoreErrorKind.Unreadable, ex.Kind);
        Assert.Contains(path, ex.Message);
        Assert.Equal(new string('x', 4096), File.ReadAllText(path));
    }

    [Fact]
    public void Store_locations_parse_files_and_server_databases()
    {
        Assert.Same(DatabaseProviders.Sqlite, StoreLocation.Parse("/tmp/x.db").Provider);
        Assert.Same(DatabaseProviders.Sqlite, StoreLocation.Parse("C:\\data\\x.db").Provider);
        var pg = StoreLocation.Parse("PostgreSql:Host=h;Database=d;Username=u;Password=p4ss");
        Assert.Same(DatabaseProviders.PostgreSql, pg.Provider);
        Assert.DoesNotContain("p4ss", pg.ToString());
        Assert.Same(DatabaseProviders.SqlServer, StoreLocation.Parse("sqlserver:Server=.;Database=d;Integrated Security=true").Provider);
    }
}

public sealed class PostgresStoreTests : StoreTests
{
    private readonly PostgresDatabase _db = new();
    protected override StoreLocation Location => StoreLocation.Parse("PostgreSql:" + _db.ConnectionString);
    public override void Dispose() => _db.Dispose();
}
