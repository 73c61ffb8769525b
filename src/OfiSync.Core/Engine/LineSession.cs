using System.Data.Common;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Filtering;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;
using OfiSync.Core.Statistics;

namespace OfiSync.Core.Engine;

/// <summary>
/// Everything one preview or run of one line needs, prepared once: both connections, both schemas, the source
/// query with the filter pushed down, the lookups, the converters and the target writer.
/// </summary>
internal sealed partial class LineSession : IAsyncDisposable
{
    public SyncLine Line { get; }
    public DbConnection Source { get; private set; } = null!;
    public IDatabaseProvider SourceProvider { get; private set; } = null!;
    /// <summary>The connection written to, and its file when it is SQLite: what a "database is locked" is about.</summary>
    public SyncConnection TargetConnection { get; private set; } = null!;
    private string _targetDatabase = "";
    public ITargetWriter Writer { get; private set; } = null!;
    public SourceQuery Query { get; private set; } = null!;
    public RowMapper Mapper { get; private set; } = null!;
    /// <summary>Whether this run reads the line's whole scope, so rows missing from it were deleted in the source.</summary>
    public bool FullScope { get; private set; }
    public ColumnInfo? FlagColumn { get; private set; }
    /// <summary>What happens to a row the source no longer has: Delete, or Flag under the Flag policy.</summary>
    public RowAction DeleteAction => Line.DeletePolicy == DeletePolicy.Flag ? RowAction.Flag : RowAction.Delete;
    public object? FlagValue { get; private set; }
    public string TargetDescription { get; private set; } = "";
    private ValueConverter[] _keyConverters = Array.Empty<ValueConverter>();

    /// <summary>A stored source key as the target key columns' values, for a delete.</summary>
    public object?[] TargetKeyValues(string key)
    {
        var parts = RowKey.Decode(key);
        return _keyConverters.Select((c, i) => c.Convert(parts.ElementAtOrDefault(i))).ToArray();
    }

    private LineSession(SyncLine line) => Line = line;

