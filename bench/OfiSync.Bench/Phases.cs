using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using OfiSync.Core.Engine;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;
using OfiSync.Core.Store;

namespace OfiSync.Bench;

/// <summary>
/// `--phases`: where the time of an OfiSync run goes. The engine itself cannot be timed from outside phase by phase
/// (its pipeline is internal), so this replays what SyncEngine.ExecuteAsync does, step for step, through the same
/// public building blocks (SchemaReader, ValueConverter, RowKey, RowHasher, SyncStore.GetStates / CommitBatch /
/// StartRun / EndRun, the target writers) with a stopwatch around each phase. Beside each replay it times the real
/// engine on the same data, so a replay that drifted from the engine shows at once.
/// </summary>
internal static class Phases
{
    private static readonly string[] Names =
        { "session: connect", "session: source schema", "session: target schema", "session: query start", "source read", "map (convert, key)", "state lookup", "hash", "plan", "state: mark pending", "target write", "row results", "state + history commit", "run start/end" };

    private sealed class Clock
    {
        private readonly Dictionary<string, long> _ticks = new();
        private long _start;
        private string? _current;

        public void Start(string phase) { _current = phase; _start = Stopwatch.GetTimestamp(); }

        public void Stop()
        {
            var elapsed = Stopwatch.GetTimestamp() - _start;
            _ticks[_current!] = _ticks.GetValueOrDefault(_current!) + elapsed;
        }

        public double Seconds(string phase) => _ticks.GetValueOrDefault(phase) / (double)Stopwatch.Frequency;
        public double Total => _ticks.Values.Sum() / (double)Stopwatch.Frequency;
    }

    public static async Task<int> RunAsync(Options o, string work, IReadOnlyList<Target> targets)
    {
        var source = Path.Combine(work, "erp.db");
        DataSet.Create(source, o.Rows);
        var warm = Path.Combine(work, "erp-warm.db");
        DataSet.Create(warm, 20_000);
        var change = 50;
        foreach (var t in targets)
        {
            // Warm-up: JIT and pools, unmeasured.
            await Replay(BenchStore.Create(Path.Combine(work, "phase-warm.db"), warm, DataSet.Table, t, t.Fresh("cuenta_warm"), "cuenta_warm"), t, warm, "cuenta_warm");

            var engine = BenchStore.Create(Path.Combine(work, $"phase-engine-{t.Kind}.db"), source, DataSet.Table, t, t.Fresh("cuenta"), "cuenta");
            var replay = BenchStore.Create(Path.Combine(work, $"phase-replay-{t.Kind}.db"), source, DataSet.Table, t, t.Fresh("cuenta_replay"), "cuenta_replay");
            var columns = new List<(string Scenario, double Engine, Clock Replay)>();
            foreach (var scenario in new[] { "full sync", "incremental 1 %", "nothing changed" })
            {
                if (scenario == "incremental 1 %") DataSet.ChangeOnePercent(source, change++);
                var (engineSeconds, _) = await engine.RunAsync();
                var clock = await Replay(replay, t, source, "cuenta_replay");
                columns.Add((scenario, engineSeconds, clock));
            }
            Console.WriteLine();
            Console.WriteLine($"Phases of an OfiSync run, {t.Label}, {o.Rows:N0} rows (seconds; replay of the engine's steps with a stopwatch each)");
            Console.WriteLine($"{"phase",-26}" + string.Concat(columns.Select(c => $"{c.Scenario,18}")));
            foreach (var name in Names)
                Console.WriteLine($"{name,-26}" + string.Concat(columns.Select(c => $"{c.Replay.Seconds(name),11:F2} {100 * c.Replay.Seconds(name) / c.Replay.Total,4:F0} %")));
            Console.WriteLine($"{"replay total",-26}" + string.Concat(columns.Select(c => $"{c.Replay.Total,18:F2}")));
            Console.WriteLine($"{"engine, same data",-26}" + string.Concat(columns.Select(c => $"{c.Engine,18:F2}")));
        }
        return 0;
    }

    /// <summary>One run of the line, as SyncEngine.ExecuteAsync does it (no filter, no deletes, no lookups: what the benchmark's line uses).</summary>
    private static async Task<Clock> Replay(BenchStore bench, Target t, string sourceFile, string table)
    {
        var clock = new Clock();
        var store = bench.Store;
        var line = bench.Line;

        clock.Start("run start/end");
        await using var runLock = await store.TryLockLineAsync(line.Id, TimeSpan.FromSeconds(30), default)
                                  ?? throw new BenchException("phase replay: the line is locked");
        store.CloseInterruptedRuns(line.Id);
        var summary = new SyncRun { LineId = line.Id, Line = line.Name, Mode = RunMode.Incremental, Status = RunStatus.Running, Started = DateTime.UtcNow };
        store.StartRun(summary);
        var runId = summary.RunId;
        clock.Stop();

        clock.Start("session: connect");
        var sqlite = DatabaseProviders.Sqlite;
        var targetProvider = t.Provider;
        var src = new SqliteConnection("Data Source=" + sourceFile);
        await src.OpenAsync();
        var targetConnection = store.GetConnection("CRM")!.ConnectionString;
        targetConnection = targetProvider.ConnectionStringFor(targetConnection, null);
        var dst = targetProvider.CreateConnection(targetConnection);
        await dst.OpenAsync();
        clock.Stop();
        clock.Start("session: source schema");
        var sourceColumns = (await SchemaReader.ReadColumnsAsync(src, sqlite, DataSet.Table, null, default))!;
        clock.Stop();
        clock.Start("session: target schema");
        var targetColumns = (await SchemaReader.ReadColumnsAsync(dst, targetProvider, table, null, default))!;
        clock.Stop();
        clock.Start("session: query start");
        ColumnInfo Find(IReadOnlyList<ColumnInfo> cs, string n) => cs.First(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase));
        var written = line.Columns.Select(c => Find(targetColumns, c.TargetColumn)).ToList();
        var converters = written.Select(c => new ValueConverter(c)).ToArray();
        var shape = new WriterShape(targetProvider, table, written, line.TargetKey, Find(targetColumns, line.TargetId!));
        ITargetWriter writer = targetProvider.CreateWriter(dst, shape, line.CommandTimeout);
        var select = line.Columns.Select(c => Find(sourceColumns, c.SourceColumn!).Name).ToList();
        var keyOrdinal = select.IndexOf(Find(sourceColumns, line.Key[0]).Name);
        await using var command = src.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", select.Select(sqlite.QuoteIdentifier))} FROM {sqlite.QuoteIdentifier(DataSet.Table)} ORDER BY {sqlite.QuoteIdentifier(select[keyOrdinal])}";
        command.CommandTimeout = line.CommandTimeout;
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        clock.Stop();

