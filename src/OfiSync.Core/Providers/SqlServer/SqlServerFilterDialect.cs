using System.Text;
using OfiSync.Core.Filtering;

namespace OfiSync.Core.Providers.SqlServer;

/// <summary>
/// SQL Server: the column's collation is overridden with a binary one and case is folded with LOWER(), so the
/// result does not depend on the column being CI/CS or AI/AS; equality is written as LIKE on an escaped value
/// because '=' ignores trailing spaces and PowerShell does not ('a' -eq 'a ' is False). LIKE with an nvarchar
/// parameter keeps trailing spaces significant. Text ordering stays in memory; [a-z] sets become LIKE sets.
/// The case-sensitive forms (-ceq, -clike) are the same LIKE under the binary collation without LOWER(): characters
/// match exactly, and a set's ranges are ranges of code points, as in PowerShell's case-sensitive matcher.
/// Not run against a live server here: its SQL is checked by ScriptDom's parser in the tests.
/// </summary>
internal sealed class SqlServerFilterDialect : SqlFilterDialect
{
    public static readonly SqlServerFilterDialect Instance = new();
    private const string Binary = "Latin1_General_100_BIN2";

    internal override string TextEquals(string column, string value, Func<object?, string> parameter) =>
        LikeSql(column, parameter(EscapeLike(value, "[")));

    internal override string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter)
    {
        if (pattern.Shape == WildcardShape.Exact) return TextEquals(column, pattern.Pattern, parameter);
        var like = LikePattern(pattern, s => Set(s, caseSensitive: false), alsoEscape: "[");
        return like is null ? null : LikeSql(column, parameter(like));
    }

    private static string LikeSql(string column, string parameterName) =>
        $"LOWER({column}) COLLATE {Binary} LIKE LOWER({parameterName}) ESCAPE '\\'";

    private static string CaseSensitiveLikeSql(string column, string parameterName) =>
        $"{column} COLLATE {Binary} LIKE {parameterName} ESCAPE '\\'";

    internal override string? TextEqualsCaseSensitive(string column, string value, Func<object?, string> parameter) =>
        CaseSensitiveLikeSql(column, parameter(EscapeLike(value, "[")));

    internal override string? TextLikeCaseSensitive(string column, PowerShellWildcard pattern, Func<object?, string> parameter)
    {
        if (pattern.Shape == WildcardShape.Exact) return TextEqualsCaseSensitive(column, pattern.Pattern, parameter);
        var like = LikePattern(pattern, s => Set(s, caseSensitive: true), alsoEscape: "[");
        return like is null ? null : CaseSensitiveLikeSql(column, parameter(like));
    }

    /// <summary>
    /// A PowerShell set as a LIKE set. PowerShell matches the lowered character against the set ignoring case;
    /// with both sides lowered that is the same for sets of single characters and for ranges within a-z, A-Z,
    /// 0-9 or lowercase accented letters. '^' first would negate and ']' or '\' would end or escape: those stay.
    /// Case-sensitively, PowerShell matches the character itself against code point ranges, as a binary collation
    /// does: every range translates.
    /// </summary>
    private static string? Set(WildcardSet set, bool caseSensitive)
    {
        var singles = new List<char>();
        var ranges = new StringBuilder();
        bool dash = false;
        foreach (var (low, high) in set.Items)
        {
            if (low is ']' or '\\' || high is ']' or '\\') return null;
            if (low == high)
            {
                if (low == '-') dash = true;
                else if (!singles.Contains(low)) singles.Add(low);
                continue;
            }
            bool sameKind = (char.IsLower(low) && char.IsLower(high)) || (char.IsUpper(low) && char.IsUpper(high))
                || (char.IsAsciiDigit(low) && char.IsAsciiDigit(high));
            if (!sameKind && !caseSensitive) return null;
            ranges.Append(low).Append('-').Append(high);
        }
        var body = ranges + new string(singles.ToArray());
        // '-' first is a plain character; '^' first would negate the set.
        if (dash) return "[-" + body + "]";
        if (body.StartsWith('^')) return body.Length == 1 ? "^" : "[" + body[1..] + "^]";
        return "[" + body + "]";
    }

    internal override string TextNotEmpty(string column) => $"DATALENGTH({column}) > 0";
}
