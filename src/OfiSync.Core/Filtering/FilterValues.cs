using System.Collections;
using System.Globalization;
using System.Text;

namespace OfiSync.Core.Filtering;

/// <summary>
/// The values a filter holds after variables are substituted, and their canonical literal text. Every value is
/// kept in the type its literal re-parses to, so that ToString() gives back the same tree: integers become
/// int, long or decimal by range; single becomes double; char, Guid and enums become text.
/// </summary>
internal static class FilterValues
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";
    private const string OffsetFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz";

    /// <summary>A variable's value as a scalar or, for an enumerable, a list; false with the reason when unusable.</summary>
    public static bool TryFromVariable(string name, object? raw, out object? value, out bool isList, out string? error)
    {
        value = null;
        isList = false;
        error = null;
        if (raw is IDictionary)
        {
            error = Messages.FilterVariableType(name, raw.GetType().FullName!);
            return false;
        }
        if (raw is not string && raw is IEnumerable items)
        {
            var list = new List<object?>();
            foreach (var item in items)
            {
                if (item is not string && item is IEnumerable)
                {
                    error = Messages.FilterNestedList(name);
                    return false;
                }
                if (!TryScalar(name, item, out var v, out error)) return false;
                list.Add(v);
            }
            value = list;
            isList = true;
            return true;
        }
        return TryScalar(name, raw, out value, out error);
    }

    private static bool TryScalar(string name, object? raw, out object? value, out string? error)
    {
        error = null;
        value = raw;
        switch (raw)
        {
            case null or DBNull: value = null; return true;
            case string or bool or decimal or DateTime or DateTimeOffset: return true;
            case char c: value = c.ToString(); return true;
            case Guid g: value = g.ToString(); return true;
            case Enum e: value = e.ToString(); return true;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                value = FilterTokenizer.IntegerValue(Convert.ToString(raw, CultureInfo.InvariantCulture)!);
                return true;
            case float or double:
                var d = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    error = Messages.FilterVariableNotFinite(name);
                    return false;
                }
                value = d;
                return true;
            default:
                error = Messages.FilterVariableType(name, raw.GetType().FullName!);
                return false;
        }
    }

    /// <summary>The literal that re-parses to exactly this value and type.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "$null",
        true => "$true",
        false => "$false",
        string s => Quote(s),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "d",
        double d => DoubleLiteral(d),
        DateTime t => "[datetime]" + Quote(t.ToString(DateFormat, CultureInfo.InvariantCulture)),
        DateTimeOffset o => "[datetimeoffset]" + Quote(o.ToString(OffsetFormat, CultureInfo.InvariantCulture)),
        IReadOnlyList<object?> list => "@(" + string.Join(", ", list.Select(Literal)) + ")",
        _ => throw new ArgumentException(value.GetType().FullName, nameof(value)),
    };

    private static string DoubleLiteral(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    public static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('\'');
        foreach (var c in s)
        {
            if (c == '\'') b.Append('\'');
            b.Append(c);
        }
        return b.Append('\'').ToString();
    }
}
