using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// Reads, maps and compares a line's source with its stored state, batch by batch: what a run would do with each row.
/// Once its batches have been read to the end, it also knows which keys the source had (<see cref="Seen"/>), from which
/// the rows gone from the source are found.
/// </summary>
internal sealed class LinePlan
{
    private readonly SyncStore _store;
    private readonly LineSession _session;
    private readonly SyncOptions _options;
    private readonly IReadOnlyList<SelectedRow>? _selection;
    private readonly Dictionary<string, RowAction>? _selectedActions;
    private readonly RowHasher _hasher = new();

    public LinePlan(SyncStore store, LineSession session, SyncOptions options, IReadOnlyList<SelectedRow>? selection = null)
    {
        _store = store;
        _session = session;
        _options = options;
        _selection = selection;
        if (selection is not null)
        {
            _selectedActions = new Dictionary<string, RowAction>(StringComparer.Ordinal);
            foreach (var s in selection) _selectedActions[s.Key] = s.Action;
        }
        Seen = session.FullScope && session.Line.DeletePolicy != DeletePolicy.Ignore ? new HashSet<UInt128>() : null;
    }

    /// <summary>
    /// Hashes of the keys the source gave, when the run reads the line's whole scope and its delete policy needs them;
    /// complete once <see cref="BatchesAsync"/> has been read to its end. Null when deletes are not looked for.
    /// </summary>
    public HashSet<UInt128>? Seen { get; }

    /// <summary>How many rows the source gave so far.</summary>
    public long Read { get; private set; }

    public static UInt128 KeyHash(string key) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(key));

    public async IAsyncEnumerable<PlanBatch> BatchesAsync([EnumeratorCancellation] CancellationToken cancel)
    {
        var line = _session.Line;
        var marks = ChangeMarks.For(_session);
        // One store connection for the states of every batch of the run.
        using var store = new StoreSession(_store);
        var batch = new List<MappedRow>(line.BatchSize);
        string? previousKey = null;
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        var rows = _selection is not null ? SelectedRows(_selection) : SourceRows(cancel);
        await foreach (var row in rows.WithCancellation(cancel).ConfigureAwait(false))
        {
            Read++;
            if (!row.NoKey) Seen?.Add(KeyHash(row.Key));
            marks?.See(row);
            var duplicate = !row.NoKey && (row.Key == previousKey || !inBatch.Add(row.Key));
            if (!row.NoKey) previousKey = row.Key;
            batch.Add(duplicate
                ? new MappedRow { Key = row.Key, Values = row.Values, Source = row.Source, Error = Messages.Stored.DuplicateSourceKey(row.Key), ErrorColumn = line.TargetKey.FirstOrDefault(), Duplicate = true }
                : row);
            if (batch.Count < line.BatchSize) continue;
            yield return Compare(store, batch, marks?.AfterBatch());
            batch = new List<MappedRow>(line.BatchSize);
            inBatch.Clear();
        }
        // The last batch carries the mark of the whole read (a read in key order has no other).
        if (batch.Count > 0 || marks?.AtEnd() is not null) yield return Compare(store, batch, marks?.AtEnd());
    }

    /// <summary>
    /// The keys of the line's whole scope, once the batches are read: from the rows read, or, when the run read only a
    /// change window, from a scan of the source's keys.
    /// </summary>
    public async Task<HashSet<UInt128>?> SeenAsync(CancellationToken cancel)
    {
        if (Seen is null || _session.Window is not { Windowed: true }) return Seen;
        await foreach (var key in _session.ScopeKeysAsync(cancel).ConfigureAwait(false)) Seen.Add(KeyHash(key));
        return Seen;
    }

    private async IAsyncEnumerable<MappedRow> SourceRows([EnumeratorCancellation] CancellationToken cancel)
    {
        var residual = _session.Query.Residual;
        var mapper = _session.Mapper;
        await foreach (var source in _session.Query.ReadAsync(_session.Source, cancel).ConfigureAwait(false))
        {
            var row = mapper.Map(source);
            if (residual is not null && !residual.Evaluate(name => mapper.ValueByName(row, name))) continue;
            yield return row;
        }
    }

    /// <summary>Rows picked from a preview: their values as the preview kept them, converted to their columns' types.</summary>
    private async IAsyncEnumerable<MappedRow> SelectedRows(IReadOnlyList<SelectedRow> selection)
    {
        var mapper = _session.Mapper;
        foreach (var s in selection)
        {
            var values = new object?[mapper.TargetNames.Count];
            string? error = null, column = null;
            for (var i = 0; i < values.Length; i++)
            {
                var name = mapper.TargetNames[i];
                if (!s.Values.TryGetValue(name, out var raw)) continue;
                try
                {
                    var target = mapper.WrittenColumns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                    values[i] = target is null ? raw : new ValueConverter(target).Convert(raw);
                }
                catch (ValueConversionException ex) { error ??= ex.Message; column ??= ex.Column; }
            }
            yield return new MappedRow { Key = s.Key, Values = values, Error = error ?? s.Error, ErrorColumn = column };
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private PlanBatch Compare(StoreSession store, List<MappedRow> batch, string? mark)
    {
        var planned = new PlanBatch(batch.Count) { Mark = mark };
        if (batch.Count == 0) return planned;
        var keys = batch.Select(r => r.Key).Distinct().ToList();
        var states = store.Read(c => _store.GetStates(c, _session.Line.Id, keys));
        foreach (var row in batch)
        {
            var state = states.GetValueOrDefault(row.Key);
            var wanted = _selectedActions?.GetValueOrDefault(row.Key);
            if (wanted is RowAction.Delete or RowAction.Flag)
            {
                // The preview showed a delete or a flag: if the line's delete policy changed since, the row is not acted on.
                var changed = wanted != _session.DeleteAction ? Messages.Stored.DeletePolicyChanged(_session.Line.Name, wanted.Value, _session.DeleteAction) : null;
                // A delete needs only the key: the target key columns' values.
                var keyOnly = new MappedRow { Key = row.Key, Values = _session.TargetKeyValues(row.Key) };
                planned.Add(new PlannedRow { Row = keyOnly, Action = _session.DeleteAction, TargetId = state?.TargetId, Error = changed });
                continue;
            }
            var hash = row.Error is null && row.Skip is null ? _hasher.Hash(row.Values) : null;
            RowAction action;
            if (state is null) action = RowAction.Insert;
            else if (!_options.All && _selection is null && hash is not null && state.Hash is not null && state.Status == StateStatus.Succeeded
                     && state.Hash.AsSpan().SequenceEqual(hash)) action = RowAction.Unchanged;
            else action = RowAction.Update;
            planned.Add(new PlannedRow
            {
                Row = row, Action = action, Hash = hash, Error = row.Error, ErrorColumn = row.ErrorColumn, TargetId = state?.TargetId,
                Skip = row.Error is null ? row.Skip : null,
            });
        }
        return planned;
    }
}
