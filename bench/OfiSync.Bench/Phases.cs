using System.Diagnostics;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Store;

namespace OfiSync.Bench;

/// <summary>
/// `--phases`: where the time of an OfiSync run goes. The engine's run cannot be timed phase by phase from outside, so
/// this replays what LineRun does, step for step, with the engine's own parts (LineSession: connections, schema, the
/// source query, the mapper, the target writer; RowHasher; the store's state read, Pending mark and batch commit with
/// packed history, each side on one StoreSession for the run, as LinePlan and RunRecorder keep them; the gathering of
/// changed rows into full write batches, as WriteBatches does) with a stopwatch around each phase. The engine runs its
/// plan side (read, map, state, hash, plan) on a task of its own, ahead of its write side (Pending mark, target write,
/// results, commit); the replay runs them one after the other and totals each side, so the engine's time is near the
/// larger side, not the sum. Beside each replay it times the real engine on the same data, so a replay that drifted
/// from the engine shows at once.
/// </summary>
internal static class Phases
{
    private const string Open = "session (connect, schemas)", Read = "source read", Map = "map (convert, key)", State = "state lookup", Hash = "hash",
        Plan = "plan + gather", Pending = "state: mark Pending", Write = "target write", Results = "row results", Commit = "state + history commit",
        RunEnds = "run start/end";
    private static readonly string[] PlanSide = { Read, Map, State, Hash, Plan };
    private static readonly string[] WriteSide = { Pending, Write, Results, Commit };
    private static readonly string[] Names = new[] { Open }.Concat(PlanSide).Concat(WriteSide).Append(RunEnds).ToArray();

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
        public double Sum(IEnumerable<string> phases) => phases.Sum(Seconds);
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
            await Replay(BenchStore.Create(Path.Combine(work, "phase-warm.db"), warm, DataSet.Table, t, t.Fresh("cuenta_warm"), "cuenta_warm"));

