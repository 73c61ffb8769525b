namespace OfiSync.Core.Filtering;

/// <summary>
/// Turns a filter into a WHERE clause that selects exactly the rows PowerShell's Where-Object would, or leaves the
/// parts it cannot translate exactly for memory. The rules:
/// <list type="bullet">
/// <item>Only top-level -and conditions are split; an -or or -not containing anything untranslatable stays whole.</item>
/// <item>-not is pushed down to the comparisons (-not (a -lt 5) is a -ge 5), so no SQL NOT ever meets a NULL:
/// each comparison is written as "true exactly when PowerShell says true", with the $null case decided by running
/// PowerShell's own rule on $null ("x -ne 'a'" adds "OR x IS NULL"; "$null -lt 5" is true, so "x -lt 5" does too).</item>
/// <item>The value is converted as PowerShell converts it for the column's type (FilterColumn.Type); when the
/// conversion is not one that SQL reproduces, the comparison stays in memory.</item>
/// <item>Identifiers come from the caller, already quoted; every value is a parameter.</item>
/// </list>
/// </summary>
internal sealed partial class SqlFilterTranslator
{
    private readonly SqlFilterDialect _dialect;
    private readonly Func<string, FilterColumn?> _columns;
    private readonly string _prefix;
    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    private SqlFilterTranslator(SqlFilterDialect dialect, Func<string, FilterColumn?> columns, string prefix)
    {
        _dialect = dialect;
        _columns = columns;
        _prefix = prefix;
    }

    public static SqlFilter Translate(FilterExpression filter, SqlFilterDialect dialect, Func<string, FilterColumn?> columns, string prefix)
    {
        var translator = new SqlFilterTranslator(dialect, columns, prefix);
        var pushed = new List<string>();
        FilterNode? residual = null;
        foreach (var conjunct in Conjuncts(filter.Root))
        {
            int mark = translator._parameters.Count;
            var sql = translator.Node(conjunct, negated: false);
            if (sql is not null)
            {
                pushed.Add(sql);
                continue;
            }
            translator._parameters.RemoveRange(mark, translator._parameters.Count - mark);
            residual = residual is null ? conjunct : new LogicalNode(residual, true, conjunct, conjunct.Position);
        }
        if (pushed.Contains(False))
        {
            pushed = [False];
            translator._parameters.Clear();
        }
        else if (pushed.Count > 1) pushed.RemoveAll(p => p == True);
        return new SqlFilter(
            pushed.Count == 0 ? null : string.Join(" AND ", pushed),
            translator._parameters,
            residual is null ? null : FilterExpression.FromNode(residual));
    }

