using System.Globalization;
using System.Text;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Filtering;

/// <summary>
/// What differs between databases when a filter becomes SQL. Every text predicate must be true exactly when
/// PowerShell says true for a non-NULL value, and must be NULL or false for NULL (the translator adds the NULL case).
/// <paramref name="parameter"/> arguments add a parameter and return its name.
/// </summary>
internal abstract class SqlFilterDialect
{
    public static SqlFilterDialect For(ProviderKind kind) => kind switch
    {
        ProviderKind.Sqlite => SqliteFilterDialect.Instance,
        ProviderKind.PostgreSql => PostgreSqlFilterDialect.Instance,
        ProviderKind.SqlServer => SqlServerFilterDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>PowerShell's text -eq: invariant culture, ignoring case.</summary>
    public abstract string TextEquals(string column, string value, Func<object?, string> parameter);

    /// <summary>column -eq any of the values.</summary>
    public virtual string TextIn(string column, IReadOnlyList<string> values, Func<object?, string> parameter) =>
        "(" + string.Join(" OR ", values.Select(v => TextEquals(column, v, parameter))) + ")";

    /// <summary>PowerShell's text ordering (culture-aware, ignoring case), or null when the database cannot give it.</summary>
    public virtual string? TextCompare(string column, string sqlOperator, string parameterName) => null;

    /// <summary>PowerShell's -like for a pattern other than "*", or null when the database cannot give it.</summary>
    public abstract string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter);

    /// <summary>A text PowerShell calls true: not empty (spaces count).</summary>
    public abstract string TextNotEmpty(string column);

    public virtual string DateColumn(string column) => column;

    public virtual object DateParameter(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

    public virtual object NumberParameter(object value) => value;

    public virtual object BooleanParameter(bool value) => value;

    /// <summary>
    /// The pattern for SQL LIKE with '\' as the escape character: * is %, ? is _, literal %, _ and \ escaped.
    /// Null when a [set] appears and <paramref name="set"/> cannot translate it.
    /// </summary>
    protected static string? LikePattern(PowerShellWildcard pattern, Func<WildcardSet, string?>? set = null, string alsoEscape = "")
    {
        var b = new StringBuilder();
        foreach (var element in pattern.Elements)
        {
            switch (element)
            {
                case WildcardAny: b.Append('%'); break;
                case WildcardAnyOne: b.Append('_'); break;
                case WildcardLiteral l: AppendEscaped(b, l.Char, alsoEscape); break;
                case WildcardSet s:
                    if (set?.Invoke(s) is not { } translated) return null;
                    b.Append(translated);
                    break;
            }
        }
        return b.ToString();
    }

    protected static string EscapeLike(string text, string alsoEscape = "")
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text) AppendEscaped(b, c, alsoEscape);
        return b.ToString();
    }

    private static void AppendEscaped(StringBuilder b, char c, string alsoEscape)
    {
        if (c is '%' or '_' or '\\' || alsoEscape.Contains(c)) b.Append('\\');
        b.Append(c);
    }
}

/// <summary>
/// SQLite: text comparisons and dates go through functions registered on the connection
/// (SqliteFilterFunctions.Register), which run the engine's own PowerShell rules, so they are exact by
/// construction; SQLite's NOCASE and lower() would fold ASCII only.
/// </summary>
internal sealed class SqliteFilterDialect : SqlFilterDialect
{
    public static readonly SqliteFilterDialect Instance = new();

    public override string TextEquals(string column, string value, Func<object?, string> parameter) =>
        $"{SqliteFilterFunctions.EqualsName}({column}, {parameter(value)}) = 1";

    public override string? TextCompare(string column, string sqlOperator, string parameterName) =>
        $"{SqliteFilterFunctions.CompareName}({column}, {parameterName}) {sqlOperator} 0";