        var hasher = new RowHasher();
        var seq = 0L;
        var more = true;
        while (more)
        {
            clock.Start("source read");
            var raw = new List<object?[]>(line.BatchSize);
            while (raw.Count < line.BatchSize && (more = await reader.ReadAsync()))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                raw.Add(row);
            }
            clock.Stop();
            if (raw.Count == 0) break;

            clock.Start("map (convert, key)");
            var keys = new string[raw.Count];
            var values = new object?[raw.Count][];
            for (var r = 0; r < raw.Count; r++)
            {
                keys[r] = RowKey.Encode(new[] { raw[r][keyOrdinal] });
                var v = new object?[converters.Length];
                for (var i = 0; i < v.Length; i++) v[i] = converters[i].Convert(raw[r][i]);
                values[r] = v;
            }
            clock.Stop();

            clock.Start("plan");
            var inBatch = new HashSet<string>(StringComparer.Ordinal);
            foreach (var k in keys) inBatch.Add(k);
            var distinct = keys.Distinct().ToList();
            clock.Stop();

            clock.Start("state lookup");
            var states = store.GetStates(line.Id, distinct);
            clock.Stop();

            clock.Start("hash");
            var hashes = new byte[raw.Count][];
            for (var r = 0; r < raw.Count; r++) hashes[r] = hasher.Hash(values[r]);
            clock.Stop();

            clock.Start("plan");
            var actions = new RowAction[raw.Count];
            var toWrite = new List<int>();
            for (var r = 0; r < raw.Count; r++)
            {
                var state = states.GetValueOrDefault(keys[r]);
                actions[r] = state is null ? RowAction.Insert
                    : state.Hash is not null && state.Status == StateStatus.Succeeded && state.Hash.AsSpan().SequenceEqual(hashes[r]) ? RowAction.Unchanged
                    : RowAction.Update;
                if (actions[r] != RowAction.Unchanged) toWrite.Add(r);
            }
            summary.Read += raw.Count;
            clock.Stop();

            clock.Start("state: mark pending");
            store.MarkPending(line.Id, toWrite.Select(r => keys[r]).ToList());
            clock.Stop();

            clock.Start("target write");
            var outcomes = toWrite.Count == 0 ? Array.Empty<WriteOutcome>()
                : await writer.UpsertAsync(toWrite.Select(r => new WriteRow(keys[r], values[r]) { LikelyNew = actions[r] == RowAction.Insert }).ToList(), default);
            clock.Stop();

            clock.Start("row results");
            var results = new List<RowResult>(toWrite.Count);
            var changes = new List<StateChange>(toWrite.Count);
            for (var w = 0; w < toWrite.Count; w++)
            {
                var r = toWrite[w];
                var ok = outcomes[w].Succeeded;
                results.Add(new RowResult
                {
                    RunId = runId, Line = line.Name, Key = keys[r], Action = actions[r], Status = ok ? RowStatus.Succeeded : RowStatus.Failed,
                    Error = outcomes[w].Error, Column = outcomes[w].Column, TargetId = outcomes[w].TargetId ?? states.GetValueOrDefault(keys[r])?.TargetId,
                });
                changes.Add(new StateChange(keys[r], ok ? hashes[r] : null, results[^1].TargetId, results[^1].Status, Remove: false));
                if (!ok) summary.Failed++;
                else if (actions[r] == RowAction.Insert) summary.Inserted++;
                else summary.Updated++;
            }
            summary.Unchanged += raw.Count - toWrite.Count;
            clock.Stop();

            clock.Start("state + history commit");
            store.CommitBatch(summary, changes, results, seq);
            seq += results.Count;
            clock.Stop();
        }

        clock.Start("session: connect");
        await reader.DisposeAsync();
        await writer.DisposeAsync();
        await src.DisposeAsync();
        clock.Stop();

        clock.Start("run start/end");
        summary.Ended = DateTime.UtcNow;
        summary.Status = summary.Failed > 0 ? RunStatus.CompletedWithErrors : RunStatus.Succeeded;
        store.EndRun(summary);
        clock.Stop();
        if (summary.Failed > 0) throw new BenchException($"phase replay: {summary.Failed} rows failed");
        return clock;
    }
}
