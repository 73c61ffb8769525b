using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using OfiSync.Core.Filtering;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine;

/// <summary>
/// The SELECT that reads a line's source: only the columns needed, the filter pushed down as a parameterised WHERE,
/// ordered by the key (so a duplicate key is seen at once). What the database cannot evaluate stays as a residual.
/// </summary>
/// <summary>What a source query reads from: a quoted table, or a derived table with the parameters it needs.</summary>
internal sealed record SourceFrom(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters);

internal sealed class SourceQuery
{
    private readonly IDatabaseProvider _provider;
    private readonly string _from;
    private readonly string? _where;
    private readonly List<KeyValuePair<string, object?>> _parameters;
    private readonly string _select;
    private readonly string _orderBy;
    private readonly int _timeout;

    public FilterExpression? Residual { get; }
    public IReadOnlyList<string> SelectList { get; }
    /// <summary>Where the change column is in each row read, when the line has one; else -1.</summary>
    public int ChangeOrdinal { get; private init; } = -1;

    private SourceQuery(IDatabaseProvider provider, SourceFrom from, IReadOnlyList<string> selectList, string orderBy, SqlFilter? filter, int timeout)
    {
        _provider = provider;
        _from = from.Sql;
        SelectList = selectList;
        _select = string.Join(", ", selectList.Select(provider.QuoteIdentifier));
        _orderBy = orderBy;
        _where = filter?.Where;
        _parameters = from.Parameters.Concat(filter?.Parameters ?? Array.Empty<KeyValuePair<string, object?>>()).ToList();
        Residual = filter?.Residual;
        _timeout = timeout;
    }

    public static SourceQuery Build(SyncLine line, IDatabaseProvider provider, IReadOnlyList<ColumnInfo> sourceColumns, RowMapper mapper, FilterExpression? filter, SourceFrom from,
        string? changeColumn = null, bool changeOrder = false)
    {
        var select = mapper.NeededSourceColumns.ToList();
        SqlFilter? sql = null;
        if (filter is not null)
        {
            var given = filter;
            FilterExpression Validated() => given.Validate(LineChecker.FilterNames(line, sourceColumns));
            SqlFilter? Sql(FilterExpression f) => f.ToSql(provider, name => ResolveSource(line, sourceColumns, name) is { } c
                ? new FilterColumn(provider.QuoteIdentifier(c.Name), ValueType(c))
                : null);
            try
            {
                filter = Validated();
                foreach (var name in filter.Names)
                    if (ResolveSource(line, sourceColumns, name) is { } column && !select.Contains(column.Name)) select.Add(column.Name);
                sql = Sql(filter);
            }
            catch (FilterException ex)
            {
                throw new SyncLineException(line.Name, ex.Message, ex, FilterException.InEnglish(ex, () => Sql(Validated())));
            }
        }
        if (changeColumn is not null && !select.Contains(changeColumn)) select.Add(changeColumn);
        mapper.Bind(select);
        // In change order, the rows of each batch are all those up to its last change value: the mark may move with it.
        var orderBy = string.Join(", ", (changeOrder ? new[] { changeColumn! } : Array.Empty<string>())
            .Concat(line.Key.Select(k => LineChecker.Find(sourceColumns, k)!.Name)).Select(provider.QuoteIdentifier));
        return new SourceQuery(provider, from, select, orderBy, sql, line.CommandTimeout) { ChangeOrdinal = changeColumn is null ? -1 : select.IndexOf(changeColumn) };
    }

    /// <summary>The source column a filter name reads, when the database can evaluate it: a target name mapped from a column, or a source name.</summary>
    internal static ColumnInfo? ResolveSource(SyncLine line, IReadOnlyList<ColumnInfo> sourceColumns, string name)
    {
        var map = line.Columns.FirstOrDefault(c => string.Equals(c.TargetColumn, name, StringComparison.OrdinalIgnoreCase));
        if (map is not null) return map.Kind == MappingKind.Column ? LineChecker.Find(sourceColumns, map.SourceColumn!) : null;
        return LineChecker.Find(sourceColumns, name);
    }

    internal static FilterValueType ValueType(ColumnInfo column) => TypeCompatibility.FamilyOf(column) switch
    {
        Family.Text => FilterValueType.Text,
        Family.Integer => FilterValueType.Integer,
        Family.Decimal => FilterValueType.Decimal,
        Family.Float => FilterValueType.Double,
        Family.Boolean => FilterValueType.Boolean,
        Family.Date => FilterValueType.DateTime,
        _ => FilterValueType.Other,
    };

    private DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _timeout;
        foreach (var (name, value) in _parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            _provider.SetParameterValue(p, value);
            command.Parameters.Add(p);
        }
        return command;
    }

    private string Where => _where is null ? "" : " WHERE " + _where;

    public async Task<long> CountAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = Command(connection, $"SELECT COUNT(*) FROM {_from}{Where}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>The highest value of a column among the rows the pushed-down filter selects.</summary>
    public async Task<object?> MaxAsync(DbConnection connection, string column, CancellationToken cancel)
    {
        await using var command = Command(connection, $"SELECT MAX({_provider.QuoteIdentifier(column)}) FROM {_from}{Where}");
        var value = await command.ExecuteScalarAsync(cancel).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private string SelectSql => $"SELECT {_select} FROM {_from}{Where} ORDER BY {_orderBy}";

    /// <summary>The query as -Verbose shows it: the SQL, the filter's parameter values, and what is left for memory.</summary>
    public string Describe()
    {
        var text = SelectSql;
        if (_parameters.Count > 0)
            text += " " + Messages.QueryParameters(string.Join(", ", _parameters.Select(p => $"{p.Key} = {FilterValues.Literal(ShowValue(p.Value))}")));
        if (Residual is not null) text += " " + Messages.QueryResidual(Residual.ToString());
        return text;
    }

    private static object? ShowValue(object? value) => value switch
    {
        null or string or bool or decimal or double or DateTime or DateTimeOffset or int or long => value,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The key of each row the query selects, as <see cref="RowKey"/> writes it; rows without a key are left out.</summary>
    public async IAsyncEnumerable<string> ReadKeysAsync(DbConnection connection, IReadOnlyList<string> keyColumns, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var command = Command(connection, $"SELECT {string.Join(", ", keyColumns.Select(_provider.QuoteIdentifier))} FROM {_from}{Where}");
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancel).ConfigureAwait(false);
        var values = new object?[keyColumns.Count];
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var noKey = false;
            for (var i = 0; i < values.Length; i++) noKey |= (values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i)) is null;
            if (!noKey) yield return RowKey.Encode(values);
        }
    }

    /// <summary>Streams the source rows; one array per row, DBNull as null.</summary>
    public async IAsyncEnumerable<object?[]> ReadAsync(DbConnection connection, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var command = Command(connection, SelectSql);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancel).ConfigureAwait(false);
        var count = reader.FieldCount;
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var row = new object?[count];
            for (var i = 0; i < count; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            yield return row;
        }
    }
}
