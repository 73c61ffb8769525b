using System.Globalization;
using System.Text;

namespace OfiSync.Core.Engine;

/// <summary>
/// A row's source key as one readable, reversible string: each value in its invariant text form, '|' between
/// values of a composite key, and '\' escaping '|' and '\' inside a value.
/// </summary>
public static class RowKey
{
    public static string Encode(ReadOnlySpan<object?> values)
    {
        if (values.Length == 1) return Escape(Text(values[0]));
        var builder = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) builder.Append('|');
            builder.Append(Escape(Text(values[i])));
        }
        return builder.ToString();
    }

    public static string[] Decode(string key)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c == '\\' && i + 1 < key.Length) current.Append(key[++i]);
            else if (c == '|') { parts.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        parts.Add(current.ToString());
        return parts.ToArray();
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("|\\");

    private static string Escape(string s) => s.AsSpan().IndexOfAny(Special) < 0 ? s : s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>The invariant text of a key value; the same value read from any database gives the same text.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.############################", CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
