using System.Threading.Channels;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;

namespace OfiSync.Core.Engine;

/// <summary>
/// The lines of one sync run over their dependency graph, up to <c>throttleLimit</c> at once: a line starts as soon as
/// every line of the set it depends on succeeded (or completed with failed rows), and lines that write the same target
/// table never run at once. A line that fails stops its dependants and nothing else. With a limit of 1 the lines run
/// one after the other in the order given (dependencies first). Everything that happens comes out through
/// <see cref="Events"/>, for one reader (the caller's thread writes it out); the run of each line is recorded as usual.
/// </summary>
public sealed class SyncSet
{
    private readonly SyncEngine _engine;
    private readonly IReadOnlyList<SyncWork> _work;
    private readonly HashSet<string> _failed;
    private readonly int _limit;
    private readonly Func<SyncWork, SyncOptions> _options;
    // Bounded: a reader slower than the lines holds them back instead of filling memory with results.
    private readonly Channel<SyncEvent> _events = Channel.CreateBounded<SyncEvent>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    // Written by the lines' threads, read by the caller's: every use holds its lock.
    private readonly SortedDictionary<int, LineProgress> _running = new();
    private Exception? _unexpected;

    /// <param name="work">In dependency order (every line after the lines it depends on), each line once.</param>
    /// <param name="failed">Lines that will not run (told already), whose dependants must not run either.</param>
    /// <param name="options">The options of each piece of work (the count made for a confirmation travels with them).</param>
    public SyncSet(SyncEngine engine, IReadOnlyList<SyncWork> work, IEnumerable<string> failed, int throttleLimit, Func<SyncWork, SyncOptions> options)
    {
        _engine = engine;
        _work = work;
        _failed = new HashSet<string>(failed, StringComparer.OrdinalIgnoreCase);
        _limit = Math.Max(1, throttleLimit);
        _options = options;
    }

    public ChannelReader<SyncEvent> Events => _events.Reader;

    /// <summary>The lines running now, with their latest progress (null before their first batch).</summary>
    public IReadOnlyList<(SyncLine Line, int Index, SyncProgress? Progress)> Running
    {
        get { lock (_running) return _running.Select(r => (r.Value.Line, r.Key, r.Value.Latest)).ToList(); }
    }

    /// <summary>Runs the set on the thread pool; <see cref="Events"/> completes when every started line has ended.</summary>
    public Task RunAsync(CancellationToken cancel) => Task.Run(() => ScheduleAsync(cancel), CancellationToken.None);

    private async Task ScheduleAsync(CancellationToken cancel)
    {
        var tasks = new Dictionary<Task<bool>, int>();
        try
        {
            var inSet = new HashSet<string>(_work.Select(w => w.Line.Name), StringComparer.OrdinalIgnoreCase);
            var succeeded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var busyTargets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = Enumerable.Range(0, _work.Count).ToList();
            while (pending.Count > 0 || tasks.Count > 0)
            {
                foreach (var index in pending.ToList())
                {
                    var line = _work[index].Line;
                    if (_failed.Contains(line.Name)) { pending.Remove(index); continue; }
                    if (line.DependsOn.FirstOrDefault(_failed.Contains) is { } blocker)
                    {
                        _failed.Add(line.Name);
                        pending.Remove(index);
                        await EmitLastAsync(new LineBlocked(line, index, blocker), cancel).ConfigureAwait(false);
                        continue;
                    }
                    if (cancel.IsCancellationRequested || tasks.Count >= _limit) continue;
                    if (line.DependsOn.Any(d => inSet.Contains(d) && !succeeded.Contains(d))) continue;
                    if (!busyTargets.Add(TargetOf(line))) continue;
                    pending.Remove(index);
                    tasks[RunLineAsync(index, cancel)] = index;
                }
                // Nothing running and nothing that can start: stopped (Ctrl+C), or waiting on a line that never comes.
                if (tasks.Count == 0) break;
                var ended = await Task.WhenAny(tasks.Keys).ConfigureAwait(false);
                var done = _work[tasks[ended]].Line;
                tasks.Remove(ended);
                busyTargets.Remove(TargetOf(done));
                if (await ended.ConfigureAwait(false)) succeeded.Add(done.Name);
                else _failed.Add(done.Name);
            }
            _events.Writer.TryComplete(_unexpected);
        }
        catch (Exception ex)
        {
            // Every line that started ends (and records its run) before the caller hears that the set ended.
            try { await Task.WhenAll(tasks.Keys).ConfigureAwait(false); }
            catch (Exception) when (tasks.Count > 0) { }
            _events.Writer.TryComplete(ex);
        }
    }

    private static string TargetOf(SyncLine line) => line.Target + "\n" + line.TargetTable;

    /// <summary>Runs one line, passing its rows on; whether the lines that depend on it may run.</summary>
    private async Task<bool> RunLineAsync(int index, CancellationToken cancel)
    {
        await Task.Yield();
        var work = _work[index];
        var line = work.Line;
        var options = _options(work);
        var progress = new LineProgress(line);
        SyncRun? run = null;
        Exception? error = null;
        lock (_running) _running[index] = progress;
        try
        {
            await EmitAsync(new LineStarted(line, index), cancel).ConfigureAwait(false);
            var rows = work.Rows is null
                ? _engine.RunAsync(line, options, progress, r => run = r, cancel)
                : _engine.ApplyAsync(line, work.Rows, work.Columns!, options, progress, r => run = r, cancel);
            await foreach (var row in rows.ConfigureAwait(false)) await EmitAsync(new LineRow(line, index, row), cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        catch (Exception ex) when (ex is SyncLineException or SyncConnectionException or System.Data.Common.DbException) { error = ex; }
        catch (Exception ex)
        {
            // Not a fault of the line (the store itself, a bug): the other lines end, then the caller is told.
            Interlocked.CompareExchange(ref _unexpected, ex, null);
        }
        finally { lock (_running) _running.Remove(index); }
        await EmitLastAsync(new LineEnded(line, index, run, error), cancel).ConfigureAwait(false);
        return error is null && LineSchedule.Completed(run);
    }

    /// <summary>Passes on what the caller must hear even when stopping: once stopped, only if there is room.</summary>
    private async Task EmitLastAsync(SyncEvent e, CancellationToken cancel)
    {
        try { await EmitAsync(e, cancel).ConfigureAwait(false); }
        catch (OperationCanceledException) { _events.Writer.TryWrite(e); }
    }

    private ValueTask EmitAsync(SyncEvent e, CancellationToken cancel) =>
        _events.Writer.TryWrite(e) ? ValueTask.CompletedTask : _events.Writer.WriteAsync(e, cancel);

    private sealed class LineProgress : IProgress<SyncProgress>
    {
        private volatile SyncProgress? _latest;
        public LineProgress(SyncLine line) => Line = line;
        public SyncLine Line { get; }
        public SyncProgress? Latest => _latest;
        public void Report(SyncProgress value) => _latest = value;
    }
}
