using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// What a new user hits in the first hour (issue 12): a preview of a row without key, preview columns in the target's
/// order, flags shown as flags, the sync a run belongs to, and what -Verbose says. Into a SQLite and a PostgreSQL CRM.
/// </summary>
public abstract class EverydayTests : EngineTestBed
{
    private SyncLine Flagging() => Clientes(l => { l.DeletePolicy = DeletePolicy.Flag; l.FlagColumn = "estado"; l.FlagValue = "Inactivo"; });

    [Fact]
    public async Task A_preview_shows_a_row_without_key_as_a_row_in_error_with_its_other_values()
    {
        Setup(5);
        await Run(Sectores());
        using (var erp = Erp()) erp.Execute("INSERT INTO cliente VALUES (NULL, 'Sin código, S.L.', 'B77777777', 'Madrid', 'HOT', '2024-01-01', 5, 1)");
        var rows = await Preview(Clientes());
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.Columns.Count, r.Values.Length));
        var noKey = Assert.Single(rows, r => r.Error is not null);
        Assert.Equal("", noKey.Key);
        Assert.Contains("NULL", noKey.Error!);
        Assert.Equal("Sin código, S.L.", noKey.Values[noKey.Columns.ToList().IndexOf("razon_social")]);
    }

    [Fact]
    public async Task Preview_columns_come_in_the_target_table_order_whatever_order_the_map_has()
    {
        Setup(3);
        await Run(Sectores());
        var line = Clientes(l => l.Columns.Reverse());
        var row = (await Preview(line)).First();
        // cuenta: id, codigo, estado, razon_social, nif, poblacion, sector_id, fecha_alta, saldo
        Assert.Equal(new[] { "codigo", "estado", "razon_social", "nif", "poblacion", "sector_id", "fecha_alta", "saldo" }, row.Columns);
        Assert.Equal("Cliente", row.Values[1]);
    }

    [Fact]
    public async Task Rows_gone_under_the_flag_policy_are_previewed_counted_and_reported_as_flags_with_column_and_value()
    {
        Setup(10);
        await Run(Sectores());
        var line = Flagging();
        await Run(line);
        using (var erp = Erp()) erp.Execute("DELETE FROM cliente WHERE codigo = @c", new { c = Code(4) });

        var flag = Assert.Single(await Preview(line));
        Assert.Equal((RowAction.Flag, Code(4)), (flag.Action, flag.Key));
        Assert.Equal(new[] { "estado" }, flag.Columns);
        Assert.Equal("Inactivo", flag.Values[0]);
        var change = Assert.Single(flag.Changes);
        Assert.Equal(("estado", "Cliente", "Inactivo"), (change.Column, (string?)change.Old, (string?)change.New));

        var plan = await Engine().CountAsync(line, new SyncOptions { Force = true }, default);
        Assert.Equal((0L, 0L, 0L, 1L), (plan.Inserts, plan.Updates, plan.Deletes, plan.Flags));
        Assert.Contains("flag 1 (set estado = 'Inactivo')", plan.ToString());

        SyncRun? summary = null;
        var result = Assert.Single(await Run(line, new SyncOptions { Force = true }, s => summary = s));
        Assert.Equal((RowAction.Flag, RowStatus.Succeeded), (result.Action, result.Status));
        Assert.Equal((1L, 0L), (summary!.Flagged, summary.Deleted));
        Assert.Equal(1L, Store.GetRuns(runId: summary.RunId).Single().Flagged);
        Assert.Equal(RowAction.Flag, Store.GetRunRows(summary.RunId, line.Name).Single().Action);
        Assert.Equal("Inactivo", (string)CrmRows().Single(r => r.codigo == Code(4)).estado);
    }

    [Fact]
    public async Task A_flag_picked_from_a_preview_is_applied_and_one_previewed_under_another_policy_is_refused()
    {
        Setup(10);
        await Run(Sectores());
        var line = Flagging();
        await Run(line);
        using (var erp = Erp()) erp.Execute("DELETE FROM cliente WHERE codigo IN (@a, @b)", new { a = Code(4), b = Code(5) });
        var picked = (await Preview(line)).Select(p => new SelectedRow { Key = p.Key, Action = p.Action }).ToList();
        picked[1] = new SelectedRow { Key = picked[1].Key, Action = RowAction.Delete };
        var results = new List<RowResult>();
        await foreach (var r in Engine().ApplyAsync(line, picked, line.Columns.Select(c => c.TargetColumn).ToList(), new SyncOptions(), null, null, default)) results.Add(r);
        Assert.Equal((RowAction.Flag, RowStatus.Succeeded), (results[0].Action, results[0].Status));
        Assert.Equal(RowStatus.Failed, results[1].Status);
        Assert.Contains("delete policy changed", results[1].Error);
        Assert.Equal(1, CrmRows().Count(r => r.estado == "Inactivo"));
    }

    [Fact]
    public async Task Every_run_of_one_sync_records_its_sync_id_and_the_last_sync_is_every_line_it_ran()
    {
        Setup(5);
        var first = Guid.NewGuid();
        await Run(Sectores(), new SyncOptions { SyncId = first });
        await Run(Clientes(), new SyncOptions { SyncId = first });
        var lastSync = Store.GetLastSync();
        Assert.Equal(new[] { "Clientes", "Sectores" }, lastSync.Select(r => r.Line));
        Assert.All(lastSync, r => Assert.Equal(first, r.SyncId));

        var second = Guid.NewGuid();
        await Run(Clientes(), new SyncOptions { SyncId = second });
        Assert.Equal(second, Assert.Single(Store.GetLastSync()).SyncId);
        Assert.Equal(2, Store.GetRuns(syncId: first).Count);
    }

    [Fact]
    public async Task Verbose_says_what_is_read_and_per_batch_what_was_written_retried_and_how_long_it_took()
    {
        Setup(10);
        await Run(Sectores());
        var said = new List<string>();
        await Run(Clientes(l => l.Filter = "poblacion -ne 'Logroño'"), new SyncOptions { OnVerbose = said.Add });
        Assert.Contains(said, s => s.Contains("reading the source with SELECT", StringComparison.Ordinal) && s.Contains("WHERE", StringComparison.Ordinal)
                                   && s.Contains("'Logroño'", StringComparison.Ordinal));
        var batches = said.Where(s => s.Contains(", batch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, batches.Count); // 8 rows (2 are in Logroño) in batches of 7
        Assert.Contains("batch 1: 7 rows read; 7 inserted, 0 updated, 0 unchanged", batches[0]);
        Assert.Contains("no retry", batches[0]);
        Assert.Matches(@"\d\.\d{3} s \(reading \d\.\d{3} s, writing \d\.\d{3} s, recording \d\.\d{3} s\)", batches[0]);
    }
}

public sealed class SqliteEverydayTests : EverydayTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db") + ";Foreign Keys=True";
}

