using System.Globalization;
using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// A line that reads by a change column (fecha_modif, one hour apart per customer): after a first run that reads
/// everything, a run reads only the window at or after its mark less the overlap, the rows to retry, and the keys for
/// deletes; the mark moves only with committed batches.
/// </summary>
public abstract class ChangeColumnTests : EngineTestBed
{
    private const int Customers = 40;
    private static readonly DateTime First = new(2025, 3, 1, 8, 0, 0);
    private static string At(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    private static DateTime Modified(int i) => First.AddHours(i);

    private SyncLine Line(Action<SyncLine>? change = null) => Clientes(l =>
    {
        l.ChangeColumn = "fecha_modif";
        change?.Invoke(l);
    });

    private void SetupWithChanges()
    {
        Setup(Customers);
        using var erp = Erp();
        erp.Execute("ALTER TABLE cliente ADD fecha_modif DATETIME");
        for (var i = 1; i <= Customers; i++) erp.Execute("UPDATE cliente SET fecha_modif = @t WHERE codigo = @c", new { t = At(Modified(i)), c = Code(i) });
    }

    private void Edit(int i, string name, DateTime? modified)
    {
        using var erp = Erp();
        erp.Execute("UPDATE cliente SET razon_social = @n, fecha_modif = @t WHERE codigo = @c", new { n = name, t = modified is { } m ? At(m) : null, c = Code(i) });
    }

    private async Task<(List<RowResult> Results, SyncRun Run)> RunOnce(SyncLine line, SyncOptions? options = null)
    {
        SyncRun? run = null;
        var results = await Run(line, options, r => run = r);
        return (results, run!);
    }

    private async Task<SyncLine> Loaded(Action<SyncLine>? change = null)
    {
        SetupWithChanges();
        await Run(Sectores());
        var line = Line(change);
        var (_, first) = await RunOnce(line);
        Assert.Equal((Customers, (long)Customers), (first.Read, first.Inserted));
        Assert.Equal(Modified(Customers), DateTime.Parse(Store.GetChangeMark(line.Id)!.Value, CultureInfo.InvariantCulture));
        return line;
    }

    [Fact]
    public async Task A_run_reads_only_the_rows_changed_since_the_mark_and_moves_the_mark()
    {
        var line = await Loaded();
        var later = Modified(Customers).AddDays(1);
        Edit(3, "Cambiada 3", later);
        Edit(7, "Cambiada 7", later.AddMinutes(1));
        var verbose = new List<string>();
        var (results, run) = await RunOnce(line, new SyncOptions { OnVerbose = verbose.Add });
        Assert.DoesNotContain(verbose, v => v.Contains("in memory", StringComparison.Ordinal)); // the window runs in SQLite
        // The two changed rows, and the newest unchanged one (inside the five minutes' overlap).
        Assert.Equal(3, run.Read);
        Assert.Equal(new[] { Code(3), Code(7) }, results.Select(r => r.Key).Order());
        Assert.Equal("Cambiada 7", CrmRows().Single(r => r.codigo == Code(7)).razon_social);
        Assert.Equal(later.AddMinutes(1), DateTime.Parse(Store.GetChangeMark(line.Id)!.Value, CultureInfo.InvariantCulture));
        var (again, quiet) = await RunOnce(line);
        Assert.Empty(again);
        Assert.Equal(2, quiet.Read); // both changed rows are inside the overlap: read again, found unchanged, not sent
    }

    [Fact]
    public async Task A_row_committed_late_inside_the_overlap_is_sent_and_one_before_it_is_not_read()
    {
        var line = await Loaded();
        // Dated two minutes before the mark, committed after the run that took it: inside the overlap.
        Edit(5, "Tardía", Modified(Customers).AddMinutes(-2));
        // Dated before the overlap: a change column that lies is not seen (the hash-scan or -All finds it).
        Edit(6, "Antigua", Modified(Customers).AddMinutes(-30));
        var (results, _) = await RunOnce(line);
        Assert.Equal(Code(5), Assert.Single(results).Key);
        var (all, _) = await RunOnce(line, new SyncOptions { All = true });
        Assert.Equal(Customers, all.Count);
        Assert.Equal("Antigua", CrmRows().Single(r => r.codigo == Code(6)).razon_social);
    }

    [Fact]
    public async Task A_row_at_the_exact_boundary_is_read_and_sent_once()
    {
        var line = await Loaded(l => l.ChangeOverlap = TimeSpan.Zero);
        Edit(9, "En el límite", Modified(Customers));
        var (results, run) = await RunOnce(line);
        Assert.Equal(Code(9), Assert.Single(results).Key);
        Assert.Equal(2, run.Read);
        var (again, _) = await RunOnce(line);
        Assert.Empty(again);
    }

    [Fact]
    public async Task A_failed_row_is_retried_by_key_although_its_change_value_did_not_move()
    {
        var line = await Loaded();
        using (var erp = Erp())
            erp.Execute("UPDATE cliente SET sector_codigo = 'XXX', fecha_modif = @t WHERE codigo = @c", new { t = At(Modified(Customers).AddDays(1)), c = Code(4) });
        var (failed, _) = await RunOnce(line);
        Assert.Equal(RowStatus.Failed, Assert.Single(failed).Status);
        using (var erp = Erp()) erp.Execute("INSERT INTO sector VALUES ('XXX', 'Otros')");
        await Run(Store.GetLine("Sectores")!);
        var (retried, run) = await RunOnce(line);
        Assert.Equal((Code(4), RowStatus.Succeeded), (Assert.Single(retried).Key, retried[0].Status));
        Assert.Equal(1, run.Read);
    }

    [Fact]
    public async Task A_run_stopped_between_batches_loses_nothing()
    {
        var line = await Loaded(l => l.BatchSize = 5);
        var later = Modified(Customers).AddDays(1);
        for (var i = 1; i <= 30; i++) Edit(i, $"Lote {i}", later.AddMinutes(i));
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Engine().RunAsync(line, new SyncOptions(), null, null, cancel.Token))
                if (++seen == 12) cancel.Cancel();
        });
        var mark = DateTime.Parse(Store.GetChangeMark(line.Id)!.Value, CultureInfo.InvariantCulture);
        Assert.InRange(mark, later, later.AddMinutes(29));
        await RunOnce(line);
        var names = CrmRows().ToDictionary(r => (string)r.codigo, r => (string)r.razon_social);
        for (var i = 1; i <= 30; i++) Assert.Equal($"Lote {i}", names[Code(i)]);
        Assert.Equal(later.AddMinutes(30), DateTime.Parse(Store.GetChangeMark(line.Id)!.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_change_column_that_goes_back_is_reported_and_the_run_reads_everything()
    {
        var line = await Loaded();
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET fecha_modif = '2001-01-01 00:00:00'");
        var warnings = new List<string>();
        var (_, run) = await RunOnce(line, new SyncOptions { OnWarning = warnings.Add });
        Assert.Equal(Customers, run.Read);
        Assert.Contains("went back", Assert.Single(warnings));
        Assert.Equal("2001-01-01T00:00:00.0000000", Store.GetChangeMark(line.Id)!.Value);
    }

    [Fact]
    public async Task Rows_gone_from_the_source_are_found_by_a_scan_of_the_keys()
    {
        var line = await Loaded(l => l.DeletePolicy = DeletePolicy.Delete);
        using (var erp = Erp()) erp.Execute("DELETE FROM cliente WHERE codigo IN (@a, @b)", new { a = Code(2), b = Code(3) });
        var (results, run) = await RunOnce(line);
        Assert.Equal(new[] { Code(2), Code(3) }, results.Where(r => r.Action == RowAction.Delete).Select(r => r.Key).Order());
        Assert.Equal(1, run.Read);
        Assert.Equal(Customers - 2, CrmRows().Count);
    }

    [Fact]
    public async Task A_changed_line_or_a_row_without_a_change_value_is_read_whole()
    {
        var line = await Loaded();
        Edit(11, "Sin fecha", null);
        var (results, run) = await RunOnce(line);
        Assert.Equal(Code(11), Assert.Single(results).Key);
        Assert.Equal(2, run.Read);
        line.Columns.RemoveAll(c => c.TargetColumn == "saldo");
        Store.UpdateLine(line);
        var verbose = new List<string>();
        var (_, whole) = await RunOnce(line, new SyncOptions { OnVerbose = verbose.Add });
        Assert.Equal(Customers, whole.Read);
        Assert.Contains(verbose, v => v.Contains("changed since its mark", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_preview_shows_only_what_changed_since_the_mark()
    {
        var line = await Loaded();
        Edit(8, "Vista previa", Modified(Customers).AddDays(2));
        var preview = await Preview(line);
        Assert.Equal(Code(8), Assert.Single(preview).Key);
        Assert.Equal(RowAction.Update, preview[0].Action);
    }

    [Fact]
    public async Task An_integer_change_column_reads_from_its_mark()
    {
        SetupWithChanges();
        using (var erp = Erp())
        {
            erp.Execute("ALTER TABLE cliente ADD version INTEGER");
            erp.Execute("UPDATE cliente SET version = CAST(substr(codigo, 5) AS INTEGER) * 10");
        }
        await Run(Sectores());
        var line = Line(l => l.ChangeColumn = "version");
        await RunOnce(line);
        Assert.Equal("400", Store.GetChangeMark(line.Id)!.Value);
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET razon_social = 'Versión', version = 401 WHERE codigo = @c", new { c = Code(1) });
        var (results, run) = await RunOnce(line);
        Assert.Equal(Code(1), Assert.Single(results).Key);
        Assert.Equal(2, run.Read);
    }
}

public sealed class SqliteChangeColumnTests : ChangeColumnTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db") + ";Foreign Keys=True";
}
