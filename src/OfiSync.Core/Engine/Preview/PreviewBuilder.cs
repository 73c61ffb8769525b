using System.Runtime.CompilerServices;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// The rows a run would act on, as the preview shows them: the values it would write in the target table's column
/// order, an update's changed columns with their old and new values, a flag's column and value, and why a row would
/// fail. Writes nothing.
/// </summary>
internal static class PreviewBuilder
{
    public static async IAsyncEnumerable<PreviewRow> RowsAsync(SyncStore store, LineSession session, SyncOptions options, [EnumeratorCancellation] CancellationToken cancel)
    {
        var plan = new LinePlan(store, session, options);
        await foreach (var batch in plan.BatchesAsync(cancel).ConfigureAwait(false))
        {
            var updates = batch.Where(p => p.Action == RowAction.Update && p.Error is null)
                .Select(p => new WriteRow(p.Row.Key, session.Mapper.Written(p.Row.Values))).ToList();
            var current = updates.Count > 0 ? await session.Writer.ReadCurrentAsync(updates, cancel).ConfigureAwait(false) : new();
            foreach (var planned in batch)
            {
                if (planned.Action == RowAction.Unchanged && !options.IncludeUnchanged) continue;
                yield return Row(session, planned, current.GetValueOrDefault(planned.Row.Key));
            }
        }
        var seen = await plan.SeenAsync(cancel).ConfigureAwait(false);
        if (seen is null) yield break;
        var gone = new List<WriteRow>(session.Line.BatchSize);
        foreach (var state in DeleteStep.Gone(store, session.Line.Id, seen))
        {
            cancel.ThrowIfCancellationRequested();
            gone.Add(new WriteRow(state.SourceKey, session.TargetKeyValues(state.SourceKey)));
            if (gone.Count < session.Line.BatchSize) continue;
            foreach (var row in await GoneRowsAsync(session, gone, cancel).ConfigureAwait(false)) yield return row;
            gone.Clear();
        }
        if (gone.Count > 0)
            foreach (var row in await GoneRowsAsync(session, gone, cancel).ConfigureAwait(false)) yield return row;
    }

    /// <summary>Rows gone from the source: a delete shows its key; a flag shows the column and the value it sets, and the value it replaces.</summary>
    private static async Task<List<PreviewRow>> GoneRowsAsync(LineSession session, List<WriteRow> gone, CancellationToken cancel)
    {
        var line = session.Line;
        if (session.DeleteAction == RowAction.Delete)
            return gone.Select(g => new PreviewRow { Line = line.Name, Key = g.SourceKey, Action = RowAction.Delete }).ToList();
        var flag = session.FlagColumn!;
        var current = await session.Writer.ReadColumnAsync(gone, flag.Name, cancel).ConfigureAwait(false);
        return gone.Select(g => new PreviewRow
        {
            Line = line.Name, Key = g.SourceKey, Action = RowAction.Flag, Columns = new[] { flag.Name }, Values = new[] { session.FlagValue },
            Changes = current.TryGetValue(g.SourceKey, out var old) && !SameValue(old, session.FlagValue, flag)
                ? new[] { new ColumnChange(flag.Name, old, session.FlagValue) } : Array.Empty<ColumnChange>(),
        }).ToList();
    }

    private static PreviewRow Row(LineSession session, PlannedRow planned, object?[]? current)
    {
        var names = session.Mapper.TargetNames;
        var values = planned.Row.Values;
        // The columns the run would write (not those left out with -ExcludeColumn), in the target table's order.
        var shown = session.Mapper.ShownColumns;
        var changes = new List<ColumnChange>();
        if (planned.Action == RowAction.Update && current is not null)
            foreach (var (value, written) in shown)
                if (!SameValue(current[written], values[value], session.Mapper.WrittenColumns[written]))
                    changes.Add(new ColumnChange(names[value], current[written], values[value]));
        return new PreviewRow
        {
            Line = session.Line.Name, Key = planned.Row.Key, Action = planned.Action,
            Columns = shown.Select(c => names[c.Value]).ToList(),
            Values = values.Length == 0 ? new object?[shown.Count] : shown.Select(c => values[c.Value]).ToArray(),
            Changes = changes, Error = planned.Error ?? planned.Skip,
        };
    }

    /// <summary>Whether the target holds the value already; a date column holds the day only, so only days are compared there.</summary>
    private static bool SameValue(object? current, object? value, ColumnInfo column)
    {
        if (current is null || value is null) return current is null && value is null;
        if (AsDateTime(current) is { } a && AsDateTime(value) is { } b && TypeCompatibility.IsDateOnly(column)) return a.Date == b.Date;
        return RowKey.Text(current) == RowKey.Text(value);
    }

    private static DateTime? AsDateTime(object value) => value switch
    {
        DateTime d => d,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => null,
    };
}
