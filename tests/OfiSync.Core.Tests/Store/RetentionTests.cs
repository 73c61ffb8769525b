using Dapper;
using MySqlConnector;
using OfiSync.Core.Engine;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Store;

/// <summary>History retention against each database a store can live in: settings, pruning after a run, removal on demand.</summary>
public abstract class RetentionTests : IDisposable
{
    protected abstract StoreLocation Location { get; }
    public abstract void Dispose();

    private SyncStore Open() => SyncStore.Open(Location);

    /// <summary>A finished run of the line, started at <paramref name="started"/>: two succeeded rows (packed), one failed and one deleted (kept one by one).</summary>
    private static SyncRun Recorded(SyncStore store, Guid line, DateTime started, bool end = true)
    {
        var run = new SyncRun { LineId = line, Line = "Clientes", Mode = RunMode.Incremental, Status = RunStatus.Running, Started = started };
        store.StartRun(run);
        var results = new[]
        {
            new RowResult { RunId = run.RunId, Line = "Clientes", Key = "A" + run.RunId, Action = RowAction.Insert, Status = RowStatus.Succeeded, TargetId = "1" },
            new RowResult { RunId = run.RunId, Line = "Clientes", Key = "B" + run.RunId, Action = RowAction.Update, Status = RowStatus.Succeeded, TargetId = "2" },
            new RowResult { RunId = run.RunId, Line = "Clientes", Key = "C" + run.RunId, Action = RowAction.Insert, Status = RowStatus.Failed, Error = "too long", Column = "nif" },
            new RowResult { RunId = run.RunId, Line = "Clientes", Key = "D" + run.RunId, Action = RowAction.Delete, Status = RowStatus.Succeeded },
        };
        var changes = new[] { new StateChange("A" + run.RunId, new byte[16], "1", RowStatus.Succeeded, false) };
        store.CommitBatch(run, changes, results, 0);
        if (end)
        {
            run.Status = RunStatus.Succeeded;
            run.Ended = started.AddSeconds(5);
            store.EndRun(run);
        }
        return run;
    }

    private static (long Rows, long Batches) History(SyncStore store, long runId)
    {
        using var c = store.OpenConnection();
        return (c.ExecuteScalar<long>("SELECT COUNT(*) FROM ofisync_run_row WHERE run_id = @r", new { r = runId }),
                c.ExecuteScalar<long>("SELECT COUNT(*) FROM ofisync_run_batch WHERE run_id = @r", new { r = runId }));
    }

