using System.Data.Common;
using System.Globalization;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Filtering;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;
using OfiSync.Core.Statistics;

namespace OfiSync.Core.Profiling;

/// <summary>What Get-SyncColumn asks for.</summary>
public sealed record ProfileOptions
{
    /// <summary>Count values (rows, NULLs, distinct, min and max, the most frequent values), not only list the columns.</summary>
    public bool Profile { get; init; }
    /// <summary>Which source columns, given the source name and the target column it maps into; all when null.</summary>
    public Func<string, string?, bool>? Columns { get; init; }
    /// <summary>How many of the most frequent values to give per column.</summary>
    public int Top { get; init; } = 5;
    /// <summary>At most this many rows (those the filter keeps) are counted; 0 counts them all.</summary>
    public int RowLimit { get; init; } = 100_000;
    /// <summary>A condition added to the line's pre-filter with -and, in Where-Object syntax.</summary>
    public string? Filter { get; init; }
    public Func<string, object?>? FilterVariables { get; init; }
}

/// <summary>
/// A line's source columns as its filter sees them and, on request, their profile computed inside the source database
/// under the line's pre-filter: two queries for the whole set of columns (one of counts, one of the most frequent
/// values), over at most RowLimit rows, so a big table is never read whole and nothing but the counts comes back.
/// </summary>
public sealed class ColumnProfiler(Func<string, SyncConnection?> connections, ConnectionOpener opener)
{
    public async Task<IReadOnlyList<SyncColumn>> GetAsync(SyncLine line, ProfileOptions options, CancellationToken cancel)
    {
        var source = connections(line.Source) ?? throw new SyncLineException(line.Name, Messages.ConnectionNotFound(line.Source));
        var provider = DatabaseProviders.Get(source.Provider);
        await using var db = await opener.OpenAsync(source, cancel).ConfigureAwait(false);
        provider.PrepareSource(db);
        var (columns, from) = await SourceOf(line, provider, db, source.Name, cancel).ConfigureAwait(false);
        var chosen = columns.Where(c => options.Columns?.Invoke(c.Name, TargetOf(line, c.Name)) ?? true).ToList();
        var listed = chosen.Select(c => Describe(line, c)).ToList();
        if (!options.Profile || chosen.Count == 0) return listed;

        var filter = Filter(line, options, columns, provider);
        var sample = SampleSql(provider, from.Sql, chosen, filter?.Where, options.RowLimit);
        var parameters = from.Parameters.Concat(filter?.Parameters ?? Array.Empty<KeyValuePair<string, object?>>()).ToList();

        var counts = await CountsAsync(db, provider, line, chosen, sample, parameters, cancel).ConfigureAwait(false);
        var top = await TopAsync(db, provider, line, chosen, sample, parameters, options.Top, cancel).ConfigureAwait(false);
        var rows = counts.Rows;
        return listed.Select((c, i) => new SyncColumn
        {
            Line = c.Line, Name = c.Name, TargetColumn = c.TargetColumn, DataType = c.DataType, FilterType = c.FilterType, Nullable = c.Nullable,
            Profiled = true, Rows = rows, Nulls = rows - counts.NonNull[i], Distinct = counts.Distinct[i],
            Min = counts.Min[i], Max = counts.Max[i], Top = top[i],
            Limited = options.RowLimit > 0 && rows >= options.RowLimit, FilterLeftOut = filter?.Residual?.ToString(),
        }).ToList();
    }

    private static SyncColumn Describe(SyncLine line, ColumnInfo c) => new()
    {
        Line = line.Name, Name = c.Name, DataType = TypeCompatibility.Shown(c), FilterType = SourceQuery.ValueType(c), Nullable = c.AllowsNull,
        TargetColumn = TargetOf(line, c.Name),
    };

    private static string? TargetOf(SyncLine line, string sourceColumn) =>
        line.Columns.FirstOrDefault(m => m.Kind == MappingKind.Column && string.Equals(m.SourceColumn, sourceColumn, StringComparison.OrdinalIgnoreCase))?.TargetColumn;