    public override string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter) =>
        $"{SqliteFilterFunctions.LikeName}({column}, {parameter(pattern.Pattern)}) = 1";

    public override string TextNotEmpty(string column) => $"length({column}) > 0";

    // Dates are compared as text in one fixed-width form, to the tick, whatever form the column stores.
    public override string DateColumn(string column) => $"{SqliteFilterFunctions.DateTimeName}({column})";

    public override object DateParameter(DateTime value) => SqliteFilterFunctions.DateText(value);

    // SQLite stores NUMERIC as INTEGER or REAL: a decimal parameter would be bound as text.
    public override object NumberParameter(object value) => value switch
    {
        decimal m => (double)m,
        double d => d,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public override object BooleanParameter(bool value) => value ? 1L : 0L;
}

/// <summary>
/// PostgreSQL: case is folded with lower(), which follows the database's collation (C.UTF-8 and the *.UTF-8
/// locales fold accented letters: lower('ÁVILA') = 'ávila'). PowerShell's -eq is a culture comparison: it also
/// equals compatibility characters (ª = a, º = o, ² = 2, ﬁ = fi) and ignores some invisible ones (soft hyphen),
/// which lower() does not. Text ordering and [sets] in -like stay in memory.
/// </summary>
internal sealed class PostgreSqlFilterDialect : SqlFilterDialect
{
    public static readonly PostgreSqlFilterDialect Instance = new();

    public override string TextEquals(string column, string value, Func<object?, string> parameter) =>
        $"lower({column}) = lower({parameter(value)})";

    public override string TextIn(string column, IReadOnlyList<string> values, Func<object?, string> parameter) =>
        $"lower({column}) IN ({string.Join(", ", values.Select(v => $"lower({parameter(v)})"))})";

    public override string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter)
    {
        if (pattern.Shape == WildcardShape.Exact) return TextEquals(column, pattern.Pattern, parameter);
        var like = LikePattern(pattern);
        return like is null ? null : $"lower({column}) LIKE lower({parameter(like)}) ESCAPE '\\'";
    }

    public override string TextNotEmpty(string column) => $"length({column}) > 0";
}

/// <summary>
/// SQL Server: the column's collation is overridden with a binary one and case is folded with LOWER(), so the
/// result does not depend on the column being CI/CS or AI/AS; equality is written as LIKE on an escaped value
/// because '=' ignores trailing spaces and PowerShell does not ('a' -eq 'a ' is False). LIKE with an nvarchar
/// parameter keeps trailing spaces significant. Text ordering stays in memory; [a-z] sets become LIKE sets.
/// Not run against a live server here: its SQL is checked by ScriptDom's parser in the tests.
/// </summary>
internal sealed class SqlServerFilterDialect : SqlFilterDialect
{
    public static readonly SqlServerFilterDialect Instance = new();
    private const string Binary = "Latin1_General_100_BIN2";

    public override string TextEquals(string column, string value, Func<object?, string> parameter) =>
        LikeSql(column, parameter(EscapeLike(value, "[")));

    public override string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter)
    {
        if (pattern.Shape == WildcardShape.Exact) return TextEquals(column, pattern.Pattern, parameter);
        var like = LikePattern(pattern, Set, alsoEscape: "[");
        return like is null ? null : LikeSql(column, parameter(like));
    }

    private static string LikeSql(string column, string parameterName) =>
        $"LOWER({column}) COLLATE {Binary} LIKE LOWER({parameterName}) ESCAPE '\\'";

    /// <summary>
    /// A PowerShell set as a LIKE set. PowerShell matches the lowered character against the set ignoring case;
    /// with both sides lowered that is the same for sets of single characters and for ranges within a-z, A-Z,
    /// 0-9 or lowercase accented letters. '^' first would negate and ']' or '\' would end or escape: those stay.
    /// </summary>
    private static string? Set(WildcardSet set)
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
            if (!sameKind) return null;
            ranges.Append(low).Append('-').Append(high);
        }
        var body = ranges + new string(singles.ToArray());
        // '-' first is a plain character; '^' first would negate the set.
        if (dash) return "[-" + body + "]";
        if (body.StartsWith('^')) return body.Length == 1 ? "^" : "[" + body[1..] + "^]";
        return "[" + body + "]";
    }

    public override string TextNotEmpty(string column) => $"DATALENGTH({column}) > 0";
}
