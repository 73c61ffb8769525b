using System.Globalization;

namespace OfiSync.Core.Filtering;

/// <summary>
/// PowerShell's comparison operators on two scalar values (System.Management.Automation's binder, without it).
/// The left operand decides: the right one is converted to the left's type. Text compares with the invariant
/// culture ignoring case; -like uses PowerShell's wildcard matcher, with the invariant culture too (see PowerShellWildcard).
/// The case-sensitive forms (-ceq, -clt, -clike, -cin...) are the same comparisons without ignoring case: a culture
/// comparison of text (CompareOptions.None, so 'a' -clt 'B' and 'a' -clt 'A' are both true) and a wildcard that
/// matches characters exactly. Values other than text compare the same either way.
/// </summary>
internal static class PowerShellOperators
{
    /// <summary>A comparison PowerShell cannot make (it raises "Could not compare ..."): only orderings fail.</summary>
    public sealed class ComparisonFailure(string message) : Exception(message);

    public static bool Compare(ComparisonOperator op, object? left, object? right, bool caseSensitive = false) => op switch
    {
        ComparisonOperator.Eq => AreEqual(left, right, caseSensitive),
        ComparisonOperator.Ne => !AreEqual(left, right, caseSensitive),
        ComparisonOperator.Like => IsLike(left, right, caseSensitive),
        ComparisonOperator.NotLike => !IsLike(left, right, caseSensitive),
        ComparisonOperator.In => IsIn(left, right, caseSensitive),
        ComparisonOperator.NotIn => !IsIn(left, right, caseSensitive),
        _ => Order(op, left, right, caseSensitive),
    };

    /// <summary>-in: PowerShell's -contains with the sides swapped, so each list item is the LEFT operand of -eq.</summary>
    private static bool IsIn(object? value, object? list, bool caseSensitive)
    {
        if (list is IReadOnlyList<object?> items)
        {
            foreach (var item in items)
                if (AreEqual(item, value, caseSensitive)) return true;
            return false;
        }
        return AreEqual(list, value, caseSensitive);
    }

    private static bool IsLike(object? left, object? right, bool caseSensitive) =>
        PowerShellWildcard.Get(PowerShellConvert.ToText(right), caseSensitive).IsMatch(PowerShellConvert.ToText(left));

    /// <summary>How text compares: PowerShell's culture comparison, with the invariant culture.</summary>
    public static int CompareText(string left, string right, bool caseSensitive) =>
        CultureInfo.InvariantCulture.CompareInfo.Compare(left, right, caseSensitive ? CompareOptions.None : CompareOptions.IgnoreCase);

    public static bool AreEqual(object? left, object? right, bool caseSensitive = false)
    {
        if (left is null) return right is null;
        if (right is null) return false;
        switch (left)
        {
            case string s:
                return CompareText(s, PowerShellConvert.ToText(right), caseSensitive) == 0;
            case bool b:
                return b == PowerShellConvert.ToBool(right);
            case DateTime t:
                return PowerShellConvert.TryToDateTime(right, out var rt) && t == rt;
            case DateTimeOffset o:
                return PowerShellConvert.TryToDateTimeOffset(right, out var ro) && o == ro;
            case Guid g:
                return right is Guid rg ? g == rg : right is string rs && Guid.TryParse(rs, out var pg) && g == pg;
        }
        if (PowerShellConvert.IsNumeric(left))
        {
            var number = NumericOperand(left, right);
            return number is not null && NumericCompare(ComparisonOperator.Eq, left, number);
        }
        return left.Equals(right);
    }

    private static bool Order(ComparisonOperator op, object? left, object? right, bool caseSensitive)
    {
        if (left is null || right is null) return OrderWithNull(op, left, right);
        int c;
        switch (left)
        {
            case string s:
                c = CompareText(s, PowerShellConvert.ToText(right), caseSensitive);
                break;
            case bool b:
                c = b.CompareTo(PowerShellConvert.ToBool(right));
                break;
            case DateTime t:
                c = PowerShellConvert.TryToDateTime(right, out var rt) ? t.CompareTo(rt) : throw CannotCompare(left, right, typeof(DateTime));
                break;
            case DateTimeOffset o:
                c = PowerShellConvert.TryToDateTimeOffset(right, out var ro) ? o.CompareTo(ro) : throw CannotCompare(left, right, typeof(DateTimeOffset));
                break;
            case Guid g:
                c = right is Guid rg ? g.CompareTo(rg)
                    : right is string rs && Guid.TryParse(rs, out var pg) ? g.CompareTo(pg)
                    : throw CannotCompare(left, right, typeof(Guid));
                break;
            default:
                if (PowerShellConvert.IsNumeric(left))
                    return NumericCompare(op, left, NumericOperand(left, right) ?? throw CannotCompare(left, right, left.GetType()));
                if (left is IComparable comparable && left.GetType() == right.GetType())
                {
                    c = comparable.CompareTo(right);
                    break;
                }
                throw new ComparisonFailure(Messages.FilterValueNotComparable(left.GetType().FullName!));
        }
        return op switch
        {
            ComparisonOperator.Lt => c < 0,
            ComparisonOperator.Le => c <= 0,
            ComparisonOperator.Gt => c > 0,
            _ => c >= 0,
        };
    }

