using OfiSync.Core.Filtering;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine;

/// <summary>What a change-column run asks of the session: the column, its highest value, the window to read.</summary>
internal sealed partial class LineSession
{
    private IReadOnlyList<ColumnInfo> _sourceColumns = Array.Empty<ColumnInfo>();
    private SourceFrom _from = null!;
    private FilterExpression? _filter;
    private SourceQuery? _scope;

    /// <summary>How the run reads by the line's change column, when it has one.</summary>
    public ChangeWindow? Window { get; set; }

    /// <summary>A source column by name (as the database spells it), or null.</summary>
    public ColumnInfo? SourceColumn(string name) => LineChecker.Find(_sourceColumns, name);

    /// <summary>The highest value of a column among the rows the line's filter selects (the database computes it).</summary>
    public Task<object?> MaxOfAsync(ColumnInfo column, CancellationToken cancel) => Query.MaxAsync(Source, column.Name, cancel);

    /// <summary>Reads the change column with every row (in key order, as always), so the run can take its mark.</summary>
    public void TrackChanges(ColumnInfo column) =>
        Query = SourceQuery.Build(Line, SourceProvider, _sourceColumns, Mapper, _filter, _from, column.Name, changeOrder: false);

    /// <summary>Reads only the window: the line's filter and the window's, in change order (then key order).</summary>
    public void ReadWindow(ColumnInfo column, string window, Func<string, object?> variables)
    {
        var filter = FilterExpression.Parse(window, variables);
        _scope = Query;
        Query = SourceQuery.Build(Line, SourceProvider, _sourceColumns, Mapper, _filter is null ? filter : _filter.And(filter), _from, column.Name, changeOrder: true);
    }

    /// <summary>The keys of every row the line's filter selects: keys only (a window is used only when the whole filter runs in the database).</summary>
    public IAsyncEnumerable<string> ScopeKeysAsync(CancellationToken cancel) =>
        (_scope ?? Query).ReadKeysAsync(Source, Line.Key.Select(k => SourceColumn(k)!.Name).ToList(), cancel);

    /// <summary>Stored source keys as the key columns' typed values, for a query; null when one cannot be converted.</summary>
    public IReadOnlyList<object?[]>? TypedKeys(IReadOnlyList<string> keys)
    {
        var converters = Line.Key.Select(k => new ValueConverter(SourceColumn(k)!)).ToArray();
        var typed = new List<object?[]>(keys.Count);
        try
        {
            foreach (var key in keys)
            {
                var parts = RowKey.Decode(key);
                if (parts.Length != converters.Length) return null;
                typed.Add(converters.Select((c, i) => c.Convert(parts[i])).ToArray());
            }
        }
        catch (ValueConversionException) { return null; }
        return typed;
    }
}
