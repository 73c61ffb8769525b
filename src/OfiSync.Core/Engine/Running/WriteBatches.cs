using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace OfiSync.Core.Engine;

/// <summary>
/// What the writer gets from the plan: the rows to act on, gathered into full batches, and how many rows were found
/// unchanged on the way (counted, never sent), and the change column's mark the line may keep once it is committed.
/// </summary>
internal sealed record WriteBatch(List<PlannedRow> Rows, long Unchanged, string? Mark)
{
    /// <summary>Rows read from the source in this batch, acted on or not (deletes and flags come from the state, not the source).</summary>
    public long Read => Unchanged + Rows.Count(p => p.Action is not (RowAction.Delete or RowAction.Flag));
}

/// <summary>
/// Runs a line's plan ahead of its writer, on a task of its own: while one batch is written to the target and
/// committed to the store, the next one is read from the source, mapped and compared. Rows that need no write are
/// only counted, so an incremental run writes full batches instead of the few changed rows of each read batch.
/// At most two batches wait, so memory does not grow with the table.
/// </summary>
internal static class WriteBatches
{
    /// <summary>A batch goes out when it is full, or after this long with something to report (progress on long unchanged stretches).</summary>
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    public static async IAsyncEnumerable<WriteBatch> GatherAsync(Func<CancellationToken, IAsyncEnumerable<PlanBatch>> plan, int size,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(() => ProduceAsync(plan(stop.Token), size, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    // The plan's own exception, thrown here with its stack, where the run classifies it as it always did.
                    item.Fault?.Throw();
                    // A batch read ahead is not started once the run is stopped.
                    cancel.ThrowIfCancellationRequested();
                    yield return item.Batch!;
                }
            }
        }
        finally
        {
            // The caller stopped early (an error, a cap, Ctrl+C): the plan stops too, and its source reader is closed
            // before the session that owns it.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    private sealed record Item(WriteBatch? Batch, ExceptionDispatchInfo? Fault);

    private static async Task ProduceAsync(IAsyncEnumerable<PlanBatch> plan, int size, ChannelWriter<Item> output, CancellationToken cancel)
    {
        try
        {
            var rows = new List<PlannedRow>(size);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            long unchanged = 0;
            // The mark of the last plan batch whose rows have all been handed on; a batch split across two writes waits.
            string? mark = null, sent = null;
            var clock = Stopwatch.StartNew();
            async Task Emit()
            {
                await output.WriteAsync(new Item(new WriteBatch(rows, unchanged, mark), null), cancel).ConfigureAwait(false);
                sent = mark;
                (rows, unchanged) = (new List<PlannedRow>(size), 0);
                keys.Clear();
                clock.Restart();
            }
            await foreach (var batch in plan.WithCancellation(cancel).ConfigureAwait(false))
            {
                foreach (var planned in batch)
                {
                    if (planned.Action == RowAction.Unchanged && planned.Error is null && planned.Skip is null) { unchanged++; continue; }
                    // One key once per write batch: a key the source gave twice, far apart, goes into the next batch.
                    if (!planned.Row.NoKey && !planned.Row.Duplicate && !keys.Add(planned.Row.Key))
                    {
                        await Emit().ConfigureAwait(false);
                        keys.Add(planned.Row.Key);
                    }
                    rows.Add(planned);
                    if (rows.Count >= size) await Emit().ConfigureAwait(false);
                }
                mark = batch.Mark ?? mark;
                if ((rows.Count > 0 || unchanged > 0) && clock.Elapsed >= ReportEvery) await Emit().ConfigureAwait(false);
            }
            if (rows.Count > 0 || unchanged > 0 || mark != sent) await Emit().ConfigureAwait(false);
            output.TryComplete();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { output.TryComplete(); }
        catch (Exception ex)
        {
            // Passed as an item, not as the channel's completion, so the reader gets the batches before it first.
            if (!output.TryWrite(new Item(null, ExceptionDispatchInfo.Capture(ex))))
            {
                try { await output.WriteAsync(new Item(null, ExceptionDispatchInfo.Capture(ex)), cancel).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
            output.TryComplete();
        }
    }
}
