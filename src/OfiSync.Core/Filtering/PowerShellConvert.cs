using System.Globalization;
using System.Numerics;

namespace OfiSync.Core.Filtering;

/// <summary>
/// The conversions PowerShell's comparison operators apply (LanguagePrimitives, the binder's numeric rules,
/// Parser.ScanNumber), rewritten here because the engine cannot reference PowerShell. Each rule was checked
/// against pwsh 7.6; the pinned cases are in the tests (PowerShellSemanticsTests).
/// </summary>
internal static class PowerShellConvert
{
    /// <summary>A row value as a comparison sees it: DBNull is $null, a char is text, a single is a double.</summary>
    public static object? Normalize(object? value) => value switch
    {
        DBNull => null,
        char c => c.ToString(),
        float f => (double)f,
        _ => value,
    };

    public static bool IsNumeric(object? v) =>
        v is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static bool IsIntegral(object v) => v is sbyte or byte or short or ushort or int or uint or long or ulong;

    /// <summary>PowerShell's text of a value (PSObject.ToStringParser): invariant culture, doubles with 15 digits.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "True" : "False",
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        float f => f.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>LanguagePrimitives.IsTrue: what -not, -and, -or and a bare condition make of a value.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        double d => d != 0,
        decimal m => m != 0,
        _ when IsIntegral(value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture) != 0,
        _ => true,
    };

    /// <summary>Conversion of the right operand to bool when the left is a bool: text is true unless empty.</summary>
    public static bool ToBool(object value) => IsTrue(value);

    /// <summary>
    /// Parser.ScanNumber: what PowerShell makes of text compared with a number. Blank is 0; PowerShell's number
    /// syntax (sign, 0x, 0b, exponent, d/l/u suffixes, kb..pb multipliers) is read as a literal; anything else is
    /// converted to the left operand's type with the invariant culture (so "1,000" is 1000).
    /// </summary>
    public static bool TryScanNumber(string text, object numericTarget, out object number)
    {
        var s = text.Trim();
        if (s.Length == 0)
        {
            number = 0;
            return true;
        }
        if (TryNumberLiteral(s, out number)) return true;
        const NumberStyles integerStyles = NumberStyles.Integer | NumberStyles.AllowThousands;
        switch (numericTarget)
        {
            case double or float when double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var d):
                number = d;
                return true;
            case decimal when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var m):
                number = m;
                return true;
            case ulong when ulong.TryParse(s, integerStyles, CultureInfo.InvariantCulture, out var u):
                number = u;
                return true;
            case not (double or float or decimal or ulong) when long.TryParse(s, integerStyles, CultureInfo.InvariantCulture, out var l):
                number = l;
                return true;
        }
        number = 0;
        return false;
    }

    private static bool TryNumberLiteral(string s, out object number)
    {
        number = 0;
        int i = 0;
        bool negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (i >= s.Length) return false;

        BigInteger multiplier = 1;
        var lower = s.ToLowerInvariant();
        foreach (var (suffix, factor) in Multipliers)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = factor;
                lower = lower[..^suffix.Length];
                break;
            }
        }
        var body = lower[i..];
        char type = ' ';
        if (body.StartsWith("0x", StringComparison.Ordinal) || body.StartsWith("0b", StringComparison.Ordinal))
        {
            var digits = body[2..];
            if (digits.EndsWith('l')) { type = 'l'; digits = digits[..^1]; }
            if (digits.Length == 0) return false;
            BigInteger value = 0;
            int radix = body[1] == 'x' ? 16 : 2;
            foreach (var c in digits)
            {
                int digit = radix == 16 ? HexDigit(c) : c is '0' or '1' ? c - '0' : -1;
                if (digit < 0) return false;
                value = value * radix + digit;
            }
            value *= multiplier;
            if (negative) value = -value;
            number = type == 'l' ? (long)value : IntegerType(value);
            return true;
        }

        foreach (var suffix in TypeSuffixes)
        {
            if (body.EndsWith(suffix, StringComparison.Ordinal) && body.Length > suffix.Length && char.IsAsciiDigit(body[^(suffix.Length + 1)]))
            {
                type = suffix[0];
                body = body[..^suffix.Length];
                break;
            }
        }
        if (body.Length == 0 || !body.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or '+' or '-')) return false;
        bool real = body.Contains('.') || body.Contains('e');
        var signed = (negative ? "-" : "") + body;
        if (type == 'd')
        {
            if (!decimal.TryParse(signed, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)) return false;
            number = m * (decimal)multiplier;
            return true;
        }
        if (real)
        {
            if (type != ' ' || !double.TryParse(signed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return false;
            number = d * (double)multiplier;
            return true;
        }
        if (!BigInteger.TryParse(signed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return false;
        n *= multiplier;
        number = type switch
        {
            'l' => (long)n,
            'u' => n <= uint.MaxValue ? (object)(uint)n : (ulong)n,
            _ => IntegerType(n),
        };
        return true;
    }

    private static readonly (string, BigInteger)[] Multipliers =
    [
        ("kb", BigInteger.Pow(1024, 1)), ("mb", BigInteger.Pow(1024, 2)), ("gb", BigInteger.Pow(1024, 3)),
        ("tb", BigInteger.Pow(1024, 4)), ("pb", BigInteger.Pow(1024, 5)),
    ];

    private static readonly string[] TypeSuffixes = ["ul", "d", "l", "u"];

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Each branch returns another type (int, long, decimal, double): the box is the point.")]
    private static object IntegerType(BigInteger n)
    {
        if (n >= int.MinValue && n <= int.MaxValue) return (int)n;
        if (n >= long.MinValue && n <= long.MaxValue) return (long)n;
        if (n >= (BigInteger)decimal.MinValue && n <= (BigInteger)decimal.MaxValue) return (decimal)n;
        return (double)n;
    }

    /// <summary>Text to DateTime as PowerShell converts it: DateTime.Parse with the invariant culture.</summary>
    public static bool TryToDateTime(object value, out DateTime result)
    {
        result = default;
        switch (value)
        {
            case DateTime t:
                result = t;
                return true;
            case string s:
                return DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                // PowerShell builds a DateTime from an integer through the DateTime(ticks) constructor.
                var ticks = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
                result = new DateTime((long)ticks);
                return true;
            default:
                return false;
        }
    }

    public static bool TryToDateTimeOffset(object value, out DateTimeOffset result)
    {
        result = default;
        try
        {
            switch (value)
            {
                case DateTimeOffset o:
                    result = o;
                    return true;
                case DateTime t:
                    result = t; // the implicit conversion: local offset unless the Kind is Utc
                    return true;
                case string s:
                    return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
                default:
                    return false;
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>A number's type, for the numeric rules: 0 integral, 1 decimal, 2 double.</summary>
    public static int NumericRank(object v) => v switch
    {
        double or float => 2,
        decimal => 1,
        _ => 0,
    };
}
