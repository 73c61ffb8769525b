using OfiSync.Core.Connections;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Lines;

/// <summary>
/// Checks a sync line: first what can be told without a database (names, keys, map, delete policy,
/// dependencies), then, when asked to connect, that every table and column exists on both sides and that
/// the types can be converted.
/// </summary>
public sealed class LineChecker
{
    private readonly Func<string, SyncConnection?> _connections;
    private readonly IReadOnlyList<SyncLine> _otherLines;

    /// <param name="connections">Finds a stored connection by name.</param>
    /// <param name="allLines">The lines in the store, for DependsOn; the checked line may be among them.</param>
    public LineChecker(Func<string, SyncConnection?> connections, IReadOnlyList<SyncLine> allLines)
    {
        _connections = connections;
        _otherLines = allLines;
    }

    private static readonly System.Buffers.SearchValues<char> WildcardCharacters = System.Buffers.SearchValues.Create("*?[]");

    public List<LineProblem> CheckDefinition(SyncLine line)
    {
        var problems = new List<LineProblem>();
        void Add(LineSide side, string? column, ProblemCode code, string text, ProblemSeverity severity = ProblemSeverity.Error) =>
            problems.Add(new LineProblem { Line = line.Name, Side = side, Column = column, Code = code, Problem = text, Severity = severity });

        if (string.IsNullOrWhiteSpace(line.Name)) Add(LineSide.Line, null, ProblemCode.NameMissing, Messages.LineNameMissing);
        else if (line.Name.AsSpan().IndexOfAny(WildcardCharacters) >= 0) Add(LineSide.Line, null, ProblemCode.NameInvalid, Messages.LineNameHasWildcard(line.Name));

        if (_connections(line.Source) is null) Add(LineSide.Source, null, ProblemCode.ConnectionNotFound, Messages.ConnectionNotFound(line.Source));
        if (_connections(line.Target) is null) Add(LineSide.Target, null, ProblemCode.ConnectionNotFound, Messages.ConnectionNotFound(line.Target));
        if (line.Statistics is { } spec) CheckStatistics(line, spec, Add);
        else if (string.IsNullOrWhiteSpace(line.SourceTable) == string.IsNullOrWhiteSpace(line.SourceQuery))
            Add(LineSide.Source, null, ProblemCode.SourceMissing, Messages.SourceTableOrQuery);
        if (string.IsNullOrWhiteSpace(line.TargetTable)) Add(LineSide.Target, null, ProblemCode.TargetMissing, Messages.TargetTableMissing);

        if (line.Key.Count == 0) Add(LineSide.Source, null, ProblemCode.KeyMissing, Messages.KeyMissing);
        if (line.TargetKey.Count != line.Key.Count) Add(LineSide.Target, null, ProblemCode.KeyMismatch, Messages.TargetKeyCount(line.Key.Count, line.TargetKey.Count));
        foreach (var dup in line.Columns.GroupBy(c => c.TargetColumn, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Add(LineSide.Target, dup.Key, ProblemCode.ColumnMappedTwice, Messages.ColumnMappedTwice(dup.Key));
        foreach (var key in line.TargetKey.Where(k => !line.Columns.Any(c => string.Equals(c.TargetColumn, k, StringComparison.OrdinalIgnoreCase))))
            Add(LineSide.Target, key, ProblemCode.KeyNotMapped, Messages.KeyNotMapped(key));
        foreach (var map in line.Columns)
        {
            var complete = map.Kind switch
            {
                MappingKind.LineTargetId => !string.IsNullOrWhiteSpace(map.SourceColumn) && !string.IsNullOrWhiteSpace(map.FromLine),
                MappingKind.Column => !string.IsNullOrWhiteSpace(map.SourceColumn),
                MappingKind.Lookup => !string.IsNullOrWhiteSpace(map.SourceColumn) && !string.IsNullOrWhiteSpace(map.LookupTable)
                                      && !string.IsNullOrWhiteSpace(map.LookupMatch) && !string.IsNullOrWhiteSpace(map.LookupValue),
                _ => true,
            };
            if (string.IsNullOrWhiteSpace(map.TargetColumn) || !complete)
                Add(LineSide.Line, map.TargetColumn, ProblemCode.MappingIncomplete, Messages.MappingIncomplete(map.TargetColumn));
            // The CRM ids come from the other line's state: without -TargetId it records none, and every row would be skipped.
            else if (map.Kind == MappingKind.LineTargetId
                     && _otherLines.FirstOrDefault(l => string.Equals(l.Name, map.FromLine, StringComparison.OrdinalIgnoreCase)) is { TargetId: null } from)
                Add(LineSide.Line, map.TargetColumn, ProblemCode.TargetIdNotRecorded, Messages.TargetIdNotRecorded(from.Name));
        }
        if (line.DeletePolicy == DeletePolicy.Flag && string.IsNullOrWhiteSpace(line.FlagColumn))
            Add(LineSide.Target, null, ProblemCode.FlagColumnMissing, Messages.FlagColumnMissing);
        if (line.ChangeOverlap is { } overlap && overlap < TimeSpan.Zero)
            Add(LineSide.Line, line.ChangeColumn, ProblemCode.ChangeColumnInvalid, Messages.ChangeOverlapNegative(overlap));
        if (line.ChangeColumn is not null && line.Kind == LineKind.SalesStatistics)
            Add(LineSide.Line, line.ChangeColumn, ProblemCode.ChangeColumnInvalid, Messages.ChangeColumnOnStatistics);
        if (line.BatchSize is < 1 or > 100_000) Add(LineSide.Line, null, ProblemCode.BatchSizeInvalid, Messages.BatchSizeInvalid(line.BatchSize));
        if (line.CommandTimeout < 0) Add(LineSide.Line, null, ProblemCode.TimeoutInvalid, Messages.CommandTimeoutInvalid);

        foreach (var dependency in line.DependsOn)
        {
            if (string.Equals(dependency, line.Name, StringComparison.OrdinalIgnoreCase))
                Add(LineSide.Line, null, ProblemCode.DependsOnItself, Messages.LineDependsOnItself(line.Name));
            else if (!_otherLines.Any(l => string.Equals(l.Name, dependency, StringComparison.OrdinalIgnoreCase)))
                Add(LineSide.Line, null, ProblemCode.DependencyNotFound, Messages.DependencyNotFound(dependency));
        }
        if (LineOrder.FindCycle(line, _otherLines) is { } cycle)
            Add(LineSide.Line, null, ProblemCode.DependencyCycle, Messages.DependencyCycle(cycle));
        if (!string.IsNullOrWhiteSpace(line.Filter))
        {
            try { Filtering.FilterExpression.Parse(line.Filter); }
            catch (Filtering.FilterException ex) { Add(LineSide.Source, null, ProblemCode.FilterInvalid, ex.Message); }
        }
        return problems;
    }

    /// <summary>Connects to both sides and checks tables, columns, keys and types.</summary>
    public async Task<List<LineProblem>> CheckAsync(SyncLine line, ConnectionOpener opener, CancellationToken cancel)
    {
        var problems = CheckDefinition(line);
        if (problems.Any(p => p.Code is ProblemCode.ConnectionNotFound or ProblemCode.SourceMissing or ProblemCode.StatisticsSourceMissing or ProblemCode.TargetMissing)) return problems;
        void Add(LineSide side, string? column, ProblemCode code, string text, ProblemSeverity severity = ProblemSeverity.Error) =>
            problems.Add(new LineProblem { Line = line.Name, Side = side, Column = column, Code = code, Problem = text, Severity = severity });

        var source = line.Statistics is { } stats
            ? await StatisticsSideAsync(line, stats, opener, Add, cancel).ConfigureAwait(false)
            : await ReadSideAsync(line, LineSide.Source, opener, line.SourceTable, line.SourceQuery, Add, cancel).ConfigureAwait(false);
        var target = await ReadSideAsync(line, LineSide.Target, opener, line.TargetTable, null, Add, cancel).ConfigureAwait(false);

        if (source is not null)
        {
            // A key column is mapped too (New-SyncLine maps it when -Map does not), and a name already reported on this
            // side (an unknown sales statistics value) is not reported again: each missing name is told once.
            foreach (var name in line.Key.Concat(line.Columns.Where(m => m.SourceColumn is not null).Select(m => m.SourceColumn!))
                         .Distinct(StringComparer.OrdinalIgnoreCase)
                         .Where(n => Find(source.Columns, n) is null)
                         .Where(n => !problems.Any(p => p.Side == LineSide.Source && string.Equals(p.Column, n, StringComparison.OrdinalIgnoreCase)))
                         .ToList())
                Add(LineSide.Source, name, ProblemCode.ColumnNotFound, Messages.ColumnNotFound(name, source.Name, source.Columns));
            if (line.ChangeColumn is not null && line.Kind == LineKind.Table)
            {
                if (Find(source.Columns, line.ChangeColumn) is not { } change)
                    Add(LineSide.Source, line.ChangeColumn, ProblemCode.ColumnNotFound, Messages.ColumnNotFound(line.ChangeColumn, source.Name, source.Columns));
                else if (TypeCompatibility.FamilyOf(change) is not (Family.Date or Family.Integer))
                    Add(LineSide.Source, line.ChangeColumn, ProblemCode.ChangeColumnInvalid, Messages.ChangeColumnType(change.Name, change.DataTypeName));
            }
            if (!string.IsNullOrWhiteSpace(line.Filter) && !problems.Any(p => p.Code == ProblemCode.FilterInvalid))
            {
                try { Filtering.FilterExpression.Parse(line.Filter).Validate(FilterNames(line, source.Columns)); }
                catch (Filtering.FilterException ex) { Add(LineSide.Source, null, ProblemCode.FilterInvalid, ex.Message); }
            }
        }
        if (target is not null)
        {
            foreach (var map in line.Columns.Where(m => Find(target.Columns, m.TargetColumn) is null))
                Add(LineSide.Target, map.TargetColumn, ProblemCode.ColumnNotFound, Messages.ColumnNotFound(map.TargetColumn, target.Name, target.Columns));
            foreach (var name in new[] { line.TargetId, line.DeletePolicy == DeletePolicy.Flag ? line.FlagColumn : null }.OfType<string>())
                if (Find(target.Columns, name) is null)
                    Add(LineSide.Target, name, ProblemCode.ColumnNotFound, Messages.ColumnNotFound(name, target.Name, target.Columns));
        }
        if (source is not null && target is not null)
        {
            foreach (var map in line.Columns.Where(m => m.Kind == MappingKind.Column))
            {
                var s = Find(source.Columns, map.SourceColumn!);
                var t = Find(target.Columns, map.TargetColumn);
                if (s is null || t is null) continue;
                if (TypeCompatibility.Check(s, t) is { } issue)
                    Add(LineSide.Target, map.TargetColumn, issue.Code, Messages.TypeProblem(map.SourceColumn!, s, map.TargetColumn, t, issue.Text), issue.Severity);
                // A row whose key is NULL fails before it is written, whatever the target allows: only other columns are told.
                if (!line.Key.Contains(map.SourceColumn!, StringComparer.OrdinalIgnoreCase) && TypeCompatibility.CheckNull(s, t) is { } nulls)
                    Add(LineSide.Target, map.TargetColumn, nulls.Code, Messages.TypeProblem(map.SourceColumn!, s, map.TargetColumn, t, nulls.Text), nulls.Severity);
            }
        }
        foreach (var lookup in line.Columns.Where(m => m.Kind == MappingKind.Lookup && m.LookupTable is not null))
        {
            var table = await ReadSideAsync(line, LineSide.Target, opener, lookup.LookupTable, null, Add, cancel).ConfigureAwait(false);
            if (table is null) continue;
            foreach (var name in new[] { lookup.LookupMatch!, lookup.LookupValue! }.Where(n => Find(table.Columns, n) is null))
                Add(LineSide.Target, name, ProblemCode.ColumnNotFound, Messages.ColumnNotFound(name, table.Name, table.Columns));
        }
        return problems;
    }

    private sealed record Side(string Name, IReadOnlyList<ColumnInfo> Columns);

    private void CheckStatistics(SyncLine line, Statistics.SalesStatisticsSpec spec, Action<LineSide, string?, ProblemCode, string, ProblemSeverity> add)
    {
        var needed = spec.From == Statistics.SalesSource.Invoices ? spec.DateColumn : spec.YearColumn;
        if (string.IsNullOrWhiteSpace(spec.Table) == string.IsNullOrWhiteSpace(spec.Query))
            add(LineSide.Source, null, ProblemCode.StatisticsSourceMissing, Messages.StatisticsTableOrQuery, ProblemSeverity.Error);
        if (string.IsNullOrWhiteSpace(spec.CustomerColumn) || string.IsNullOrWhiteSpace(spec.AmountColumn) || string.IsNullOrWhiteSpace(needed))
            add(LineSide.Source, null, ProblemCode.StatisticsIncomplete, Messages.StatisticsColumnsMissing, ProblemSeverity.Error);
        if (spec.FiscalYearStartMonth is < 1 or > 12) add(LineSide.Line, null, ProblemCode.FiscalMonthInvalid, Messages.FiscalMonthInvalid, ProblemSeverity.Error);
        if (spec.EffectiveTierNames.Count != spec.EffectiveThresholds.Count + 1)
            add(LineSide.Line, null, ProblemCode.TierNamesInvalid, Messages.StatisticsThresholds(spec.EffectiveThresholds.Count, spec.EffectiveTierNames.Count), ProblemSeverity.Error);
        foreach (var fromLine in line.Columns.Where(c => c.Kind == MappingKind.LineTargetId).Select(c => c.FromLine!).Append(spec.CustomerLine).Distinct(StringComparer.OrdinalIgnoreCase))
            if (!_otherLines.Any(l => string.Equals(l.Name, fromLine, StringComparison.OrdinalIgnoreCase)))
                add(LineSide.Line, null, ProblemCode.CustomerLineNotFound, Messages.CustomerLineNotFound(fromLine), ProblemSeverity.Error);
        foreach (var name in line.Columns.Where(c => c.SourceColumn is not null).Select(c => c.SourceColumn!).Concat(line.Key)
                     .Where(n => !Statistics.SalesStatisticsSpec.Columns.Contains(n)).Distinct())
            add(LineSide.Source, name, ProblemCode.StatisticsColumnUnknown, Messages.StatisticsColumnUnknown(name), ProblemSeverity.Error);
        if (line.DeletePolicy != DeletePolicy.Ignore)
            add(LineSide.Line, null, ProblemCode.DeletePolicyNotSupported, Messages.StatisticsDeletePolicy, ProblemSeverity.Error);
    }

    /// <summary>The computed columns of a statistics line, after checking its sales table has the columns named.</summary>
    private async Task<Side?> StatisticsSideAsync(SyncLine line, Statistics.SalesStatisticsSpec spec, ConnectionOpener opener,
        Action<LineSide, string?, ProblemCode, string, ProblemSeverity> add, CancellationToken cancel)
    {
        var sales = Statistics.SalesStatisticsQuery.SourceName(spec);
        var table = await ReadSideAsync(line, LineSide.Source, opener, Statistics.SalesStatisticsQuery.TableOf(spec), Statistics.SalesStatisticsQuery.TableOf(spec) is null ? spec.Query : null,
            add, cancel).ConfigureAwait(false);
        if (table is null) return null;
        var named = new[] { spec.CustomerColumn, spec.AmountColumn, spec.DateColumn, spec.YearColumn, spec.InvoiceCountColumn, spec.LastSaleColumn }.OfType<string>();
        foreach (var name in named.Where(n => Find(table.Columns, n) is null))
            add(LineSide.Source, name, ProblemCode.ColumnNotFound, Messages.ColumnNotFound(name, sales, table.Columns), ProblemSeverity.Error);
        var customer = Find(table.Columns, spec.CustomerColumn);
        return customer is null ? null : new Side(sales, Statistics.SalesStatisticsQuery.ColumnsOf(customer));
    }

    private async Task<Side?> ReadSideAsync(SyncLine line, LineSide side, ConnectionOpener opener, string? table, string? query,
        Action<LineSide, string?, ProblemCode, string, ProblemSeverity> add, CancellationToken cancel)
    {
        var connection = _connections(side == LineSide.Source ? line.Source : line.Target)!;
        var name = table ?? Messages.TheSourceQuery;
        try
        {
            await using var db = await opener.OpenAsync(connection, cancel).ConfigureAwait(false);
            var columns = await SchemaReader.ReadColumnsAsync(db, Providers.DatabaseProviders.Get(connection.Provider), table, query, cancel).ConfigureAwait(false);
            if (columns is null)
            {
                add(side, null, ProblemCode.TableNotFound, Messages.TableNotFound(table!, connection.Name), ProblemSeverity.Error);
                return null;
            }
            return new Side(name, columns);
        }
        catch (SyncConnectionException ex)
        {
            add(side, null, ProblemCode.ConnectionFailed, ex.Message, ProblemSeverity.Error);
            return null;
        }
        catch (System.Data.Common.DbException ex)
        {
            add(side, null, query is null ? ProblemCode.TableUnreadable : ProblemCode.QueryInvalid, Messages.SideUnreadable(name, connection.Name, ex.Message), ProblemSeverity.Error);
            return null;
        }
    }

    /// <summary>
    /// The names a line's filter can use, as an unknown name's message lists them: the line's target columns (such a
    /// name means the mapped value), then the source's other columns.
    /// </summary>
    internal static IReadOnlyList<Filtering.FilterNameGroup> FilterNames(SyncLine line, IReadOnlyList<ColumnInfo> sourceColumns) => new[]
    {
        new Filtering.FilterNameGroup(Messages.FilterTargetColumns, line.Columns.Select(c => c.TargetColumn).ToList()),
        new Filtering.FilterNameGroup(Messages.FilterSourceColumns(line.Statistics is not null ? Messages.TheSalesStatistics : line.SourceTable ?? Messages.TheSourceQuery),
            sourceColumns.Select(c => c.Name).ToList()),
    };

    internal static ColumnInfo? Find(IReadOnlyList<ColumnInfo> columns, string name) =>
        columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
        ?? columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
