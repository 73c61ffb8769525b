using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// A change column in a database server's source (its own date, time-zone and integer types, its own SQL for the
/// window, the retried keys and the key scan): the window reads what changed, a failed row is retried by key, a
/// deleted row is found, whatever the column's type.
/// </summary>
public abstract class ServerChangeColumnTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SyncStore _store;
    protected abstract DbKind ErpProvider { get; }
    protected abstract string ErpConnectionString { get; }
    protected abstract string IntegerKey { get; }

    protected ServerChangeColumnTests() => _store = SyncStore.Open(StoreLocation.Parse(_dir.File("store.db")));

    private DbConnection Erp()
    {
        var c = ErpProvider.Provider().CreateConnection(ErpConnectionString);
        c.Open();
        return c;
    }

    private DbConnection Crm()
    {
        var c = new SqliteConnection("Data Source=" + _dir.File("crm.db") + ";Pooling=false");
        c.Open();
        return c;
    }

    /// <summary>Twenty orders, each changed one hour after the one before; a CRM with a lookup of order states.</summary>
    protected async Task Scenario(string changeType, Func<int, object> changeValue, Func<int, object> later)
    {
        using (var erp = Erp())
        {
            erp.Execute($"CREATE TABLE pedido (id {IntegerKey} PRIMARY KEY, nota VARCHAR(20) NOT NULL, estado VARCHAR(5) NOT NULL, cambio {changeType} NULL)");
            for (var i = 1; i <= 20; i++) erp.Execute("INSERT INTO pedido VALUES (@i, @n, 'A', @c)", new { i, n = "Pedido " + i, c = changeValue(i) });
        }
        using (var crm = Crm())
            crm.Execute(@"CREATE TABLE estado (codigo TEXT PRIMARY KEY, id INTEGER NOT NULL); INSERT INTO estado VALUES ('A', 1);
                CREATE TABLE pedido (id INTEGER PRIMARY KEY AUTOINCREMENT, origen INTEGER UNIQUE NOT NULL, nota TEXT NOT NULL, estado_id INTEGER NOT NULL)");
        _store.SaveConnection(new SyncConnection { Name = "ERP", Provider = ErpProvider.ToString(), ConnectionString = ErpConnectionString }, replace: true);
        _store.SaveConnection(new SyncConnection { Name = "CRM", Provider = DbKind.Sqlite.ToString(), ConnectionString = "Data Source=" + _dir.File("crm.db") }, replace: true);
        var line = new SyncLine
        {
            Name = "Pedidos", Source = "ERP", SourceTable = "pedido", Target = "CRM", TargetTable = "pedido", TargetId = "id",
            Key = { "id" }, TargetKey = { "origen" }, ChangeColumn = "cambio", DeletePolicy = DeletePolicy.Delete, BatchSize = 4,
            Columns =
            {
                new() { TargetColumn = "origen", SourceColumn = "id" },
                new() { TargetColumn = "nota", SourceColumn = "nota" },
                new() { TargetColumn = "estado_id", Kind = MappingKind.Lookup, SourceColumn = "estado", LookupTable = "estado", LookupMatch = "codigo", LookupValue = "id" },
            },
        };
        _store.AddLine(line);

        Assert.Equal(20, (await Sync(line)).Read);
        Assert.NotNull(_store.GetChangeMark(line.Id));
        using (var erp = Erp())
        {
            erp.Execute("UPDATE pedido SET nota = 'Cambiado', cambio = @c WHERE id = 3", new { c = later(1) });
            erp.Execute("UPDATE pedido SET estado = 'X', cambio = @c WHERE id = 4", new { c = later(2) });
            erp.Execute("DELETE FROM pedido WHERE id = 5");
        }
        var verbose = new List<string>();
        var second = await Sync(line, verbose);
        // The window runs in the database: nothing of it is left for memory.
        Assert.Contains(verbose, v => v.Contains("reading the source with", StringComparison.Ordinal) && v.Contains("ORDER BY", StringComparison.Ordinal));
        Assert.DoesNotContain(verbose, v => v.Contains("in memory", StringComparison.Ordinal));
        Assert.Equal((1L, 1L, 1L), (second.Updated, second.Failed, second.Deleted));
        Assert.InRange(second.Read, 2, 3); // the two changed rows, and the newest other one when inside the overlap
        using (var crm = Crm()) crm.Execute("INSERT INTO estado VALUES ('X', 2)");
        var third = await Sync(line);
        Assert.Equal((1L, 0L), (third.Updated, third.Failed)); // row 4, retried by key though its change value did not move
        using (var crm = Crm())
        {
            Assert.Equal("Cambiado", crm.ExecuteScalar<string>("SELECT nota FROM pedido WHERE origen = 3"));
            Assert.Equal(2, crm.ExecuteScalar<long>("SELECT estado_id FROM pedido WHERE origen = 4"));
            Assert.Equal(19, crm.ExecuteScalar<long>("SELECT COUNT(*) FROM pedido"));
        }
    }

    private async Task<SyncRun> Sync(SyncLine line, List<string>? verbose = null)
    {
        SyncRun? run = null;
        var options = new SyncOptions { OnVerbose = verbose is null ? null : verbose.Add };
        await foreach (var _ in new SyncEngine(_store, ConnectionOpener.WithoutCredentials).RunAsync(line, options, null, r => run = r, default)) { }
        return run!;
    }

    protected static readonly DateTime First = new(2025, 3, 1, 8, 0, 0);

    public virtual void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

public sealed class PostgresChangeColumnTests : ServerChangeColumnTests
{
    private readonly PostgresDatabase _db = new();
    protected override DbKind ErpProvider => DbKind.PostgreSql;
    protected override string ErpConnectionString => _db.ConnectionString;
    protected override string IntegerKey => "INTEGER";

    [PostgresFact]
    public Task A_timestamp_column() => Scenario("TIMESTAMP", i => First.AddHours(i), i => First.AddDays(2).AddMinutes(i));

    [PostgresFact]
    public Task A_timestamp_with_time_zone_column() =>
        Scenario("TIMESTAMPTZ", i => new DateTimeOffset(First.AddHours(i), TimeSpan.Zero), i => new DateTimeOffset(First.AddDays(2).AddMinutes(i), TimeSpan.Zero));

    [PostgresFact]
    public Task A_version_number_column() => Scenario("BIGINT", i => (long)i * 10, i => 1000L + i);

    public override void Dispose()
    {
        base.Dispose();
        Npgsql.NpgsqlConnection.ClearAllPools();
        _db.Dispose();
    }
}

public sealed class MariaDbChangeColumnTests : ServerChangeColumnTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind ErpProvider => DbKind.MariaDb;
    protected override string ErpConnectionString => _db.ConnectionString;
    protected override string IntegerKey => "INT";

    [MariaDbFact]
    public Task A_datetime_column() => Scenario("DATETIME(6)", i => First.AddHours(i), i => First.AddDays(2).AddMinutes(i));

    [MariaDbFact]
    public Task A_version_number_column() => Scenario("BIGINT", i => (long)i * 10, i => 1000L + i);

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