public sealed class PostgresEverydayTests : EverydayTests
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

/// <summary>Preview rows that come back from the user: what is applied, and what is refused with a reason.</summary>
public sealed class PreviewPicksTests
{
    private static readonly SyncLine Line = new()
    {
        Name = "Clientes", Key = { "codigo" }, TargetKey = { "codigo" },
        Columns = { new() { TargetColumn = "codigo", SourceColumn = "codigo" }, new() { TargetColumn = "nif", SourceColumn = "nif" }, new() { TargetColumn = "Error", SourceColumn = "error" } },
    };

    private static PickedRow Row(string key, string action, Dictionary<string, object?>? properties = null, bool fromText = false, string? error = null) => new()
    {
        Line = "clientes", Key = key, Action = action, Properties = properties ?? new() { ["codigo"] = key, ["nif"] = null }, FromText = fromText, Error = error,
    };

    [Fact]
    public void Rows_that_came_through_csv_are_refused_once_for_their_line_saying_why_and_what_to_do()
    {
        var (runs, problems) = PreviewPicks.Plan(new[] { Row("1", "Insert", fromText: true), Row("2", "Insert", fromText: true) }, _ => Line);
        Assert.Empty(runs);
        var problem = Assert.Single(problems);
        Assert.Equal("PreviewRowsFromText", problem.Id);
        Assert.Contains("2 preview row(s)", problem.Message);
        Assert.Contains("Where-Object Key -in $keys", problem.Message);
        Assert.Contains("Export-Clixml", problem.Message);
    }

    [Fact]
    public void A_property_that_is_not_a_column_of_the_line_is_refused_by_name()
    {
        var (runs, problems) = PreviewPicks.Plan(new[] { Row("1", "Update", new() { ["codigo"] = "1", ["Comentario"] = "x" }), Row("2", "Update") }, _ => Line);
        Assert.Equal("2", Assert.Single(Assert.Single(runs).Rows).Key);
        var problem = Assert.Single(problems);
        Assert.Equal("PreviewRowPropertyUnknown", problem.Id);
        Assert.Contains("'Comentario'", problem.Message);
    }

    [Fact]
    public void Rows_are_grouped_by_the_columns_they_kept_and_reserved_names_map_back_to_their_columns()
    {
        var rows = new[]
        {
            Row("1", "Update", new() { ["codigo"] = "1", ["nif"] = "B1", ["Error_"] = "e" }),
            Row("2", "Update", new() { ["codigo"] = "2" }),
            Row("3", "Flag", new() { ["nif"] = "x" }),
            Row("4", "Unchanged"),
        };
        var (runs, problems) = PreviewPicks.Plan(rows, _ => Line);
        Assert.Empty(problems);
        // A flag needs only its key: it goes with the rows that kept every column.
        Assert.Equal(2, runs.Count);
        Assert.Equal(new[] { "codigo", "nif", "Error" }, runs[0].Columns);
        Assert.Equal("e", runs[0].Rows[0].Values["Error"]);
        Assert.Equal((RowAction.Flag, "3"), (runs[0].Rows[1].Action, runs[0].Rows[1].Key));
        Assert.Equal(new[] { "codigo" }, runs[1].Columns);
    }

    [Fact]
    public void An_empty_error_is_no_error_and_an_unknown_action_or_line_is_refused()
    {
        var (runs, problems) = PreviewPicks.Plan(new[] { Row("1", "Insert", error: ""), Row("2", "Upsert") }, _ => Line);
        Assert.Null(Assert.Single(Assert.Single(runs).Rows).Error);
        Assert.Equal("PreviewRowActionInvalid", Assert.Single(problems).Id);
        var (_, missing) = PreviewPicks.Plan(new[] { Row("1", "Insert") }, _ => null);
        Assert.True(Assert.Single(missing).LineNotFound);
    }
}
