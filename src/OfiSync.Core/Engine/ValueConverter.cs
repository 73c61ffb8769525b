using System.Globalization;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine;

/// <summary>A value that cannot be written into its target column; the row fails with this message.</summary>
public sealed class ValueConversionException : Exception
{
    public string Column { get; }

    public ValueConversionException(string column, string message) : base(message) => Column = column;
}

/// <summary>
/// Converts a source value, explicitly, into what its target column holds: text stays text (accents and all),
/// dates keep their value with no time-zone shift, decimals stay exact, NULL stays NULL. A value that does not
/// fit fails its row with a message naming the column and the value.
/// </summary>
public sealed class ValueConverter
{
    private readonly ColumnInfo _column;
    private readonly Family _family;
    private readonly bool _textTarget;
    private readonly bool? _dateOnlySource;

    /// <param name="column">The target column.</param>
    /// <param name="source">The source column the values come from, when one does: a date it holds is written as text
    /// in the source column's form (the day for a DATE column, the day and the time for any other).</param>
    public ValueConverter(ColumnInfo column, ColumnInfo? source = null)
    {
        _column = column;
        _family = TypeCompatibility.FamilyOf(column);
        _textTarget = _family == Family.Text;
        _dateOnlySource = source is not null && TypeCompatibility.FamilyOf(source) == Family.Date ? TypeCompatibility.IsDateOnly(source) : null;
    }

    public object? Convert(object? value)
    {
        if (value is null or DBNull) return null;
        try
        {
            var converted = _family switch
            {
                Family.Text => ToText(value),
                Family.Integer => ToInteger(value),
                Family.Decimal => ToDecimal(value),
                Family.Float => value is string s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
                Family.Boolean => ToBoolean(value),
                Family.Date => ToDate(value),
                Family.Guid => value is Guid g ? g : Guid.Parse(value.ToString()!),
                _ => value,
            };
            if (_textTarget && _column.Size is { } max && converted is string text && text.Length > max)
                throw new ValueConversionException(_column.Name, Messages.Stored.ValueTooLong(_column.Name, text, max));
            return converted;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new ValueConversionException(_column.Name, Messages.Stored.ValueNotConvertible(_column.Name, value, _column.DataTypeName));
        }
    }

    // A date into text: one form per source column, as SQLite keeps dates (a timestamp's midnight keeps its time);
    // without a source column (a constant, a lookup) a date at midnight is taken for a day.
    private string ToText(object value) => value switch
    {
        string s => s,
        DateTime d => _dateOnlySource ?? (d.TimeOfDay == TimeSpan.Zero && d.Kind != DateTimeKind.Utc)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => RowKey.Text(value),
    };

    private static long ToInteger(object value) => value switch
    {
        long l => l,
        int or short or byte or sbyte or ushort or uint or ulong => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        decimal m when m == decimal.Truncate(m) => (long)m,
        double d when d == Math.Truncate(d) => (long)d,
        string s => long.Parse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException(),
    };

    private static decimal ToDecimal(object value) => value switch
    {
        decimal m => m,
        string s => decimal.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture),
        double d => (decimal)d,
        _ => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    private static bool ToBoolean(object value) => value switch
    {
        bool b => b,
        long or int or short or byte => System.Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        string s when s is "1" or "0" => s == "1",
        string s => bool.Parse(s.Trim()),
        _ => throw new InvalidCastException(),
    };

    // Every arm is cast to object: otherwise C# gives the switch the type DateTimeOffset and silently converts DateTime to it.
    private static object ToDate(object value) => value switch
    {
        DateTime d => (object)d,
        DateTimeOffset o => (object)o,
        DateOnly d => (object)d.ToDateTime(TimeOnly.MinValue),
        // Text dates are read as written, with no time zone: '2024-03-31' stays the 31st everywhere.
        string s => (object)DateTime.Parse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.NoCurrentDateDefault),
        _ => throw new InvalidCastException(),
    };
}
