using System.Globalization;
using OfiSync.Core.Filtering;

namespace OfiSync.Core.Providers.Sqlite;

/// <summary>
/// SQLite: text comparisons (the case-sensitive ones too) and dates go through functions registered on the connection
/// (SqliteFilterFunctions.Register), which run the engine's own PowerShell rules, so they are exact by
/// construction; SQLite's NOCASE and lower() would fold ASCII only.
/// </summary>
internal sealed class SqliteFilterDialect : SqlFilterDialect
{
    public static readonly SqliteFilterDialect Instance = new();

    internal override string TextEquals(string column, string value, Func<object?, string> parameter) =>
        $"{SqliteFilterFunctions.EqualsName}({column}, {parameter(value)}) = 1";

    internal override string? TextCompare(string column, string sqlOperator, string parameterName) =>
        $"{SqliteFilterFunctions.CompareName}({column}, {parameterName}) {sqlOperator} 0";

    internal override string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter) =>
        $"{SqliteFilterFunctions.LikeName}({column}, {parameter(pattern.Pattern)}) = 1";

    internal override string? TextEqualsCaseSensitive(string column, string value, Func<object?, string> parameter) =>
        $"{SqliteFilterFunctions.CaseSensitiveEqualsName}({column}, {parameter(value)}) = 1";

    internal override string? TextCompareCaseSensitive(string column, string sqlOperator, string parameterName) =>
        $"{SqliteFilterFunctions.CaseSensitiveCompareName}({column}, {parameterName}) {sqlOperator} 0";

    internal override string? TextLikeCaseSensitive(string column, PowerShellWildcard pattern, Func<object?, string> parameter) =>
        $"{SqliteFilterFunctions.CaseSensitiveLikeName}({column}, {parameter(pattern.Pattern)}) = 1";

    internal override string TextNotEmpty(string column) => $"length({column}) > 0";

    // Dates are compared as text in one fixed-width form, to the tick, whatever form the column stores.
    internal override string DateColumn(string column) => $"{SqliteFilterFunctions.DateTimeName}({column})";

    internal override object DateParameter(DateTime value) => SqliteFilterFunctions.DateText(value);

    // SQLite stores NUMERIC as INTEGER or REAL: a decimal parameter would be bound as text.
    internal override object NumberParameter(object value) => value switch
    {
        decimal m => (double)m,
        double d => d,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    internal override object BooleanParameter(bool value) => value ? 1L : 0L;
}
