using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// The sync engine. Data flows one way: read the source (filter pushed down, streaming) -> map columns and lookups ->
/// compare with the stored state (<see cref="LinePlan"/>) -> preview rows (<see cref="PreviewBuilder"/>), or write
/// batches through the target's bulk path (<see cref="LineRun"/>, <see cref="BatchWriter"/>) -> per-row results, with
/// state and history committed per target batch (<see cref="RunRecorder"/>), then the rows gone from the source
/// (<see cref="DeleteStep"/>). Memory holds one batch at a time.
/// </summary>
public sealed class SyncEngine
{
    private readonly SyncStore _store;
    private readonly ConnectionOpener _opener;

    public SyncEngine(SyncStore store, ConnectionOpener opener)
    {
        _store = store;
        _opener = opener;
    }

    /// <summary>Prepares a line for one preview, count or run; the CRM ids other lines recorded are read once for it.</summary>
    private async Task<LineSession> OpenAsync(SyncLine line, SyncOptions options, IReadOnlyCollection<string>? onlyColumns, CancellationToken cancel)
    {
        var targetIds = new Dictionary<string, LineTargetIds>(StringComparer.OrdinalIgnoreCase);
        LineTargetIds IdsOf(string lineName) =>
            targetIds.TryGetValue(lineName, out var ids) ? ids : targetIds[lineName] = LineTargetIds.Read(_store, lineName);
        var session = await LineSession.OpenAsync(line, _store.GetConnection, _opener, options, onlyColumns, IdsOf, cancel).ConfigureAwait(false);
        try
        {
            await ChangeWindow.ApplyAsync(_store, session, options, cancel).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The rows a run would change (and, if asked, those it would not), as they come.</summary>
    public async IAsyncEnumerable<PreviewRow> PreviewAsync(SyncLine line, SyncOptions options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        await using var session = await OpenAsync(line, options, null, cancel).ConfigureAwait(false);
        await foreach (var row in PreviewBuilder.RowsAsync(_store, session, options, cancel).ConfigureAwait(false)) yield return row;
    }

    /// <summary>How many rows a run would insert, update and delete (or flag): what the confirmation states.</summary>
    public async Task<SyncPlan> CountAsync(SyncLine line, SyncOptions options, CancellationToken cancel)
    {
        long inserts = 0, updates = 0, gone = 0;
        await using var session = await OpenAsync(line, options, null, cancel).ConfigureAwait(false);
        var plan = new LinePlan(_store, session, options);
        await foreach (var batch in plan.BatchesAsync(cancel).ConfigureAwait(false))
        {
            inserts += batch.Count(p => p.Action == RowAction.Insert);
            updates += batch.Count(p => p.Action == RowAction.Update);
        }
        if (await plan.SeenAsync(cancel).ConfigureAwait(false) is { } seen) gone = DeleteStep.Gone(_store, line.Id, seen).LongCount();
        return SyncPlan.For(line, session.TargetDescription, inserts, updates, gone) with { Read = plan.Read };
    }

    /// <summary>Runs one line: writes new and changed rows (every row with All), applies deletes, records state and history.</summary>
    public IAsyncEnumerable<RowResult> RunAsync(SyncLine line, SyncOptions options, IProgress<SyncProgress>? progress, Action<SyncRun>? finished, CancellationToken cancel) =>
        new LineRun(_store, OpenAsync, line, options, null).ExecuteAsync(progress, finished, cancel);

    /// <summary>Applies exactly the rows a preview showed (and the user kept), with only the columns it kept.</summary>
    public IAsyncEnumerable<RowResult> ApplyAsync(SyncLine line, IReadOnlyList<SelectedRow> rows, IReadOnlyCollection<string> columns, SyncOptions options,
        IProgress<SyncProgress>? progress, Action<SyncRun>? finished, CancellationToken cancel) =>
        new LineRun(_store, OpenAsync, line, options, new LineRun.Selection(rows, columns)).ExecuteAsync(progress, finished, cancel);
}
