using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>The pruning that follows each line's run, in a real sync: by the store's retention, and a failure only a warning.</summary>
public sealed class RetentionEngineTests : EngineTestBed
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db") + ";Foreign Keys=True";

    [Fact]
    public async Task A_run_prunes_its_line_to_the_runs_kept_and_the_kept_runs_keep_every_row()
    {
        Setup(customers: 20);
        await Run(Sectores());
        Store.SetRetention(0, 2);
        var line = Clientes();
        var runs = new List<SyncRun>();
        var verbose = new List<string>();
        await Run(line, new SyncOptions { All = true }, runs.Add);
        for (var i = 0; i < 3; i++) await Run(line, new SyncOptions { All = true, OnVerbose = verbose.Add }, runs.Add);

        Assert.Equal(runs.Skip(2).Select(r => r.RunId).Reverse(), Store.GetRuns("Clientes").Select(r => r.RunId));
        Assert.Single(Store.GetRuns("Sectores"));
        Assert.Contains(verbose, v => v.Contains("Pruned 1 older run(s) of line 'Clientes'", StringComparison.Ordinal));
        foreach (var kept in runs.Skip(2)) Assert.Equal(20, Store.GetRunRows(kept.RunId, "Clientes").Count());
        Assert.Equal(20, Store.CountStates(line.Id));
    }

    [Fact]
    public async Task A_pruning_that_fails_is_a_warning_and_the_sync_succeeds()
    {
        Setup(customers: 10);
        await Run(Sectores());
        Store.SetRetention(0, 1);
        var line = Clientes();
        await Run(line);
        using (var c = Store.OpenConnection())
            c.Execute("CREATE TRIGGER no_prune BEFORE DELETE ON ofisync_run BEGIN SELECT RAISE(ABORT, 'history is locked'); END");
        var warnings = new List<string>();
        SyncRun? run = null;
        var results = await Run(line, new SyncOptions { All = true, OnWarning = warnings.Add }, r => run = r);

        Assert.Equal(10, results.Count);
        Assert.Equal(RunStatus.Succeeded, run!.Status);
        Assert.Equal(RunStatus.Succeeded, Store.GetRun(run.RunId)!.Status);
        var warning = Assert.Single(warnings);
        Assert.Contains("could not be pruned", warning, StringComparison.Ordinal);
        Assert.Contains("history is locked", warning, StringComparison.Ordinal);
        Assert.Equal(2, Store.GetRuns("Clientes").Count); // nothing half-removed: the pruning's transaction rolled back
    }
}
