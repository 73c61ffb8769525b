using System.Text;
using OfiSync.Core.Filtering;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// MariaDB: a text column's own collation would answer wrongly (the *_ci ones fold accents, 'ávila' = 'Avila', and
/// every PAD SPACE one, utf8mb4_bin included, ignores trailing spaces, 'Madrid' = 'Madrid '), so both sides are
/// converted to utf8mb4, lowered with LOWER() under utf8mb4_bin, and compared as bytes (CAST AS BINARY: no padding,
/// no folding). LIKE compares character by character under utf8mb4_bin, where trailing spaces count; its escape
/// character is '!', not the backslash, which is an escape in string literals unless NO_BACKSLASH_ESCAPES is set.
/// As on PostgreSQL, PowerShell's -eq also equals compatibility characters (ª = a, ² = 2) and ignores invisible
/// ones (a soft hyphen), which LOWER() does not; text ordering and [sets] in -like stay in memory. MySqlConnector
/// reads a TINYINT(1) column as a boolean: a value other than 0 and 1 there is $true in memory but not 1 in SQL, so
/// "activo -eq $true" misses it (a BOOLEAN column holds only 0 and 1).
/// The case-sensitive forms do the same without LOWER(): -ceq compares the utf8mb4 bytes, -clike runs LIKE under
/// utf8mb4_bin (character by character, trailing spaces counting), so they match exactly whatever the column's
/// collation, as PowerShell's do for all but characters its culture comparison ignores or composes.
/// </summary>
internal sealed class MariaDbFilterDialect : SqlFilterDialect
{
    public static readonly MariaDbFilterDialect Instance = new();

    /// <summary>The escape character of LIKE patterns: neither a LIKE wildcard nor special in a string literal.</summary>
    private const char Escape = '!';

    /// <summary>Text in one character set, lowered with the same case mapping whatever the column's collation.</summary>
    private static string Lowered(string sql) => $"LOWER(CONVERT({sql} USING utf8mb4) COLLATE utf8mb4_bin)";

    /// <summary>Text in one character set under its binary collation, as it is: what the case-sensitive forms compare.</summary>
    private static string Binary(string sql) => $"CONVERT({sql} USING utf8mb4) COLLATE utf8mb4_bin";

    private static string Exact(string sql, bool caseSensitive = false) => $"CAST({(caseSensitive ? Binary(sql) : Lowered(sql))} AS BINARY)";

    internal override string TextEquals(string column, string value, Func<object?, string> parameter) =>
        $"{Exact(column)} = {Exact(parameter(value))}";

    internal override string TextIn(string column, IReadOnlyList<string> values, Func<object?, string> parameter) =>
        $"{Exact(column)} IN ({string.Join(", ", values.Select(v => Exact(parameter(v))))})";

    internal override string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter) =>
        pattern.Shape == WildcardShape.Exact ? TextEquals(column, pattern.Pattern, parameter) : Like(column, pattern, parameter, Lowered);

    internal override string? TextEqualsCaseSensitive(string column, string value, Func<object?, string> parameter) =>
        $"{Exact(column, caseSensitive: true)} = {Exact(parameter(value), caseSensitive: true)}";

    internal override string? TextInCaseSensitive(string column, IReadOnlyList<string> values, Func<object?, string> parameter) =>
        $"{Exact(column, caseSensitive: true)} IN ({string.Join(", ", values.Select(v => Exact(parameter(v), caseSensitive: true)))})";

    internal override string? TextLikeCaseSensitive(string column, PowerShellWildcard pattern, Func<object?, string> parameter) =>
        pattern.Shape == WildcardShape.Exact ? TextEqualsCaseSensitive(column, pattern.Pattern, parameter) : Like(column, pattern, parameter, Binary);

    /// <summary>LIKE with '!' as the escape character, both sides in the form <paramref name="form"/> gives.</summary>
    private static string? Like(string column, PowerShellWildcard pattern, Func<object?, string> parameter, Func<string, string> form)
    {
        var like = new StringBuilder();
        foreach (var element in pattern.Elements)
        {
            switch (element)
            {
                case WildcardAny: like.Append('%'); break;
                case WildcardAnyOne: like.Append('_'); break;
                case WildcardLiteral l:
                    if (l.Char is '%' or '_' or Escape) like.Append(Escape);
                    like.Append(l.Char);
                    break;
                default:
                    return null; // a [set]: LIKE has none, and REGEXP folds case its own way
            }
        }
        return $"{form(column)} LIKE {form(parameter(like.ToString()))} ESCAPE '{Escape}'";
    }

    internal override string TextNotEmpty(string column) => $"CHAR_LENGTH({column}) > 0";
}
