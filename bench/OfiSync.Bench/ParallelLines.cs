using System.Diagnostics;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;

namespace OfiSync.Bench;

/// <summary>
/// `--parallel`: eight independent lines of N rows each (one generated source table, eight target tables), run by the
/// engine's SyncSet as Invoke-OfiSync runs them, with a throttle limit of 1 and of 4, alternating, on a fresh store and
/// fresh target tables each time. Reported: each median, and the ratio throttle 1 / throttle 4 (the speed-up).
/// </summary>
internal static class ParallelLines
{
    public const int Lines = 8;

    public static async Task<int> RunAsync(Options o, string work, IReadOnlyList<Target> targets, Report report, string output, string? commit)
    {
        var total = Stopwatch.StartNew();
        var rows = o.ParallelRows;
        var results = Path.Combine(output, "results.json");
        async Task SaveAsync()
        {
            report.ComputeRatios(targets.Select(t => t.Kind));
            Directory.CreateDirectory(output);
            await File.WriteAllTextAsync(results, report.Json(rows, o.Rounds, 0, 0, BenchStore.BatchSize ?? new SyncLine().BatchSize, commit, null));
        }
        var source = Path.Combine(work, "erp-parallel.db");
        var warm = Path.Combine(work, "erp-parallel-warm.db");
        DataSet.Create(source, rows);
        DataSet.Create(warm, 5_000);
        foreach (var t in targets)
        {
            await RunOnceAsync(t, work, warm, 4); // JIT and pools, unmeasured
            for (var round = 1; round <= o.Rounds; round++)
            {
                // Alternating which goes first, so that a machine getting busier does not favour one side.
                foreach (var limit in round % 2 == 1 ? new[] { 1, 4 } : new[] { 4, 1 })
                {
                    var seconds = await RunOnceAsync(t, work, source, limit);
                    report.Get(t.Kind, limit == 1 ? Report.ParallelOne : Report.ParallelFour, (long)rows * Lines).Samples.Add(seconds);
                    Console.WriteLine($"{t.Kind} parallel round {round}: -ThrottleLimit {limit} {seconds:F2}s");
                }
                await SaveAsync();
            }
        }
        Console.WriteLine();
        Console.WriteLine($"commit {commit ?? "unknown"}, load average {Report.LoadAverage() ?? "unknown"}");
        Console.WriteLine(report.Table(targets, rows, o.Rounds));
        Console.WriteLine($"Results: {results}; {total.Elapsed.TotalMinutes:F1} min in all.");
        return 0;
    }

    private static async Task<double> RunOnceAsync(Target t, string work, string source, int limit)
    {
        SqliteConnection.ClearAllPools();
        var file = Path.Combine(work, $"store-parallel-{t.Kind}.db");
        Files.Delete(file);
        var store = SyncStore.Open(StoreLocation.Parse(file));
        store.SaveConnection(new SyncConnection { Name = "ERP", Provider = DatabaseProviders.Sqlite.Name, ConnectionString = "Data Source=" + source }, replace: true);
        var work8 = new List<SyncWork>();
        for (var i = 1; i <= Lines; i++)
        {
            // A connection per target table: a SQLite target gets a file per table, so the lines never wait on one writer there.
            var table = $"cuenta_p{i}";
            store.SaveConnection(new SyncConnection { Name = $"CRM{i}", Provider = t.Provider.Name, ConnectionString = t.Fresh(table) }, replace: true);
            var line = new SyncLine
            {
                Name = $"Clientes{i}", Source = "ERP", SourceTable = DataSet.Table, Target = $"CRM{i}", TargetTable = table, TargetId = "id",
                Key = { "codigo" }, TargetKey = { "codigo" },
            };
            foreach (var column in DataSet.Columns) line.Columns.Add(new ColumnMapping { TargetColumn = column, SourceColumn = column });
            if (BenchStore.BatchSize is { } size) line.BatchSize = size;
            store.AddLine(line);
            work8.Add(new SyncWork(store.GetLine(line.Name)!));
        }
        var engine = new SyncEngine(store, ConnectionOpener.WithoutCredentials);
        var options = new SyncOptions { SyncId = Guid.NewGuid() };
        var set = new SyncSet(engine, work8, Array.Empty<string>(), limit, _ => options);
        var watch = Stopwatch.StartNew();
        var running = set.RunAsync(default);
        var ended = 0;
        await foreach (var e in set.Events.ReadAllAsync())
        {
            if (e is not LineEnded end) continue;
            ended++;
            if (end.Error is not null || end.Run?.Status != RunStatus.Succeeded)
                throw new BenchException($"line {end.Line.Name} ended {end.Run?.Status}: {end.Error?.Message ?? end.Run?.Message}");
        }
        await running;
        watch.Stop();
        if (ended != Lines) throw new BenchException($"{ended} of {Lines} lines ended");
        return watch.Elapsed.TotalSeconds;
    }
}
