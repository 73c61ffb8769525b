using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>Planning, diffing and writing: the same suite into a SQLite CRM and into a PostgreSQL CRM.</summary>
public abstract class EngineTests : EngineTestBed
{
    [Fact]
    public async Task A_first_run_inserts_every_row_and_records_the_crm_ids()
    {
        Setup(30);
        await Run(Sectores());
        SyncRun? summary = null;
        var results = await Run(Clientes(), finished: s => summary = s);
        Assert.Equal(30, results.Count);
        Assert.All(results, r => Assert.Equal((RowAction.Insert, RowStatus.Succeeded), (r.Action, r.Status)));
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.TargetId)));
        Assert.Equal(30, summary!.Inserted);
        Assert.Equal("Succeeded", summary.Status.ToString());
        var rows = CrmRows();
        Assert.Equal(30, rows.Count);
        var first = rows.Single(r => r.codigo == Code(1));
        Assert.Equal("Cliente Ñandú 1, S.L.", (string)first.razon_social);
        Assert.Equal("Cliente", (string)first.estado);
        Assert.Equal(100.25m, Convert.ToDecimal(first.saldo));
        var sectorId = CrmRows("SELECT id FROM sector WHERE codigo_origen = 'AGE'").Single().id;
        Assert.Equal(Convert.ToInt64(sectorId), Convert.ToInt64(first.sector_id));
        Assert.Equal(new DateTime(2024, 2, 2), Convert.ToDateTime(first.fecha_alta));
        Assert.Null(rows.Single(r => r.codigo == Code(10)).nif);
        Assert.Equal(Store.GetStates(Store.GetLine("Clientes")!.Id, new[] { Code(1) })[Code(1)].TargetId, Convert.ToString(first.id));
    }

    [Fact]
    public async Task A_rerun_with_nothing_changed_sends_nothing_and_a_change_sends_only_that_row()
    {
        Setup(20);
        await Run(Sectores());
        var line = Clientes();
        await Run(line);
        SyncRun? summary = null;
        Assert.Empty(await Run(line, finished: s => summary = s));
        Assert.Equal(20, summary!.Unchanged);
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET poblacion = 'Cádiz' WHERE codigo IN (@a, @b)", new { a = Code(3), b = Code(4) });
        var results = await Run(line);
        Assert.Equal(new[] { Code(3), Code(4) }, results.Select(r => r.Key));
        Assert.All(results, r => Assert.Equal(RowAction.Update, r.Action));
        Assert.Equal("Cádiz", (string)CrmRows().Single(r => r.codigo == Code(3)).poblacion);
    }

    [Fact]
    public async Task A_numeric_column_whose_first_row_holds_a_whole_number_keeps_its_type_and_nothing_is_resent()
    {
        Setup(12);
        await Run(Sectores());
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET saldo = 100 WHERE codigo = @c", new { c = Code(1) });
        var line = Clientes();
        Assert.All(await Run(line), r => Assert.Equal(RowStatus.Succeeded, r.Status));
        Assert.Empty(await Run(line));
        Assert.Equal(100.25m * 2, Convert.ToDecimal(CrmRows().Single(r => r.codigo == Code(2)).saldo));
    }

    [Fact]
    public async Task Sync_all_writes_every_row_again_as_an_upsert_without_duplicates()
    {
        Setup(15);
        await Run(Sectores());
        var line = Clientes();
        await Run(line);
        using (var crm = Crm()) crm.Execute("UPDATE cuenta SET poblacion = 'edited in the CRM'");
        var results = await Run(line, new SyncOptions { All = true });
        Assert.Equal(15, results.Count(r => r.Status == RowStatus.Succeeded));
        var rows = CrmRows();
        Assert.Equal(15, rows.Count);
        Assert.DoesNotContain(rows, r => r.poblacion == "edited in the CRM");
    }

    [Fact]
    public async Task A_row_whose_lookup_finds_nothing_fails_alone_and_is_retried_next_time()
    {
        Setup(12);
        await Run(Sectores());
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET sector_codigo = 'XXX' WHERE codigo = @c", new { c = Code(5) });
        var line = Clientes();
        var results = await Run(line);
        var failed = Assert.Single(results, r => r.Status == RowStatus.Failed);
        Assert.Equal(Code(5), failed.Key);
        Assert.Equal("sector_id", failed.Column);
        Assert.Contains("'XXX'", failed.Error);
        Assert.Equal(11, CrmRows().Count);
        using (var erp = Erp()) erp.Execute("INSERT INTO sector VALUES ('XXX', 'Otros')");
        await Run(Store.GetLine("Sectores")!);
        var retry = await Run(line);
        Assert.Equal(Code(5), Assert.Single(retry).Key);
        Assert.Equal(RowStatus.Succeeded, retry[0].Status);
    }

    [Fact]
    public async Task A_unique_violation_in_the_target_fails_only_that_row_and_names_the_column()
    {
        Setup(14);
        await Run(Sectores());
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET nif = 'B00000002' WHERE codigo = @c", new { c = Code(9) });
        var results = await Run(Clientes());
        var failed = Assert.Single(results, r => r.Status == RowStatus.Failed);
        Assert.Contains(failed.Key, new[] { Code(2), Code(9) });
        Assert.Equal("nif", failed.Column);
        Assert.Contains("B00000002", failed.Error);
        Assert.Equal(13, CrmRows().Count);
    }

    [Fact]
    public async Task A_check_constraint_failure_names_the_constraint_and_the_column_it_reads()
    {
        Setup(6);
        using (var crm = Crm())
            crm.Execute(@"CREATE TABLE cuenta_chk (codigo VARCHAR(20) NOT NULL UNIQUE, poblacion VARCHAR(40) CHECK (poblacion <> 'Ávila'),
                saldo NUMERIC(12,2), CONSTRAINT ck_saldo_positivo CHECK (saldo >= 0))");
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET saldo = -5 WHERE codigo = @c", new { c = Code(2) });
        var line = Clientes(l =>
        {
            l.Name = "ClientesChk"; l.TargetTable = "cuenta_chk"; l.TargetId = null; l.DependsOn.Clear();
            l.Columns = new() { new() { TargetColumn = "codigo", SourceColumn = "codigo" }, new() { TargetColumn = "poblacion", SourceColumn = "poblacion" },
                                new() { TargetColumn = "saldo", SourceColumn = "saldo" } };
        });
        var results = await Run(line);
        var failed = results.Where(r => r.Status == RowStatus.Failed).ToDictionary(r => r.Key);
        Assert.Equal(new[] { Code(1), Code(2), Code(5) }, failed.Keys.Order());
        // A named constraint: its name and its column.
        Assert.Equal("saldo", failed[Code(2)].Column);
        Assert.Contains("ck_saldo_positivo", failed[Code(2)].Error);
        Assert.StartsWith("saldo = '-5", failed[Code(2)].Error);
        // An unnamed one: SQLite gives its expression, PostgreSQL the name it made up, MariaDB the table and column; the column either way.
        Assert.All(new[] { failed[Code(1)], failed[Code(5)] }, r =>
        {
            Assert.Equal("poblacion", r.Column);
            Assert.StartsWith("poblacion = 'Ávila': ", r.Error);
            Assert.Contains(CrmProvider switch { DbKind.Sqlite => "poblacion <> 'Ávila'", DbKind.MariaDb => "`cuenta_chk.poblacion`", _ => "cuenta_chk_poblacion_check" }, r.Error);
        });
        Assert.Equal(3, CrmRows("SELECT codigo FROM cuenta_chk").Count);
    }

    [Fact]
    public async Task A_value_that_does_not_fit_fails_its_row_naming_the_column()
    {
        Setup(8);
        await Run(Sectores());
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET saldo = 'mucho' WHERE codigo = @c", new { c = Code(4) });
        var results = await Run(Clientes());
        var failed = Assert.Single(results, r => r.Status == RowStatus.Failed);
        Assert.Equal("saldo", failed.Column);
        Assert.Contains("'mucho'", failed.Error);
        Assert.Equal(7, CrmRows().Count);
    }

    [Fact]
    public async Task Duplicate_and_null_source_keys_fail_and_everything_else_is_written()
    {
        Setup(6);
        await Run(Sectores());
        var line = Clientes(l =>
        {
            l.SourceTable = null;
            l.SourceQuery = "SELECT * FROM cliente UNION ALL SELECT * FROM cliente WHERE codigo = '430000003' UNION ALL SELECT NULL, 'Sin código', NULL, NULL, 'HOT', NULL, NULL, 1";
        });
        var results = await Run(line);
        Assert.Equal(2, results.Count(r => r.Status == RowStatus.Failed));
        Assert.Contains(results, r => r.Status == RowStatus.Failed && r.Error!.Contains("more than one row"));
        Assert.Contains(results, r => r.Status == RowStatus.Failed && r.Error!.Contains("NULL"));
        Assert.Equal(6, CrmRows().Count);
    }

    [Fact]
    public async Task The_preview_shows_inserts_and_updates_with_old_and_new_values_and_writes_nothing()
    {
        Setup(10);
        await Run(Sectores());
        var line = Clientes();
        var preview = await Preview(line);
        Assert.Equal(10, preview.Count);
        Assert.All(preview, p => Assert.Equal(RowAction.Insert, p.Action));
        Assert.Empty(CrmRows());
        await Run(line);
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET poblacion = 'Cádiz' WHERE codigo = @c", new { c = Code(2) });
        preview = await Preview(line);
        var update = Assert.Single(preview);
        Assert.Equal(RowAction.Update, update.Action);
        var change = Assert.Single(update.Changes);
        Assert.Equal(("poblacion", "A Coruña", "Cádiz"), (change.Column, change.Old as string, change.New as string));
        Assert.Equal(10, (await Preview(line, new SyncOptions { IncludeUnchanged = true })).Count);
    }

    [Fact]
    public async Task Applying_picked_rows_writes_those_rows_and_only_the_kept_columns()
    {
        Setup(10);
        await Run(Sectores());
        var line = Clientes();
        var preview = await Preview(line);
        var picked = preview.Where(p => (string?)p.Values[3] == "Madrid").Select(p => new SelectedRow
        {
            Key = p.Key, Action = p.Action,
            Values = p.Columns.Select((c, i) => (c, v: p.Values[i])).Where(x => x.c != "saldo").ToDictionary(x => x.c, x => x.v),
        }).ToList();
        var columns = line.Columns.Select(c => c.TargetColumn).Where(c => c != "saldo").ToList();
        var results = new List<RowResult>();
        await foreach (var r in Engine().ApplyAsync(line, picked, columns, new SyncOptions(), null, null, default)) results.Add(r);
        Assert.Equal(picked.Count, results.Count(r => r.Status == RowStatus.Succeeded));
        var rows = CrmRows();
        Assert.Equal(picked.Count, rows.Count);
        Assert.All(rows, r => Assert.Null(r.saldo));
        // Rows written without every column are sent again, whole, by the next run.
        var next = await Run(line);
        Assert.Equal(10, next.Count);
        Assert.All(CrmRows(), r => Assert.NotNull(r.saldo));
    }

    [Fact]
    public async Task The_line_filter_and_the_run_filter_both_apply_at_the_source()
    {
        Setup(40);
        await Run(Sectores());
        var line = Clientes(l => l.Filter = "poblacion -in 'Madrid', 'Ávila'");
        var results = await Run(line, new SyncOptions { Filter = "sector_id -ne $null -and razon_social -like '*1?, S.L.'" });
        var expected = Enumerable.Range(1, 40).Where(i => i % 4 is 0 or 1 && i.ToString().Length == 2 && i.ToString()[0] == '1').Select(Code).ToList();
        Assert.Equal(expected, results.Select(r => r.Key).OrderBy(k => k));
    }

    [Fact]
    public async Task Rows_gone_from_the_source_are_flagged_and_a_mass_delete_is_refused_without_force()
    {
        Setup(30);
        await Run(Sectores());
        var line = Clientes(l => { l.DeletePolicy = DeletePolicy.Flag; l.FlagColumn = "estado"; l.FlagValue = "Inactivo"; });
        await Run(line);
        using (var erp = Erp()) erp.Execute("DELETE FROM cliente WHERE codigo IN (@a, @b)", new { a = Code(7), b = Code(8) });
        var results = await Run(line);
        Assert.Equal(new[] { Code(7), Code(8) }, results.Where(r => r.Action == RowAction.Flag).Select(r => r.Key).OrderBy(k => k));
        Assert.Equal(2, CrmRows().Count(r => r.estado == "Inactivo"));
        Assert.Empty(await Run(line));

        using (var erp = Erp()) erp.Execute("DELETE FROM cliente WHERE codigo > @c", new { c = Code(20) });
        var ex = await Assert.ThrowsAsync<SyncLineException>(() => Run(line));
        Assert.Contains("safety cap", ex.Message);
        Assert.Equal(2, CrmRows().Count(r => r.estado == "Inactivo"));
        var forced = await Run(line, new SyncOptions { Force = true });
        Assert.Equal(10, forced.Count(r => r.Action == RowAction.Flag && r.Status == RowStatus.Succeeded));
        Assert.Equal(12, CrmRows().Count(r => r.estado == "Inactivo"));
    }

    [Fact]
    public async Task A_cancelled_run_keeps_its_committed_batches_and_the_next_run_completes_the_rest()
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
        Assert.InRange(written, 35, 199);
        Assert.Equal(written, Store.CountStates(line.Id));
        var rest = await Run(line);
        Assert.Equal(200 - written, rest.Count);
        Assert.Equal(200, CrmRows().Count);
        Assert.Empty(await Run(line));
    }

    [Fact]
    public async Task A_second_run_of_a_line_waits_for_the_first_and_then_fails_with_a_clear_error()
    {
        Setup(5);
        await Run(Sectores());
        var line = Clientes();
        await using (var held = await Store.TryLockLineAsync(line.Id, TimeSpan.Zero, default))
        {
            var ex = await Assert.ThrowsAsync<LineLockedException>(() => Run(line, new SyncOptions { LockTimeout = TimeSpan.FromMilliseconds(200) }));
            Assert.Contains("Another run of the line 'Clientes' is in progress", ex.Message);
            Assert.Empty(CrmRows());
        }
        Assert.Equal(5, (await Run(line)).Count);
    }

    [Fact]
    public async Task A_source_column_that_disappeared_fails_the_run_with_a_message_naming_it()
    {
        Setup(4);
        await Run(Sectores());
        var line = Clientes();
        using (var erp = Erp()) erp.Execute("ALTER TABLE cliente RENAME COLUMN nif TO cif");
        SyncRun? summary = null;
        var ex = await Assert.ThrowsAsync<SyncLineException>(() => Run(line, finished: s => summary = s));
        Assert.Contains("'nif'", ex.Message);
        Assert.Equal("Failed", summary!.Status.ToString());
        Assert.Contains("'nif'", Store.GetRuns("Clientes", last: 1).Single().Message);
    }

    [Fact]
    public async Task Run_history_keeps_counts_and_the_row_results()
    {
        Setup(9);
        await Run(Sectores());
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET saldo = 'x' WHERE codigo = @c", new { c = Code(1) });
        await Run(Clientes());
        var run = Store.GetRuns("clientes", last: 1).Single();
        Assert.Equal(("Incremental", "CompletedWithErrors", 8L, 1L, 9L), (run.Mode.ToString(), run.Status.ToString(), run.Inserted, run.Failed, run.Read));
        var failed = Store.GetRunRows(run.RunId, run.Line, RowStatus.Failed).ToList();
        Assert.Equal(Code(1), Assert.Single(failed).Key);
        Assert.Equal("saldo", failed[0].Column);
        Assert.Equal(9, Store.GetRunRows(run.RunId, run.Line).Count());
    }
}