    [Fact]
    public void A_new_store_keeps_90_days_and_100_runs_and_the_settings_round_trip()
    {
        Assert.Equal(new HistoryRetention(90, 100), Open().GetRetention());
        Open().SetRetention(30, 0);
        Assert.Equal(new HistoryRetention(30, 0), Open().GetRetention());
        Open().SetRetention(null, 7);
        Assert.Equal(new HistoryRetention(30, 7), Open().GetRetention());
        using var c = Open().OpenConnection();
        Assert.Equal("7", c.QueryFirst<string>("SELECT value FROM ofisync_meta WHERE name = 'history_runs'"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().SetRetention(-1, null));
    }

    [Fact]
    public void Runs_beyond_the_count_are_pruned_with_their_history_and_a_kept_run_stays_complete()
    {
        var store = Open();
        var line = StoreTests.AddedLineFor(store, "Clientes");
        var now = DateTime.UtcNow;
        var runs = Enumerable.Range(0, 6).Select(i => Recorded(store, line, now.AddMinutes(i - 10))).ToList();
        var states = store.CountStates(line);
        store.SetRetention(0, 3);

        var removed = Open().PruneLine(line, "Clientes");

        Assert.Equal((3L, 3L * 4), (removed!.Runs, removed.HistoryRows));
        Assert.Equal(runs.Skip(3).Select(r => r.RunId).Reverse(), store.GetRuns("Clientes").Select(r => r.RunId));
        foreach (var gone in runs.Take(3)) Assert.Equal((0L, 0L), History(store, gone.RunId));
        var kept = runs[3];
        Assert.Equal(new[] { "A", "B", "C", "D" }.Select(k => k + kept.RunId), store.GetRunRows(kept.RunId, "Clientes").Select(r => r.Key));
        Assert.Equal(states, store.CountStates(line));
        Assert.Null(Open().PruneLine(line, "Clientes")); // nothing more is due
    }

    [Fact]
    public void Runs_older_than_the_days_are_pruned_but_never_the_newest_nor_one_still_running()
    {
        var store = Open();
        var line = StoreTests.AddedLineFor(store, "Clientes");
        var old = DateTime.UtcNow.AddDays(-40);
        var running = Recorded(store, line, old.AddDays(-5), end: false);
        var ended = Recorded(store, line, old);
        var newest = Recorded(store, line, old.AddDays(1));
        store.SetRetention(30, 0);

        var removed = Open().PruneLine(line, "Clientes");

        Assert.Equal(1, removed!.Runs);
        Assert.Equal(new[] { newest.RunId, running.RunId }, store.GetRuns("Clientes").Select(r => r.RunId));
        Assert.Equal((0L, 0L), History(store, ended.RunId));
        Assert.Equal(4, store.GetRunRows(newest.RunId, "Clientes").Count());
    }

    [Fact]
    public void A_line_with_a_thousand_runs_is_pruned_to_the_default_100_in_one_go()
    {
        var store = Open();
        var line = StoreTests.AddedLineFor(store, "Clientes");
        var start = DateTime.UtcNow.AddDays(-20);
        using (var c = store.OpenConnection())
        using (var t = c.BeginTransaction())
        {
            c.Execute(Location.Provider.Store.InsertRun, Enumerable.Range(0, 1000).Select(i => new
            {
                id = Location.Provider.Store.Id(line), n = "Clientes", m = "Incremental", s = "Succeeded", st = start.AddMinutes(i), h = "h", u = "u", sync = (object?)null,
            }), t);
            t.Commit();
        }
        var newest = Recorded(store, line, DateTime.UtcNow);

        var removed = Open().PruneLine(line, "Clientes");

        Assert.Equal(901, removed!.Runs);
        var kept = store.GetRuns("Clientes");
        Assert.Equal(100, kept.Count);
        Assert.Equal(newest.RunId, kept[0].RunId);
        Assert.Equal(start.AddMinutes(901), kept[^1].Started, TimeSpan.FromSeconds(1));
        Assert.Equal(4, store.GetRunRows(newest.RunId, "Clientes").Count());
    }

    [Fact]
    public void Keeping_forever_prunes_nothing_and_another_line_is_left_alone()
    {
        var store = Open();
        var (line, other) = (StoreTests.AddedLineFor(store, "Clientes"), StoreTests.AddedLineFor(store, "Sectores"));
        var old = DateTime.UtcNow.AddDays(-400);
        for (var i = 0; i < 4; i++) { Recorded(store, line, old.AddHours(i)); Recorded(store, other, old.AddHours(i)); }
        store.SetRetention(0, 0);
        Assert.Null(Open().PruneLine(line, "Clientes"));
        store.SetRetention(0, 1);
        Assert.Equal(3, Open().PruneLine(line, "Clientes")!.Runs);
        Assert.Equal(1 + 4, store.GetRuns().Count);
    }

    [Fact]
    public void A_removal_is_counted_first_and_removes_what_is_both_older_and_beyond_the_runs_kept()
    {
        var store = Open();
        var line = StoreTests.AddedLineFor(store, "Clientes");
        var start = DateTime.UtcNow.AddDays(-10);
        var runs = Enumerable.Range(0, 8).Select(i => Recorded(store, line, start.AddDays(i))).ToList();
        // Before day 5 (runs 0-4) AND beyond the newest 6 (runs 0-1): runs 0 and 1.
        var pruning = new RunPruning(start.AddDays(5).AddHours(-1), 6, EitherLimit: false);
        var plan = store.PlanRunRemoval(line, "Clientes", pruning);
        Assert.Equal((2L, 8L), (plan.Runs, plan.HistoryRows));
        Assert.Equal(8, store.GetRuns().Count); // counting removes nothing
        Assert.Equal(runs[0].Started, plan.OldestStarted!.Value, TimeSpan.FromSeconds(1));
        var removed = store.RemoveRuns(plan);
        Assert.Equal(2, removed.Runs);
        Assert.Equal(runs.Skip(2).Select(r => r.RunId).Reverse(), store.GetRuns().Select(r => r.RunId));
        Assert.Contains(store.LinesWithRuns(), l => l.Id == line);
    }

    [Fact]
    public void The_summary_counts_what_the_store_holds()
    {
        var store = Open();
        var line = StoreTests.AddedLineFor(store, "Clientes");
        Recorded(store, line, DateTime.UtcNow.AddHours(-2));
        Recorded(store, line, DateTime.UtcNow.AddHours(-1));
        store.SetRetention(45, 0);
        var summary = Open().GetSummary();
        Assert.Equal((StoreSchema.CurrentVersion, 45, 0), (summary.SchemaVersion, summary.HistoryDays, summary.HistoryRuns));
        Assert.Equal((1L, 2L, 2L, 8L, 2L), (summary.Lines, summary.Connections, summary.Runs, summary.HistoryRows, summary.StateRows));
        Assert.Equal(Location.Provider.Name, summary.Provider);
        Assert.True(summary.SizeBytes > 0, "the store's size");
        Assert.Equal(Location.ToString(), summary.Location);
    }
}

public sealed class SqliteRetentionTests : RetentionTests
{
    private readonly TempDirectory _dir = new();
    protected override StoreLocation Location => StoreLocation.Parse(_dir.File("store.db"));
    public override void Dispose() => _dir.Dispose();
}

public sealed class PostgresRetentionTests : RetentionTests
{
    private readonly PostgresDatabase _db = new();
    protected override StoreLocation Location => StoreLocation.Parse("PostgreSql:" + _db.ConnectionString);
    public override void Dispose() => _db.Dispose();
}

public sealed class MariaDbRetentionTests : RetentionTests
{
    private readonly MariaDbDatabase _db = new();
    protected override StoreLocation Location => StoreLocation.Parse("MariaDb:" + _db.ConnectionString);
    public override void Dispose()
    {
        MySqlConnection.ClearAllPools();
        _db.Dispose();
    }
}