    /// <summary>The source's columns and what a query reads them from: the table, the query, or the sales statistics.</summary>
    private static async Task<(IReadOnlyList<ColumnInfo>, SourceFrom)> SourceOf(SyncLine line, IDatabaseProvider provider, DbConnection db, string connection, CancellationToken cancel)
    {
        if (line.Statistics is { } spec)
        {
            var salesQuery = string.IsNullOrWhiteSpace(spec.Query) ? null : spec.Query;
            var sales = await SchemaReader.ReadColumnsAsync(db, provider, SalesStatisticsQuery.TableOf(spec), salesQuery, cancel).ConfigureAwait(false)
                        ?? throw new SyncLineException(line.Name, Messages.TableNotFound(spec.Table, connection));
            var customer = LineChecker.Find(sales, spec.CustomerColumn)
                           ?? throw new SyncLineException(line.Name, Messages.ColumnNotFound(spec.CustomerColumn, SalesStatisticsQuery.SourceName(spec), sales));
            var built = SalesStatisticsQuery.Build(spec, provider, DateTime.Today);
            return (SalesStatisticsQuery.ColumnsOf(customer), new SourceFrom($"({built.Sql}) {provider.QuoteIdentifier("ofisync_q")}", built.Parameters));
        }
        var columns = await SchemaReader.ReadColumnsAsync(db, provider, line.SourceTable, line.SourceQuery, cancel).ConfigureAwait(false)
                      ?? throw new SyncLineException(line.Name, Messages.TableNotFound(line.SourceTable!, connection));
        return (columns, new SourceFrom(SchemaReader.FromClause(provider, line.SourceTable, line.SourceQuery), Array.Empty<KeyValuePair<string, object?>>()));
    }

    /// <summary>The line's pre-filter, and the caller's, as this database's WHERE clause; null when there is none.</summary>
    private static SqlFilter? Filter(SyncLine line, ProfileOptions options, IReadOnlyList<ColumnInfo> columns, IDatabaseProvider provider)
    {
        try
        {
            FilterExpression? filter = string.IsNullOrWhiteSpace(line.Filter) ? null : FilterExpression.Parse(line.Filter);
            if (!string.IsNullOrWhiteSpace(options.Filter))
            {
                var extra = FilterExpression.Parse(options.Filter, options.FilterVariables);
                filter = filter is null ? extra : filter.And(extra);
            }
            if (filter is null) return null;
            filter = filter.Validate(LineChecker.FilterNames(line, columns));
            return filter.ToSql(provider, name => SourceQuery.ResolveSource(line, columns, name) is { } c
                ? new FilterColumn(provider.QuoteIdentifier(c.Name), SourceQuery.ValueType(c))
                : null);
        }
        catch (FilterException ex)
        {
            throw new SyncLineException(line.Name, ex.Message, ex);
        }
    }

    private static bool Orderable(ColumnInfo c) => TypeCompatibility.FamilyOf(c) is Family.Integer or Family.Decimal or Family.Float or Family.Date;

    private static bool Countable(ColumnInfo c) => TypeCompatibility.FamilyOf(c) is not (Family.Other or Family.Binary);

    private static string Alias(IDatabaseProvider provider, int i) => provider.QuoteIdentifier("c" + i.ToString(CultureInfo.InvariantCulture));

    private static string Exact(IDatabaseProvider provider, ColumnInfo c, int i) =>
        TypeCompatibility.FamilyOf(c) is Family.Text ? provider.Catalog.ExactText(Alias(provider, i)) : Alias(provider, i);

    /// <summary>Rows, and per column (aliased c0, c1...) COUNT, COUNT(DISTINCT), MIN and MAX over the sample.</summary>
    internal static string CountsSql(IDatabaseProvider provider, IReadOnlyList<ColumnInfo> columns, string sample)
    {
        var parts = new List<string> { "COUNT(*)" };
        for (var i = 0; i < columns.Count; i++)
        {
            var a = Alias(provider, i);
            parts.Add($"COUNT({a})");
            parts.Add(Countable(columns[i]) ? $"COUNT(DISTINCT {Exact(provider, columns[i], i)})" : "NULL");
            parts.Add(Orderable(columns[i]) ? $"MIN({a})" : "NULL");
            parts.Add(Orderable(columns[i]) ? $"MAX({a})" : "NULL");
        }
        return $"SELECT {string.Join(", ", parts)} FROM ({sample}) {provider.QuoteIdentifier("s")}";
    }

    /// <summary>(column index, value as text, count) of each column's <paramref name="top"/> most frequent values; null when no column has any.</summary>
    internal static string? TopSql(IDatabaseProvider provider, IReadOnlyList<ColumnInfo> columns, string sample, int top)
    {
        var q = provider.QuoteIdentifier;
        var s = q("s");
        var branches = columns.Select((c, i) => (c, i)).Where(x => Countable(x.c) && top > 0).Select(x =>
            $"SELECT {x.i.ToString(CultureInfo.InvariantCulture)} AS {q("k")}, MIN({provider.Catalog.AsText(Alias(provider, x.i))}) AS {q("v")}, COUNT(*) AS {q("n")} " +
            $"FROM {s} WHERE {Alias(provider, x.i)} IS NOT NULL GROUP BY {Exact(provider, x.c, x.i)}").ToList();
        if (branches.Count == 0) return null;
        return $"WITH {s} AS ({sample}) SELECT {q("k")}, {q("v")}, {q("n")} FROM (SELECT {q("k")}, {q("v")}, {q("n")}, " +
               $"ROW_NUMBER() OVER (PARTITION BY {q("k")} ORDER BY {q("n")} DESC, {q("v")}) AS {q("r")} FROM ({string.Join(" UNION ALL ", branches)}) {q("g")}) {q("t")} " +
               $"WHERE {q("r")} <= {top.ToString(CultureInfo.InvariantCulture)} ORDER BY {q("k")}, {q("r")}";
    }