    public static async Task<LineSession> OpenAsync(SyncLine line, Func<string, SyncConnection?> connections, ConnectionOpener opener,
        SyncOptions options, IReadOnlyCollection<string>? onlyColumns, Func<string, LineTargetIds> lineTargetIds, CancellationToken cancel)
    {
        var session = new LineSession(line);
        try
        {
            await session.PrepareAsync(connections, opener, options, onlyColumns, lineTargetIds, cancel).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task PrepareAsync(Func<string, SyncConnection?> connections, ConnectionOpener opener, SyncOptions options,
        IReadOnlyCollection<string>? onlyColumns, Func<string, LineTargetIds> lineTargetIds, CancellationToken cancel)
    {
        var sourceConnection = connections(Line.Source) ?? throw SyncLineException.Of(Line.Name, () => Messages.ConnectionNotFound(Line.Source));
        var targetConnection = connections(Line.Target) ?? throw SyncLineException.Of(Line.Name, () => Messages.ConnectionNotFound(Line.Target));
        SourceProvider = DatabaseProviders.Get(sourceConnection.Provider);
        var targetProvider = DatabaseProviders.Get(targetConnection.Provider);
        TargetDescription = $"{targetConnection.Name}.{Line.TargetTable}";

        TargetConnection = targetConnection;
        Source = await opener.OpenAsync(sourceConnection, cancel).ConfigureAwait(false);
        SourceProvider.PrepareSource(Source);
        var target = await opener.OpenAsync(targetConnection, cancel).ConfigureAwait(false);
        _targetDatabase = targetProvider.Describe(target);
        IReadOnlyList<ColumnInfo> sourceColumns;
        SourceFrom from;
        if (Line.Statistics is { } spec)
        {
            var salesQuery = string.IsNullOrWhiteSpace(spec.Query) ? null : spec.Query;
            var salesColumns = await OnSide(sourceConnection, SourceProvider.Describe(Source), () => SchemaReader.ReadColumnsAsync(Source, SourceProvider, SalesStatisticsQuery.TableOf(spec), salesQuery, cancel)).ConfigureAwait(false)
                               ?? throw SyncLineException.Of(Line.Name, () => Messages.TableNotFound(spec.Table, sourceConnection.Name));
            var customer = LineChecker.Find(salesColumns, spec.CustomerColumn)
                           ?? throw SyncLineException.Of(Line.Name, () => Messages.ColumnNotFound(spec.CustomerColumn, SalesStatisticsQuery.SourceName(spec), salesColumns));
            var built = SalesStatisticsQuery.Build(spec, SourceProvider, options.AsOf ?? DateTime.Today);
            sourceColumns = SalesStatisticsQuery.ColumnsOf(customer);
            from = new SourceFrom($"({built.Sql}) {SourceProvider.QuoteIdentifier("ofisync_q")}", built.Parameters);
        }
        else
        {
            sourceColumns = await OnSide(sourceConnection, SourceProvider.Describe(Source), () => SchemaReader.ReadColumnsAsync(Source, SourceProvider, Line.SourceTable, Line.SourceQuery, cancel)).ConfigureAwait(false)
                            ?? throw SyncLineException.Of(Line.Name, () => Messages.TableNotFound(Line.SourceTable!, sourceConnection.Name));
            from = new SourceFrom(SchemaReader.FromClause(SourceProvider, Line.SourceTable, Line.SourceQuery), Array.Empty<KeyValuePair<string, object?>>());
        }
        var targetColumns = await OnSide(targetConnection, _targetDatabase, () => SchemaReader.ReadColumnsAsync(target, targetProvider, Line.TargetTable, null, cancel)).ConfigureAwait(false)
                            ?? throw SyncLineException.Of(Line.Name, () => Messages.TableNotFound(Line.TargetTable, targetConnection.Name));

        var lookups = new Dictionary<ColumnMapping, LookupTable>();
        foreach (var map in Line.Columns.Where(m => m.Kind == MappingKind.Lookup))
            lookups[map] = await OnSide(targetConnection, _targetDatabase, () => LookupTable.LoadAsync(target, targetProvider, map, Line.CommandTimeout, cancel)).ConfigureAwait(false);

        var written = Line.Columns.Where(c => !options.ExcludeColumns.Contains(c.TargetColumn, StringComparer.OrdinalIgnoreCase)
                                              && (onlyColumns is null || onlyColumns.Contains(c.TargetColumn, StringComparer.OrdinalIgnoreCase))).ToList();
        foreach (var excluded in options.ExcludeColumns.Where(e => !Line.Columns.Any(c => string.Equals(c.TargetColumn, e, StringComparison.OrdinalIgnoreCase))))
            throw SyncLineException.Of(Line.Name, () => Messages.ColumnNotInLine(excluded, Line.Name, Line.Columns.Select(c => c.TargetColumn)));
        foreach (var key in Line.TargetKey.Where(k => !written.Any(c => string.Equals(c.TargetColumn, k, StringComparison.OrdinalIgnoreCase))))
            throw SyncLineException.Of(Line.Name, () => Messages.KeyColumnCannotBeExcluded(key));

        var filter = CombinedFilter(options);
        Mapper = new RowMapper(Line, sourceColumns, targetColumns, lookups, written, lineTargetIds);
        Query = SourceQuery.Build(Line, SourceProvider, sourceColumns, Mapper, filter, from);
        (_sourceColumns, _from, _filter) = (sourceColumns, from, filter);
        FullScope = string.IsNullOrWhiteSpace(options.Filter) && onlyColumns is null;

        var idColumn = Line.TargetId is null ? null : LineChecker.Find(targetColumns, Line.TargetId);
        if (Line.DeletePolicy == DeletePolicy.Flag && Line.FlagColumn is not null)
        {
            FlagColumn = LineChecker.Find(targetColumns, Line.FlagColumn);
            FlagValue = FlagColumn is null ? Line.FlagValue : new ValueConverter(FlagColumn).Convert(Line.FlagValue);
        }
        _keyConverters = Line.TargetKey.Select(k => new ValueConverter(LineChecker.Find(targetColumns, k)!)).ToArray();
        var shape = new WriterShape(targetProvider, Line.TargetTable, Mapper.WrittenColumns, Line.TargetKey, idColumn);
        Writer = targetProvider.CreateWriter(target, shape, Line.CommandTimeout);
        _newWriter = async c => targetProvider.CreateWriter(await opener.OpenAsync(targetConnection, c).ConfigureAwait(false), shape, Line.CommandTimeout);
    }

    private FilterExpression? CombinedFilter(SyncOptions options)
    {
        FilterExpression? Parse()
        {
            FilterExpression? filter = null;
            if (!string.IsNullOrWhiteSpace(Line.Filter)) filter = FilterExpression.Parse(Line.Filter);
            if (!string.IsNullOrWhiteSpace(options.Filter))
            {
                var run = FilterExpression.Parse(options.Filter, options.FilterVariables);
                filter = filter is null ? run : filter.And(run);
            }
            return filter;
        }
        try
        {
            return Parse();
        }
        catch (FilterException ex)
        {
            throw new SyncLineException(Line.Name, ex.Message, ex, FilterException.InEnglish(ex, () => Parse()));
        }
    }

    private Func<CancellationToken, Task<ITargetWriter>>? _newWriter;

    /// <summary>Runs work against the target; a database another program holds locked comes out naming the connection and the database.</summary>
    public Task OnTarget(Func<Task> work) =>
        OnSide(TargetConnection, _targetDatabase, async () => { await work().ConfigureAwait(false); return 0; });

    private static async Task<T> OnSide<T>(SyncConnection side, string database, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not DatabaseLockedException && Faults.IsLocked(ex))
        {
            throw new DatabaseLockedException(side.Name, database, ex);
        }
    }

    /// <summary>A new target connection and writer, after a passing fault broke the old one.</summary>
    public async Task ReopenTargetAsync(CancellationToken cancel)
    {
        try { await Writer.DisposeAsync().ConfigureAwait(false); }
        catch (Exception ex) when (Faults.IsPassing(ex)) { }
        Writer = await _newWriter!(cancel).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Writer is not null) await Writer.DisposeAsync().ConfigureAwait(false);
        if (Source is not null) await Source.DisposeAsync().ConfigureAwait(false);
    }
}
