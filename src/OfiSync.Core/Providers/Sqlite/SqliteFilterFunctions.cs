using System.Globalization;
using OfiSync.Core.Filtering;
using Microsoft.Data.Sqlite;

namespace OfiSync.Core.Providers.Sqlite;

/// <summary>
/// The functions SQL from <see cref="FilterExpression.ToSql"/> uses on SQLite. Call <see cref="Register"/> on every
/// connection that runs such SQL (before or after opening it). They apply the same PowerShell rules as
/// FilterExpression.Evaluate, so SQLite selects exactly what Evaluate would:
/// ofisync_eq(a, b) and ofisync_compare(a, b) are -eq and the ordering of text (invariant culture, ignoring case),
/// ofisync_like(a, p) is -like, ofisync_ceq, ofisync_ccompare and ofisync_clike their case-sensitive forms (-ceq,
/// -clt..., -clike), ofisync_datetime(x) reads a stored date as Microsoft.Data.Sqlite's GetDateTime
/// does and returns it as fixed-width text to the tick. Each returns NULL for a NULL value.
/// </summary>
public static class SqliteFilterFunctions
{
    internal const string EqualsName = "ofisync_eq";
    internal const string CompareName = "ofisync_compare";
    internal const string LikeName = "ofisync_like";
    internal const string CaseSensitiveEqualsName = "ofisync_ceq";
    internal const string CaseSensitiveCompareName = "ofisync_ccompare";
    internal const string CaseSensitiveLikeName = "ofisync_clike";
    internal const string DateTimeName = "ofisync_datetime";

    // Julian day 1721425.5 is 0001-01-01T00:00:00, DateTime's tick 0; SQLite counts in milliseconds.
    private const long JulianMillisecondsAtTickZero = 148_731_163_200_000;

    public static void Register(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var caseSensitive in new[] { false, true })
        {
            connection.CreateFunction<string?, string?, long?>(caseSensitive ? CaseSensitiveEqualsName : EqualsName,
                (a, b) => a is null || b is null ? null : PowerShellOperators.AreEqual(a, b, caseSensitive) ? 1 : 0, isDeterministic: true);
            connection.CreateFunction<string?, string?, long?>(caseSensitive ? CaseSensitiveCompareName : CompareName,
                (a, b) => a is null || b is null ? null : Math.Sign(PowerShellOperators.CompareText(a, b, caseSensitive)), isDeterministic: true);
            connection.CreateFunction<string?, string?, long?>(caseSensitive ? CaseSensitiveLikeName : LikeName,
                (a, p) => a is null ? null : PowerShellWildcard.Get(p ?? "", caseSensitive).IsMatch(a) ? 1 : 0, isDeterministic: true);
        }
        connection.CreateFunction<object?, string?>(DateTimeName, value => ToDateTime(value) is { } d ? DateText(d) : null, isDeterministic: true);
    }

    internal static string DateText(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static DateTime? ToDateTime(object? value)
    {
        switch (value)
        {
            case string s:
                return DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            case long or double:
                var julian = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                var ticks = ((long)(julian * 86_400_000.0 + 0.5) - JulianMillisecondsAtTickZero) * TimeSpan.TicksPerMillisecond;
                return ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks ? new DateTime(ticks) : null;
            default:
                return null;
        }
    }
}
