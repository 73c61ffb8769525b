using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Engine;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// The full-load path of the target writers: rows the state says are new go by the database's plain bulk insert, and a
/// target that already holds them (the store lost its state) makes that insert fall back to the upsert, with every row
/// written once and its own result. The run's WritePaths say which way the rows went.
/// </summary>
public abstract class WriterFastPathTests : EngineTestBed
{
    private async Task<(List<RowResult> Results, SyncRun Run)> RunWithSummary(OfiSync.Core.Lines.SyncLine line)
    {
        SyncRun? summary = null;
        var results = await Run(line, null, s => summary = s);
        return (results, summary!);
    }

    protected Dictionary<string, string> CrmIds(string table = "cuenta") =>
        CrmRows($"SELECT codigo, id FROM {table}").ToDictionary(r => (string)r.codigo, r => (string)Convert.ToString(r.id, System.Globalization.CultureInfo.InvariantCulture));

    private void AssertNoDuplicates(string table = "cuenta") =>
        Assert.Empty(CrmRows($"SELECT codigo FROM {table} GROUP BY codigo HAVING COUNT(*) > 1"));

    /// <summary>The store forgets every row it knew (a store lost or recreated over a target that holds the rows).</summary>
    protected void LoseState(IEnumerable<string>? keys = null)
    {
        using var store = new SqliteConnection($"Data Source={Dir.File("store.db")};Pooling=false");
        store.Open();
        if (keys is null) store.Execute("DELETE FROM ofisync_state");
        else foreach (var key in keys) store.Execute("DELETE FROM ofisync_state WHERE source_key = @key", new { key });
    }

    [Fact]
    public async Task A_first_load_takes_the_bulk_path_and_writes_every_row_once_with_its_crm_id()
    {
        Setup(50);
        await Run(Sectores());
        var (results, run) = await RunWithSummary(Clientes(l => l.BatchSize = 20));
        Assert.Equal((50L, 0L, 0L), (run.WritePaths.BulkInserted, run.WritePaths.Upserted, run.WritePaths.FellBack));
        Assert.All(results, r => Assert.Equal(RowStatus.Succeeded, r.Status));
        var ids = CrmIds();
        Assert.Equal(50, ids.Count);
        Assert.All(results, r => Assert.Equal(ids[r.Key], r.TargetId));
        Assert.Equal(50, ids.Values.Distinct().Count());
        Assert.Empty(await Run(Clientes(l => l.BatchSize = 20)));
    }

    [Fact]
    public async Task A_store_that_lost_its_state_falls_back_to_the_upsert_without_duplicates_and_with_exact_results()
    {
        Setup(50);
        await Run(Sectores());
        var line = Clientes(l => l.BatchSize = 20);
        await Run(line);
        var before = CrmIds();
        LoseState();
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET poblacion = 'Cádiz' WHERE codigo = @c", new { c = Code(7) });
        var (results, run) = await RunWithSummary(line);
        Assert.Equal(50, results.Count);
        Assert.All(results, r => Assert.Equal((RowAction.Insert, RowStatus.Succeeded), (r.Action, r.Status)));
        Assert.Equal((0L, 50L, 50L), (run.WritePaths.BulkInserted, run.WritePaths.Upserted, run.WritePaths.FellBack));
        AssertNoDuplicates();
        Assert.Equal(before, CrmIds());
        Assert.All(results, r => Assert.Equal(before[r.Key], r.TargetId));
        Assert.Equal("Cádiz", (string)CrmRows().Single(r => r.codigo == Code(7)).poblacion);
        Assert.Empty(await Run(line));
    }

