namespace OfiSync.Core.Filtering;

/// <summary>The translator's lists and values: -in and -notin, and a value converted as PowerShell converts it for a column's type.</summary>
internal sealed partial class SqlFilterTranslator
{
    private string? Membership(FilterColumn column, ComparisonOperator op, IReadOnlyList<object?> items, bool caseSensitive)
    {
        var values = items.Where(i => i is not null).Cast<object>().ToList();
        string? any;
        if (values.Count == 0) any = False;
        else
        {
            var c = column.Sql;
            switch (column.Type)
            {
                case FilterValueType.Text when values.All(v => v is string):
                    var texts = values.Cast<string>().ToList();
                    any = caseSensitive ? _dialect.TextInCaseSensitive(c, texts, Parameter) : _dialect.TextIn(c, texts, Parameter);
                    if (any is null) return null;
                    break;
                case FilterValueType.Integer or FilterValueType.Decimal or FilterValueType.Double
                    when values.All(PowerShellConvert.IsNumeric) && values.Select(v => NumberFor(column.Type, v)).ToList() is var numbers && numbers.All(n => n is not null):
                    any = $"{c} IN ({string.Join(", ", numbers.Select(n => Parameter(_dialect.NumberParameter(n!))))})";
                    break;
                case FilterValueType.Boolean when values.All(v => v is bool):
                    any = $"{c} IN ({string.Join(", ", values.Select(v => Parameter(_dialect.BooleanParameter((bool)v))))})";
                    break;
                case FilterValueType.DateTime when values.All(v => v is DateTime):
                    any = $"{_dialect.DateColumn(c)} IN ({string.Join(", ", values.Select(v => Parameter(_dialect.DateParameter((DateTime)v))))})";
                    break;
                default:
                    return null;
            }
        }
        return op == ComparisonOperator.In ? any : Negate(any);
    }

    private static object? Scan(string text, FilterValueType type) =>
        PowerShellConvert.TryScanNumber(text, type switch { FilterValueType.Decimal => 0m, FilterValueType.Double => 0d, _ => 0L }, out var n) ? n : null;

    /// <summary>
    /// The number PowerShell really compares the column with, in a type the database compares the same way:
    /// a double against a decimal column is rounded to 15 digits first (Convert.ToDecimal), as PowerShell does;
    /// a decimal against a double column compares as decimals in PowerShell, which SQL would not do, so it stays.
    /// </summary>
    private static object? NumberFor(FilterValueType type, object? value)
    {
        if (value is null || !PowerShellConvert.IsNumeric(value)) return null;
        switch (type)
        {
            case FilterValueType.Integer:
                if (value is double or decimal) return value;
                var integer = Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
                return integer >= long.MinValue && integer <= long.MaxValue ? (long)integer : (object)integer;
            case FilterValueType.Decimal:
                try
                {
                    return Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    return null;
                }
            case FilterValueType.Double:
                return value is decimal ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    private static string SqlOperator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Eq => "=",
        ComparisonOperator.Ne => "<>",
        ComparisonOperator.Lt => "<",
        ComparisonOperator.Le => "<=",
        ComparisonOperator.Gt => ">",
        ComparisonOperator.Ge => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
