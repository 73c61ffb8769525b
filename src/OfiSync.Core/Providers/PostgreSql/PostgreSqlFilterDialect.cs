using OfiSync.Core.Filtering;

namespace OfiSync.Core.Providers.PostgreSql;

/// <summary>
/// PostgreSQL: case is folded with lower(), which follows the database's collation (C.UTF-8 and the *.UTF-8
/// locales fold accented letters: lower('ÁVILA') = 'ávila'). PowerShell's -eq is a culture comparison: it also
/// equals compatibility characters (ª = a, º = o, ² = 2, ﬁ = fi) and ignores some invisible ones (soft hyphen),
/// which lower() does not. Text ordering and [sets] in -like stay in memory.
/// The case-sensitive forms compare the column as text (a deterministic collation's = and LIKE are exact, and the
/// cast keeps a citext column or a nondeterministic collation from folding case): -ceq and -clike match exactly, as
/// PowerShell's do for all but characters its culture comparison ignores (a soft hyphen) or composes (e + U+0301).
/// </summary>
internal sealed class PostgreSqlFilterDialect : SqlFilterDialect
{
    public static readonly PostgreSqlFilterDialect Instance = new();

    internal override string TextEquals(string column, string value, Func<object?, string> parameter) =>
        $"lower({column}) = lower({parameter(value)})";

    internal override string TextIn(string column, IReadOnlyList<string> values, Func<object?, string> parameter) =>
        $"lower({column}) IN ({string.Join(", ", values.Select(v => $"lower({parameter(v)})"))})";

    internal override string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter)
    {
        if (pattern.Shape == WildcardShape.Exact) return TextEquals(column, pattern.Pattern, parameter);
        var like = LikePattern(pattern);
        return like is null ? null : $"lower({column}) LIKE lower({parameter(like)}) ESCAPE '\\'";
    }

    internal override string? TextEqualsCaseSensitive(string column, string value, Func<object?, string> parameter) =>
        $"{column}::text = {parameter(value)}";

    internal override string? TextInCaseSensitive(string column, IReadOnlyList<string> values, Func<object?, string> parameter) =>
        $"{column}::text IN ({string.Join(", ", values.Select(v => parameter(v)))})";

    internal override string? TextLikeCaseSensitive(string column, PowerShellWildcard pattern, Func<object?, string> parameter)
    {
        if (pattern.Shape == WildcardShape.Exact) return TextEqualsCaseSensitive(column, pattern.Pattern, parameter);
        var like = LikePattern(pattern);
        return like is null ? null : $"{column}::text LIKE {parameter(like)} ESCAPE '\\'";
    }

    internal override string TextNotEmpty(string column) => $"length({column}) > 0";
}
