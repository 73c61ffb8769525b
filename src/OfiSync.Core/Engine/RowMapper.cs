using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine;

/// <summary>A source row turned into the line's target values.</summary>
internal sealed class MappedRow
{
    public string Key { get; init; } = "";
    /// <summary>Every mapped target value, in the line's column order (what the hash is over).</summary>
    public object?[] Values { get; init; } = Array.Empty<object?>();
    /// <summary>The raw source values, in the source query's column order (for filters on source names).</summary>
    public object?[] Source { get; init; } = Array.Empty<object?>();
    public string? Error { get; init; }
    public string? ErrorColumn { get; init; }
    /// <summary>Why the row is not written this time, without being at fault (a customer not yet in the CRM).</summary>
    public string? Skip { get; init; }
    /// <summary>A key column is NULL: the row cannot be identified, so it keeps no state.</summary>
    public bool NoKey { get; init; }
    /// <summary>A second source row with a key already read: it fails, and the first keeps its state.</summary>
    public bool Duplicate { get; init; }
}

/// <summary>Maps source rows to target values: columns, constants and lookups, each converted to its target column's type.</summary>
internal sealed class RowMapper
{
    private readonly SyncLine _line;
    private readonly Dictionary<ColumnMapping, LookupTable> _lookups;
    private readonly Func<string, LineTargetIds> _lineTargetIds;
    private readonly ValueConverter?[] _converters;
    private readonly int[] _writtenIndexes;
    private int[] _sourceOrdinals = Array.Empty<int>();
    private int[] _keyOrdinals = Array.Empty<int>();

    public RowMapper(SyncLine line, IReadOnlyList<ColumnInfo> sourceColumns, IReadOnlyList<ColumnInfo> targetColumns,
        Dictionary<ColumnMapping, LookupTable> lookups, IReadOnlyList<ColumnMapping> written, Func<string, LineTargetIds> lineTargetIds)
    {
        _lineTargetIds = lineTargetIds;
        _line = line;
        SourceColumns = sourceColumns;
        _lookups = lookups;
        TargetNames = line.Columns.Select(c => c.TargetColumn).ToList();
        _converters = line.Columns.Select(c => LineChecker.Find(targetColumns, c.TargetColumn) is { } t
            ? new ValueConverter(t, c.Kind == MappingKind.Column && c.SourceColumn is not null ? LineChecker.Find(sourceColumns, c.SourceColumn) : null)
            : null).ToArray();
        _writtenIndexes = written.Select(w => line.Columns.IndexOf(w)).ToArray();
        WrittenColumns = written.Select(w => LineChecker.Find(targetColumns, w.TargetColumn)
            ?? throw SyncLineException.Of(line.Name, () => Messages.ColumnNotFound(w.TargetColumn, line.TargetTable, targetColumns))).ToList();
        AllWritten = _writtenIndexes.Length == line.Columns.Count;
        ShownColumns = Enumerable.Range(0, WrittenColumns.Count).OrderBy(i => WrittenColumns[i].Ordinal)
            .Select(i => (_writtenIndexes[i], i)).ToList();
    }

    /// <summary>
    /// The written columns in the target table's order (a map given as a hashtable has no order of its own): for each,
    /// its index in the mapped values and its index among the written columns.
    /// </summary>
    public IReadOnlyList<(int Value, int Written)> ShownColumns { get; }

    public IReadOnlyList<ColumnInfo> SourceColumns { get; }
    public IReadOnlyList<string> TargetNames { get; }
    public IReadOnlyList<ColumnInfo> WrittenColumns { get; }
    public bool AllWritten { get; }

    /// <summary>The source columns the mapping reads: the key, then each mapped column, each once.</summary>
    public IEnumerable<string> NeededSourceColumns =>
        _line.Key.Concat(_line.Columns.Where(c => c.SourceColumn is not null).Select(c => c.SourceColumn!))
            .Select(n => LineChecker.Find(SourceColumns, n)?.Name ?? throw SyncLineException.Of(_line.Name, () => Messages.ColumnNotFound(n, _line.SourceTable ?? Messages.TheSourceQuery, SourceColumns)))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Learns where each source column is in the query's select list.</summary>
    public void Bind(IReadOnlyList<string> selectList)
    {
        _targetIndex = IndexOf(TargetNames);
        _sourceIndex = IndexOf(selectList);
        int Ordinal(string name) => selectList.ToList().FindIndex(s => string.Equals(s, LineChecker.Find(SourceColumns, name)!.Name, StringComparison.Ordinal));
        _keyOrdinals = _line.Key.Select(Ordinal).ToArray();
        _sourceOrdinals = _line.Columns.Select(c => c.SourceColumn is null ? -1 : Ordinal(c.SourceColumn)).ToArray();
    }

    public MappedRow Map(object?[] source)
    {
        var keyValues = new object?[_keyOrdinals.Length];
        string? skip = null, error = null, errorColumn = null;
        for (var i = 0; i < keyValues.Length; i++)
        {
            keyValues[i] = source[_keyOrdinals[i]];
            if (keyValues[i] is null && error is null)
            {
                // The row cannot be identified, but its other values are still mapped: a preview shows them, so the user can find it.
                error = Messages.Stored.KeyIsNull(_line.Key[i]);
                errorColumn = _line.TargetKey.ElementAtOrDefault(i);
            }
        }
        var noKey = error is not null;
        var key = RowKey.Encode(keyValues);
        var values = new object?[_line.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var map = _line.Columns[i];
            try
            {
                if (map.Kind == MappingKind.LineTargetId)
                {
                    var ids = _lineTargetIds(map.FromLine!);
                    var text = RowKey.Text(source[_sourceOrdinals[i]]);
                    if (ids.TryGetId(text, out var id)) values[i] = _converters[i] is { } c ? c.Convert(id) : id;
                    else skip ??= ids.WhyMissing(map.SourceColumn!, text);
                    continue;
                }
                var raw = map.Kind switch
                {
                    MappingKind.Constant => map.Constant,
                    MappingKind.Lookup => _lookups[map].Find(source[_sourceOrdinals[i]]),
                    _ => source[_sourceOrdinals[i]],
                };
                values[i] = _converters[i] is { } converter ? converter.Convert(raw) : raw;
            }
            catch (ValueConversionException ex)
            {
                // The first fault names the row's error; the other columns are still mapped, so a preview shows them.
                error ??= ex.Message;
                errorColumn ??= ex.Column;
                values[i] = source.ElementAtOrDefault(_sourceOrdinals[i]);
            }
        }
        return new MappedRow { Key = key, Values = values, Source = source, Skip = skip, Error = error, ErrorColumn = errorColumn, NoKey = noKey };
    }

    /// <summary>The values written, in the writer's column order.</summary>
    public object?[] Written(object?[] values)
    {
        if (AllWritten) return values;
        var result = new object?[_writtenIndexes.Length];
        for (var i = 0; i < result.Length; i++) result[i] = values[_writtenIndexes[i]];
        return result;
    }

    /// <summary>A value by the name a filter uses: a target column first, then a source column.</summary>
    public object? ValueByName(MappedRow row, string name)
    {
        if (_targetIndex.TryGetValue(name, out var t) && row.Values.Length > t) return row.Values[t];
        return _sourceIndex.TryGetValue(name, out var s) ? row.Source[s] : null;
    }

    // Built once per line: the residual filter asks for values by name on every row.
    private Dictionary<string, int> _targetIndex = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, int> _sourceIndex = new(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, int> IndexOf(IReadOnlyList<string> names)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++) index.TryAdd(names[i], i);
        return index;
    }
}