            var engine = BenchStore.Create(Path.Combine(work, $"phase-engine-{t.Kind}.db"), source, DataSet.Table, t, t.Fresh("cuenta"), "cuenta");
            var replay = BenchStore.Create(Path.Combine(work, $"phase-replay-{t.Kind}.db"), source, DataSet.Table, t, t.Fresh("cuenta_replay"), "cuenta_replay");
            var columns = new List<(string Scenario, double Engine, Clock Replay)>();
            foreach (var scenario in new[] { "full sync", "incremental 1 %", "nothing changed" })
            {
                if (scenario == "incremental 1 %") DataSet.ChangeOnePercent(source, change++);
                var (engineSeconds, _) = await engine.RunAsync();
                var clock = await Replay(replay);
                columns.Add((scenario, engineSeconds, clock));
            }
            Console.WriteLine();
            Console.WriteLine($"Phases of an OfiSync run, {t.Label}, {o.Rows:N0} rows (seconds; replay of the engine's steps with a stopwatch each)");
            Console.WriteLine($"{"phase",-28}" + string.Concat(columns.Select(c => $"{c.Scenario,18}")));
            foreach (var name in Names)
                Console.WriteLine($"{name,-28}" + string.Concat(columns.Select(c => $"{c.Replay.Seconds(name),11:F2} {100 * c.Replay.Seconds(name) / c.Replay.Total,4:F0} %")));
            Console.WriteLine($"{"plan side (one task)",-28}" + string.Concat(columns.Select(c => $"{c.Replay.Sum(PlanSide),18:F2}")));
            Console.WriteLine($"{"write side (another)",-28}" + string.Concat(columns.Select(c => $"{c.Replay.Sum(WriteSide),18:F2}")));
            Console.WriteLine($"{"replay total",-28}" + string.Concat(columns.Select(c => $"{c.Replay.Total,18:F2}")));
            Console.WriteLine($"{"engine, same data",-28}" + string.Concat(columns.Select(c => $"{c.Engine,18:F2}")));
        }
        return 0;
    }

    /// <summary>One run of the line, as LineRun does it (no filter, no deletes, no lookups, no change column: the benchmark's line).</summary>
    private static async Task<Clock> Replay(BenchStore bench)
    {
        var clock = new Clock();
        var store = bench.Store;
        var line = bench.Line;
        var options = new SyncOptions();

        clock.Start(RunEnds);
        await using var runLock = await store.TryLockLineAsync(line.Id, TimeSpan.FromSeconds(30), default)
                                  ?? throw new BenchException("phase replay: the line is locked");
        var run = new SyncRun { LineId = line.Id, Line = line.Name, Mode = RunMode.Incremental, Status = RunStatus.Running, Started = DateTime.UtcNow };
        store.CloseInterruptedRuns(line.Id);
        store.StartRun(run);
        clock.Stop();

        clock.Start(Open);
        var ids = new Dictionary<string, LineTargetIds>(StringComparer.OrdinalIgnoreCase);
        await using var session = await LineSession.OpenAsync(line, store.GetConnection, ConnectionOpener.WithoutCredentials, options, null,
            name => ids.TryGetValue(name, out var known) ? known : ids[name] = LineTargetIds.Read(store, name), default);
        clock.Stop();

        // One store connection per side for the whole run, as the engine keeps them.
        using var planStore = new StoreSession(store);
        using var writeStore = new StoreSession(store);
        var hasher = new RowHasher();
        var pending = new List<PlannedRow>(line.BatchSize);
        long sequence = 0;

        async Task WriteAsync(List<PlannedRow> rows)
        {
            clock.Start(Pending);
            var keys = rows.Select(p => p.Row.Key).ToList();
            writeStore.Write((c, tx) => { store.MarkPending(c, tx, line.Id, keys); return 0; });
            clock.Stop();

            clock.Start(Write);
            var outcomes = await session.Writer.UpsertAsync(rows.Select(p => new WriteRow(p.Row.Key, session.Mapper.Written(p.Row.Values)) { LikelyNew = p.Action == RowAction.Insert }).ToList(), default);
            clock.Stop();

            clock.Start(Results);
            var results = new List<RowResult>(rows.Count);
            var changes = new List<StateChange>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var (p, o) = (rows[i], outcomes[i]);
                var result = new RowResult
                {
                    RunId = run.RunId, Line = line.Name, Key = p.Row.Key, Action = p.Action, Status = o.Succeeded ? RowStatus.Succeeded : RowStatus.Failed,
                    Error = o.Error, Column = o.Column, TargetId = o.TargetId ?? p.TargetId,
                };
                results.Add(result);
                changes.Add(new StateChange(p.Row.Key, o.Succeeded ? p.Hash : null, result.TargetId, result.Status, Remove: false));
                if (!o.Succeeded) run.Failed++;
                else if (p.Action == RowAction.Insert) run.Inserted++;
                else run.Updated++;
            }
            clock.Stop();

            clock.Start(Commit);
            var first = sequence;
            writeStore.Write((c, tx) => { store.CommitBatch(c, tx, run, changes, results, first); return 0; });
            sequence += results.Count;
            clock.Stop();
        }

        var source = session.Query.ReadAsync(session.Source, default).GetAsyncEnumerator();
        try
        {
            var more = true;
            while (more)
            {
                clock.Start(Read);
                var raw = new List<object?[]>(line.BatchSize);
                while (raw.Count < line.BatchSize && (more = await source.MoveNextAsync())) raw.Add(source.Current);
                clock.Stop();
                if (raw.Count == 0) break;

                clock.Start(Map);
                var mapped = raw.Select(session.Mapper.Map).ToList();
                clock.Stop();

                clock.Start(State);
                var keys = mapped.Select(r => r.Key).Distinct().ToList();
                var states = planStore.Read(c => store.GetStates(c, line.Id, keys));
                clock.Stop();

                clock.Start(Hash);
                var hashes = mapped.Select(r => hasher.Hash(r.Values)).ToList();
                clock.Stop();

                clock.Start(Plan);
                run.Read += mapped.Count;
                var write = new List<PlannedRow>();
                for (var r = 0; r < mapped.Count; r++)
                {
                    var state = states.GetValueOrDefault(mapped[r].Key);
                    var action = state is null ? RowAction.Insert
                        : state.Hash is not null && state.Status == StateStatus.Succeeded && state.Hash.AsSpan().SequenceEqual(hashes[r]) ? RowAction.Unchanged
                        : RowAction.Update;
                    if (action == RowAction.Unchanged) { run.Unchanged++; continue; }
                    pending.Add(new PlannedRow { Row = mapped[r], Action = action, Hash = hashes[r], TargetId = state?.TargetId });
                }
                clock.Stop();
                // Changed rows gathered into full write batches, as WriteBatches does.
                while (pending.Count >= line.BatchSize || (!more && pending.Count > 0))
                {
                    var batch = pending.Take(line.BatchSize).ToList();
                    pending.RemoveRange(0, batch.Count);
                    await WriteAsync(batch);
                }
            }
        }
        finally
        {
            await source.DisposeAsync();
        }

        clock.Start(RunEnds);
        run.Ended = DateTime.UtcNow;
        run.Status = run.Failed > 0 ? RunStatus.CompletedWithErrors : RunStatus.Succeeded;
        store.EndRun(run);
        clock.Stop();
        if (run.Failed > 0) throw new BenchException($"phase replay: {run.Failed} rows failed");
        return clock;
    }
}