    /// <summary>The conditions joined by -and at the top, left to right.</summary>
    private static List<FilterNode> Conjuncts(FilterNode root)
    {
        var result = new List<FilterNode>();
        var pending = new Stack<FilterNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is LogicalNode { IsAnd: true } and)
            {
                pending.Push(and.Right);
                pending.Push(and.Left);
            }
            else result.Add(node);
        }
        return result;
    }

    private string Parameter(object? value)
    {
        var name = "@" + _prefix + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return name;
    }

    private const string True = "1=1";
    private const string False = "1=0";

    private string? Node(FilterNode node, bool negated)
    {
        switch (node)
        {
            case LogicalNode n:
                int mark = _parameters.Count;
                var left = Node(n.Left, negated);
                if (left is null) return null;
                var right = Node(n.Right, negated);
                if (right is null) return null;
                bool and = n.IsAnd != negated;
                // Constants ($true, an empty -in list, -like '*') fold away; a side dropped whole takes its parameters.
                var absorbing = and ? False : True;
                if (left == absorbing || right == absorbing)
                {
                    _parameters.RemoveRange(mark, _parameters.Count - mark);
                    return absorbing;
                }
                var neutral = and ? True : False;
                if (left == neutral) return right;
                if (right == neutral) return left;
                return "(" + left + (and ? " AND " : " OR ") + right + ")";
            case NotNode n:
                return Node(n.Operand, !negated);
            case TruthNode n:
                return Truth(n.Operand, !negated);
            case ComparisonNode n:
                return Comparison(n, negated ? n.Operator.Negate() : n.Operator, n.CaseSensitive);
            default:
                return null;
        }
    }

    private string? Truth(FilterOperand operand, bool wanted)
    {
        if (operand is ValueOperand v) return PowerShellConvert.IsTrue(v.Value) == wanted ? True : False;
        if (operand is not PropertyOperand p || _columns(p.Name) is not { } column) return null;
        var c = column.Sql;
        string? truthy = column.Type switch
        {
            FilterValueType.Boolean => $"{c} = {Parameter(_dialect.BooleanParameter(true))}",
            FilterValueType.Text => _dialect.TextNotEmpty(c),
            FilterValueType.Integer or FilterValueType.Decimal or FilterValueType.Double => $"{c} <> {Parameter(_dialect.NumberParameter(0))}",
            FilterValueType.DateTime => $"{c} IS NOT NULL",
            _ => null,
        };
        if (truthy is null) return null;
        // $null is false: "truthy" is never true for NULL, and its negation must include NULL explicitly.
        return wanted ? truthy : $"({c} IS NULL OR NOT ({truthy}))";
    }

    private string? Comparison(ComparisonNode node, ComparisonOperator op, bool caseSensitive)
    {
        switch (node.Left, node.Right)
        {
            case (not PropertyOperand, not PropertyOperand):
                try
                {
                    return PowerShellOperators.Compare(op, Value(node.Left), Value(node.Right), caseSensitive) ? True : False;
                }
                catch (Exception e) when (e is PowerShellOperators.ComparisonFailure or FormatException)
                {
                    return null;
                }
            case (PropertyOperand p, not PropertyOperand):
                return Atom(p.Name, op, Value(node.Right), caseSensitive);
            // 'Madrid' -eq $_.poblacion: the value is the left operand, exactly as an item of -in is.
            case (ValueOperand v, PropertyOperand p) when op is ComparisonOperator.Eq or ComparisonOperator.Ne:
                return Atom(p.Name, op == ComparisonOperator.Eq ? ComparisonOperator.In : ComparisonOperator.NotIn, new List<object?> { v.Value }, caseSensitive);
            default:
                return null;
        }
    }

    private static object? Value(FilterOperand operand) => operand switch
    {
        ValueOperand v => v.Value,
        ListOperand l => l.Values,
        _ => null,
    };

    private string? Atom(string name, ComparisonOperator op, object? value, bool caseSensitive)
    {
        if (_columns(name) is not { } column) return null;
        if (op.IsMembership() && value is not IReadOnlyList<object?>) value = new List<object?> { value };
        bool nullResult;
        try
        {
            nullResult = PowerShellOperators.Compare(op, null, value, caseSensitive);
        }
        catch (Exception e) when (e is PowerShellOperators.ComparisonFailure or FormatException)
        {
            return null;
        }
        var predicate = op.IsMembership()
            ? Membership(column, op, (IReadOnlyList<object?>)value!, caseSensitive)
            : value is null ? AgainstNull(column, op, caseSensitive) : Predicate(column, op, value, caseSensitive);
        if (predicate is null) return null;
        var c = column.Sql;
        // The predicate speaks for non-NULL values only; the NULL row gets PowerShell's answer for $null.
        return (predicate, nullResult) switch
        {
            (True, true) => True,
            (True, false) => $"{c} IS NOT NULL",
            (False, true) => $"{c} IS NULL",
            (False, false) => False,
            (_, true) => $"({c} IS NULL OR {predicate})",
            _ => predicate,
        };
    }

    /// <summary>A non-null value of the column compared with $null, as PowerShell does it.</summary>
    private string? AgainstNull(FilterColumn column, ComparisonOperator op, bool caseSensitive)
    {
        switch (op)
        {
            case ComparisonOperator.Eq: return False;
            case ComparisonOperator.Ne: return True;
            case ComparisonOperator.Like or ComparisonOperator.NotLike: return Predicate(column, op, "", caseSensitive);
        }
        if (column.Type is FilterValueType.Integer or FilterValueType.Decimal or FilterValueType.Double)
        {
            // A number against $null: "x -lt $null" is x < 0, "x -gt $null" is x >= 0.
            var zero = Parameter(_dialect.NumberParameter(0));
            return op is ComparisonOperator.Lt or ComparisonOperator.Le ? $"{column.Sql} < {zero}" : $"{column.Sql} >= {zero}";
        }
        return column.Type is FilterValueType.Other ? null : op is ComparisonOperator.Gt or ComparisonOperator.Ge ? True : False;
    }

    private string? Predicate(FilterColumn column, ComparisonOperator op, object value, bool caseSensitive)
    {
        var c = column.Sql;
        switch (column.Type)
        {
            case FilterValueType.Text:
                var text = PowerShellConvert.ToText(value);
                return op switch
                {
                    ComparisonOperator.Eq => TextEquals(c, text, caseSensitive),
                    ComparisonOperator.Ne => TextEquals(c, text, caseSensitive) is { } eq ? $"NOT ({eq})" : null,
                    ComparisonOperator.Like => Like(c, text, caseSensitive),
                    ComparisonOperator.NotLike => Like(c, text, caseSensitive) is { } like ? Negate(like) : null,
                    _ => caseSensitive
                        ? _dialect.TextCompareCaseSensitive(c, SqlOperator(op), Parameter(text))
                        : _dialect.TextCompare(c, SqlOperator(op), Parameter(text)),
                };
            case FilterValueType.Integer or FilterValueType.Decimal or FilterValueType.Double:
                if (op is ComparisonOperator.Like or ComparisonOperator.NotLike) return null;
                var number = NumberFor(column.Type, value is string s ? Scan(s, column.Type) : value is bool b ? (b ? 1 : 0) : value);
                return number is null ? null : $"{c} {SqlOperator(op)} {Parameter(_dialect.NumberParameter(number))}";
            case FilterValueType.Boolean:
                if (op is not (ComparisonOperator.Eq or ComparisonOperator.Ne)) return null;
                return $"{c} {SqlOperator(op)} {Parameter(_dialect.BooleanParameter(PowerShellConvert.ToBool(value)))}";
            case FilterValueType.DateTime:
                if (op is ComparisonOperator.Like or ComparisonOperator.NotLike) return null;
                if (value is not (DateTime or string) || !PowerShellConvert.TryToDateTime(value, out var date)) return null;
                return $"{_dialect.DateColumn(c)} {SqlOperator(op)} {Parameter(_dialect.DateParameter(date))}";
            default:
                return null;
        }
    }

    private string? TextEquals(string column, string text, bool caseSensitive) => caseSensitive
        ? _dialect.TextEqualsCaseSensitive(column, text, Parameter)
        : _dialect.TextEquals(column, text, Parameter);

    private string? Like(string column, string pattern, bool caseSensitive)
    {
        var wildcard = PowerShellWildcard.Get(pattern, caseSensitive);
        if (wildcard.Shape == WildcardShape.MatchAll) return True;
        return caseSensitive ? _dialect.TextLikeCaseSensitive(column, wildcard, Parameter) : _dialect.TextLike(column, wildcard, Parameter);
    }

    private static string Negate(string predicate) => predicate switch
    {
        True => False,
        False => True,
        _ => $"NOT ({predicate})",
    };

    /// <summary>
    /// x -in list is "item -eq x" for each item, the item on the LEFT: it converts x, not the other way round.
    /// Only items of the column's own kind are symmetric, so only those are translated.
    /// </summary>
}