    /// <summary>At most <paramref name="rowLimit"/> rows (0: all) of the chosen columns, aliased c0, c1..., under the filter.</summary>
    internal static string SampleSql(IDatabaseProvider provider, string from, IReadOnlyList<ColumnInfo> columns, string? where, int rowLimit)
    {
        var q = provider.QuoteIdentifier;
        var select = string.Join(", ", columns.Select((c, i) => $"{q(c.Name)} AS {Alias(provider, i)}"));
        var rest = $"FROM {from}" + (where is null ? "" : " WHERE " + where);
        return rowLimit > 0 ? provider.Catalog.FirstRows(select, rest, rowLimit) : $"SELECT {select} {rest}";
    }

    private sealed record Counts(long Rows, long[] NonNull, long?[] Distinct, object?[] Min, object?[] Max);

    /// <summary>One query: rows, and per column the non-NULL values, distinct values, and min and max where they mean something.</summary>
    private static async Task<Counts> CountsAsync(DbConnection db, IDatabaseProvider provider, SyncLine line, List<ColumnInfo> columns,
        string sample, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken cancel)
    {
        await using var command = Command(db, provider, line, CountsSql(provider, columns, sample), parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        await reader.ReadAsync(cancel).ConfigureAwait(false);
        long Long(int o) => reader.IsDBNull(o) ? 0 : Convert.ToInt64(reader.GetValue(o), CultureInfo.InvariantCulture);
        var n = columns.Count;
        var counts = new Counts(Long(0), new long[n], new long?[n], new object?[n], new object?[n]);
        for (var i = 0; i < n; i++)
        {
            var o = 1 + 4 * i;
            counts.NonNull[i] = Long(o);
            counts.Distinct[i] = Countable(columns[i]) ? Long(o + 1) : null;
            counts.Min[i] = reader.IsDBNull(o + 2) ? null : Typed(reader.GetValue(o + 2), columns[i]);
            counts.Max[i] = reader.IsDBNull(o + 3) ? null : Typed(reader.GetValue(o + 3), columns[i]);
        }
        return counts;
    }

    /// <summary>One query: per column, its <paramref name="top"/> most frequent non-NULL values with their counts.</summary>
    private static async Task<IReadOnlyList<ValueCount>[]> TopAsync(DbConnection db, IDatabaseProvider provider, SyncLine line, List<ColumnInfo> columns,
        string sample, IReadOnlyList<KeyValuePair<string, object?>> parameters, int top, CancellationToken cancel)
    {
        var result = columns.Select(_ => (IReadOnlyList<ValueCount>)new List<ValueCount>()).ToArray();
        if (TopSql(provider, columns, sample, top) is not { } sql) return result;
        await using var command = Command(db, provider, line, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var k = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            var text = reader.IsDBNull(1) ? null : Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture);
            ((List<ValueCount>)result[k]).Add(new ValueCount(FromText(text, columns[k]), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private static DbCommand Command(DbConnection db, IDatabaseProvider provider, SyncLine line, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = line.CommandTimeout;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            provider.SetParameterValue(p, value);
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>A min or max as the filter would compare it: SQLite gives a NUMERIC column's values as long or double.</summary>
    private static object? Typed(object value, ColumnInfo column) => SourceQuery.ValueType(column) switch
    {
        FilterValueType.Decimal when value is IConvertible and not string => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        FilterValueType.Integer when value is IConvertible and not string => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        FilterValueType.DateTime when value is string t => FromText(t, column),
        _ => value,
    };

    /// <summary>A value the database gave as text (to fit one column of the query) back in the column's type, when it reads as one.</summary>
    private static object? FromText(string? text, ColumnInfo column)
    {
        if (text is null) return null;
        var invariant = CultureInfo.InvariantCulture;
        switch (SourceQuery.ValueType(column))
        {
            case FilterValueType.Integer when long.TryParse(text, NumberStyles.Integer, invariant, out var l): return l;
            case FilterValueType.Decimal when decimal.TryParse(text, NumberStyles.Float, invariant, out var m): return m;
            case FilterValueType.Double when double.TryParse(text, NumberStyles.Float, invariant, out var d): return d;
            case FilterValueType.Boolean: return text is "1" or "t" or "true" or "True" or "TRUE" ? true : text is "0" or "f" or "false" or "False" or "FALSE" ? false : text;
            case FilterValueType.DateTime when DateTime.TryParse(text, invariant, DateTimeStyles.None, out var t): return t;
            default: return text;
        }
    }
}