    /// <summary>
    /// PowerShell's orderings with $null (checked in pwsh): against a number $null acts as a value just below 0
    /// ($null -lt 0 and $null -le 0 are true, $null -gt -1 is true); otherwise $null sorts before everything.
    /// </summary>
    private static bool OrderWithNull(ComparisonOperator op, object? left, object? right)
    {
        bool lt = op is ComparisonOperator.Lt or ComparisonOperator.Le;
        if (left is not null && PowerShellConvert.IsNumeric(left))
            return lt ? IsBelowZero(left) : IsZeroOrMore(left);
        if (right is not null && PowerShellConvert.IsNumeric(right))
            return lt ? IsZeroOrMore(right) : IsBelowZero(right);
        return op switch
        {
            ComparisonOperator.Lt => right is not null,
            ComparisonOperator.Le => left is null,
            ComparisonOperator.Gt => left is not null,
            _ => right is null,
        };
    }

    // Both are false for NaN, as the binder's "x < 0" and "x >= 0" are.
    private static bool IsBelowZero(object number) => number is double d ? d < 0 : Convert.ToDecimal(number, CultureInfo.InvariantCulture) < 0;

    private static bool IsZeroOrMore(object number) => number is double d ? d >= 0 : Convert.ToDecimal(number, CultureInfo.InvariantCulture) >= 0;

    /// <summary>The right operand as a number for a numeric left operand, or null when it has none.</summary>
    private static object? NumericOperand(object left, object right)
    {
        if (PowerShellConvert.IsNumeric(right)) return right;
        if (right is bool b) return b ? 1 : 0;
        if (right is string s) return PowerShellConvert.TryScanNumber(s, left, out var n) ? n : null;
        return null;
    }

    /// <summary>
    /// Integers compare exactly; with a double both sides are doubles; a decimal and an integer compare as decimals;
    /// a decimal and a double compare as decimals, the double rounded to 15 digits (Convert.ToDecimal), or as
    /// doubles when it does not fit a decimal. Checked in pwsh: 0.1 -eq 0.10000000000000001d is False.
    /// </summary>
    public static bool NumericCompare(ComparisonOperator op, object left, object right)
    {
        int rank = Math.Max(PowerShellConvert.NumericRank(left), PowerShellConvert.NumericRank(right));
        bool bothDecimalOrDouble = rank == 2 && (left is decimal || right is decimal);
        if (rank == 2 && !bothDecimalOrDouble)
            return Apply(op, Convert.ToDouble(left, CultureInfo.InvariantCulture), Convert.ToDouble(right, CultureInfo.InvariantCulture));
        if (bothDecimalOrDouble)
        {
            try
            {
                return Apply(op, Convert.ToDecimal(left, CultureInfo.InvariantCulture), Convert.ToDecimal(right, CultureInfo.InvariantCulture));
            }
            catch (OverflowException)
            {
                return Apply(op, Convert.ToDouble(left, CultureInfo.InvariantCulture), Convert.ToDouble(right, CultureInfo.InvariantCulture));
            }
        }
        if (left is ulong || right is ulong || rank == 1)
            return Apply(op, Convert.ToDecimal(left, CultureInfo.InvariantCulture), Convert.ToDecimal(right, CultureInfo.InvariantCulture));
        return Apply(op, Convert.ToInt64(left, CultureInfo.InvariantCulture), Convert.ToInt64(right, CultureInfo.InvariantCulture));
    }

    private static bool Apply<T>(ComparisonOperator op, T a, T b) where T : System.Numerics.IComparisonOperators<T, T, bool> => op switch
    {
        ComparisonOperator.Eq => a == b,
        ComparisonOperator.Ne => a != b,
        ComparisonOperator.Lt => a < b,
        ComparisonOperator.Le => a <= b,
        ComparisonOperator.Gt => a > b,
        ComparisonOperator.Ge => a >= b,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static ComparisonFailure CannotCompare(object left, object right, Type to) =>
        new(Messages.FilterComparisonFailed(PowerShellConvert.ToText(left), PowerShellConvert.ToText(right),
            Messages.FilterCannotConvert(PowerShellConvert.ToText(right), to.FullName!)));
}