    [Fact]
    public async Task A_batch_mixing_new_changed_and_forgotten_keys_writes_each_row_once()
    {
        Setup(30);
        await Run(Sectores());
        var line = Clientes(l => l.BatchSize = 100);
        await Run(line);
        var before = CrmIds();
        using (var erp = Erp())
        {
            erp.Execute("UPDATE cliente SET saldo = 1 WHERE codigo IN (@a, @b)", new { a = Code(3), b = Code(4) });
            for (var i = 31; i <= 40; i++)
                erp.Execute("INSERT INTO cliente VALUES (@c, 'Nuevo', NULL, 'Madrid', 'HOT', '2024-01-01', 5, 1)", new { c = Code(i) });
        }
        // Only new and changed rows: the new ones by the plain insert, the changed ones by the upsert.
        var (results, run) = await RunWithSummary(line);
        Assert.Equal(12, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.Equal((10L, 2L, 0L), (run.WritePaths.BulkInserted, run.WritePaths.Upserted, run.WritePaths.FellBack));
        var ids = CrmIds();
        Assert.All(results, r => Assert.Equal(ids[r.Key], r.TargetId));

        // New keys beside keys the store forgot: the plain insert meets a duplicate and its part goes through the upsert.
        using (var erp = Erp())
        {
            erp.Execute("UPDATE cliente SET saldo = 2 WHERE codigo = @c", new { c = Code(5) });
            for (var i = 41; i <= 45; i++)
                erp.Execute("INSERT INTO cliente VALUES (@c, 'Nuevo', NULL, 'Madrid', 'HOT', '2024-01-01', 5, 1)", new { c = Code(i) });
        }
        LoseState([Code(1), Code(2)]);
        (results, run) = await RunWithSummary(line);
        Assert.Equal(8, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.Equal(8, results.Count);
        Assert.Equal(0, run.WritePaths.BulkInserted + run.WritePaths.Upserted - 8);
        // SQLite falls back row by row (the two forgotten rows); the others retry the inserted part as a whole (7 rows).
        Assert.Equal(CrmProvider == DbKind.Sqlite ? 2 : 7, run.WritePaths.FellBack);
        AssertNoDuplicates();
        ids = CrmIds();
        Assert.Equal(45, ids.Count);
        Assert.Equal(before[Code(1)], ids[Code(1)]);
        Assert.All(results, r => Assert.Equal(ids[r.Key], r.TargetId));
        Assert.Equal(2m, Convert.ToDecimal(CrmRows().Single(r => r.codigo == Code(5)).saldo));
        Assert.Empty(await Run(line));
    }

    [Fact]
    public async Task A_row_that_fails_in_the_bulk_insert_fails_alone_with_its_reason_and_the_rest_goes_through()
    {
        Setup(12);
        using (var crm = Crm())
            crm.Execute("CREATE TABLE cuenta_chk (codigo VARCHAR(20) NOT NULL UNIQUE, poblacion VARCHAR(40) CHECK (poblacion <> 'Ávila'), nif VARCHAR(12) NOT NULL)");
        var line = Clientes(l =>
        {
            l.Name = "ClientesChk"; l.TargetTable = "cuenta_chk"; l.TargetId = null; l.DependsOn.Clear(); l.BatchSize = 100;
            l.Columns = new() { new() { TargetColumn = "codigo", SourceColumn = "codigo" }, new() { TargetColumn = "poblacion", SourceColumn = "poblacion" },
                                new() { TargetColumn = "nif", SourceColumn = "nif" } };
        });
        var (results, run) = await RunWithSummary(line);
        var failed = results.Where(r => r.Status == RowStatus.Failed).ToDictionary(r => r.Key);
        // Ávila fails the CHECK (customers 1, 5, 9); customer 10 has no NIF, which the CRM requires.
        Assert.Equal(new[] { Code(1), Code(5), Code(9), Code(10) }, failed.Keys.Order(StringComparer.Ordinal));
        Assert.All(new[] { Code(1), Code(5), Code(9) }, k => Assert.Equal("poblacion", failed[k].Column));
        Assert.All(new[] { Code(1), Code(5), Code(9) }, k => Assert.StartsWith("poblacion = 'Ávila': ", failed[k].Error));
        Assert.Equal("nif", failed[Code(10)].Column);
        Assert.StartsWith("nif = NULL: ", failed[Code(10)].Error);
        Assert.Equal(8, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.Equal((8L, 0L), (run.WritePaths.BulkInserted, run.WritePaths.FellBack));
        Assert.Equal(8, CrmRows("SELECT codigo FROM cuenta_chk").Count);
    }

    [Fact]
    public async Task A_run_stopped_between_batches_loses_nothing_and_the_next_run_inserts_the_rest_once()
    {
        Setup(200);
        await Run(Sectores());
        var line = Clientes(l => l.BatchSize = 10);
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        SyncRun? summary = null;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Engine().RunAsync(line, new SyncOptions(), null, s => summary = s, cancel.Token))
                if (++seen == 35) cancel.Cancel();
        });
        Assert.Equal("Stopped", summary!.Status.ToString());
        var written = CrmRows().Count;
        Assert.Equal(written, Store.CountStates(line.Id));
        Assert.Equal(written, summary.WritePaths.BulkInserted);
        var (rest, run) = await RunWithSummary(line);
        Assert.Equal(200 - written, rest.Count);
        Assert.Equal((200L - written, 0L), (run.WritePaths.BulkInserted, run.WritePaths.FellBack));
        AssertNoDuplicates();
        var ids = CrmIds();
        Assert.Equal(200, ids.Count);
        Assert.All(rest, r => Assert.Equal(ids[r.Key], r.TargetId));
    }

    /// <summary>A plain INSERT into a table that does not reject a second row with the key would write the row twice.</summary>
    [Fact]
    public async Task A_target_without_a_unique_key_never_gets_a_row_twice_when_the_store_lost_its_state()
    {
        Setup(20);
        var id = CrmProvider switch { DbKind.PostgreSql => "id SERIAL PRIMARY KEY", DbKind.MariaDb => "id INT AUTO_INCREMENT PRIMARY KEY", _ => "id INTEGER PRIMARY KEY AUTOINCREMENT" };
        using (var crm = Crm()) crm.Execute($"CREATE TABLE cuenta_nu ({id}, codigo VARCHAR(20) NOT NULL, razon_social VARCHAR(100))");
        var line = Clientes(l =>
        {
            l.Name = "ClientesNu"; l.TargetTable = "cuenta_nu"; l.DependsOn.Clear(); l.BatchSize = 8;
            l.Columns = new() { new() { TargetColumn = "codigo", SourceColumn = "codigo" }, new() { TargetColumn = "razon_social", SourceColumn = "razon_social" } };
        });
        await Run(line);
        var before = CrmIds("cuenta_nu");
        Assert.Equal(20, before.Count);
        LoseState();
        SyncRun? summary = null;
        var results = await Run(line, null, s => summary = s);
        Assert.All(results, r => Assert.Equal(RowStatus.Succeeded, r.Status));
        Assert.Equal(0L, summary!.WritePaths.BulkInserted);
        AssertNoDuplicates("cuenta_nu");
        Assert.Equal(before, CrmIds("cuenta_nu"));
        Assert.All(results, r => Assert.Equal(before[r.Key], r.TargetId));
    }
}

public sealed class SqliteWriterFastPathTests : WriterFastPathTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db") + ";Foreign Keys=True";
}

public sealed class PostgresWriterFastPathTests : WriterFastPathTests
{
    private readonly PostgresDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.PostgreSql;
    protected override string CrmConnectionString => _db.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

public sealed class MariaDbWriterFastPathTests : WriterFastPathTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.MariaDb;
    protected override string CrmConnectionString => _db.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