public sealed class SqliteEngineTests : EngineTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db") + ";Foreign Keys=True";
}

public sealed class PostgresEngineTests : EngineTests
{
    private readonly PostgresDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.PostgreSql;
    protected override string CrmConnectionString => _db.ConnectionString;

    private sealed class OnReport(Action<SyncProgress> act) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => act(value);
    }

    [Fact]
    public async Task A_connection_killed_by_the_server_in_the_middle_of_a_run_is_retried_and_the_run_completes()
    {
        Setup(60);
        await Run(Sectores());
        var line = Clientes();
        var retries = new List<string>();
        var reports = 0;
        var progress = new OnReport(_ =>
        {
            if (++reports != 3) return;
            // The server ends every other session of the CRM database, as a restart or a failover would.
            using var admin = _db.Open();
            admin.Execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        });
        SyncRun? summary = null;
        var results = new List<RowResult>();
        await foreach (var r in Engine().RunAsync(line, new SyncOptions { OnRetry = retries.Add }, progress, s => summary = s, default)) results.Add(r);
        Assert.NotEmpty(retries);
        Assert.Contains("trying the batch again", retries[0]);
        Assert.Equal(60, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.Equal(("Succeeded", 60L, 0L), (summary!.Status.ToString(), summary.Inserted, summary.Failed));
        Assert.Equal(60, CrmRows().Count);
        Assert.Empty(await Run(line));
    }

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
