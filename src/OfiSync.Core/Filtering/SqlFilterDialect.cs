using System.Globalization;
using System.Text;

namespace OfiSync.Core.Filtering;

/// <summary>
/// What differs between databases when a filter becomes SQL. Every text predicate must be true exactly when
/// PowerShell says true for a non-NULL value, and must be NULL or false for NULL (the translator adds the NULL case).
/// <paramref name="parameter"/> arguments add a parameter and return its name.
/// </summary>
public abstract class SqlFilterDialect
{
    /// <summary>PowerShell's text -eq: invariant culture, ignoring case.</summary>
    internal abstract string TextEquals(string column, string value, Func<object?, string> parameter);

    /// <summary>column -eq any of the values.</summary>
    internal virtual string TextIn(string column, IReadOnlyList<string> values, Func<object?, string> parameter) =>
        "(" + string.Join(" OR ", values.Select(v => TextEquals(column, v, parameter))) + ")";

    /// <summary>PowerShell's text ordering (culture-aware, ignoring case), or null when the database cannot give it.</summary>
    internal virtual string? TextCompare(string column, string sqlOperator, string parameterName) => null;

    /// <summary>PowerShell's -like for a pattern other than "*", or null when the database cannot give it.</summary>
    internal abstract string? TextLike(string column, PowerShellWildcard pattern, Func<object?, string> parameter);

    /// <summary>
    /// PowerShell's text -ceq: the invariant culture's comparison without ignoring case, which is equality of the
    /// characters themselves (a binary collation), apart from characters the culture ignores (a soft hyphen) and
    /// canonically equivalent forms (é and e + U+0301). Null when the database cannot give it: it stays in memory.
    /// </summary>
    internal virtual string? TextEqualsCaseSensitive(string column, string value, Func<object?, string> parameter) => null;

    /// <summary>column -ceq any of the values, or null.</summary>
    internal virtual string? TextInCaseSensitive(string column, IReadOnlyList<string> values, Func<object?, string> parameter)
    {
        var each = new List<string>();
        foreach (var value in values)
        {
            if (TextEqualsCaseSensitive(column, value, parameter) is not { } one) return null;
            each.Add(one);
        }
        return "(" + string.Join(" OR ", each) + ")";
    }

    /// <summary>
    /// PowerShell's -clike for a pattern other than "*" (characters matched exactly), or null. A pattern without
    /// wildcards (Shape Exact) is -ceq.
    /// </summary>
    internal virtual string? TextLikeCaseSensitive(string column, PowerShellWildcard pattern, Func<object?, string> parameter) =>
        pattern.Shape == WildcardShape.Exact ? TextEqualsCaseSensitive(column, pattern.Pattern, parameter) : null;

    /// <summary>
    /// PowerShell's case-sensitive text ordering (-cgt, -clt...), a culture ordering ('a' -clt 'B' and 'a' -clt 'A'):
    /// no binary collation gives it, so null unless the database can run PowerShell's own rule.
    /// </summary>
    internal virtual string? TextCompareCaseSensitive(string column, string sqlOperator, string parameterName) => null;

    /// <summary>A text PowerShell calls true: not empty (spaces count).</summary>
    internal abstract string TextNotEmpty(string column);

    internal virtual string DateColumn(string column) => column;

    internal virtual object DateParameter(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

    internal virtual object NumberParameter(object value) => value;

    internal virtual object BooleanParameter(bool value) => value;

    /// <summary>
    /// The pattern for SQL LIKE with '\' as the escape character: * is %, ? is _, literal %, _ and \ escaped.
    /// Null when a [set] appears and <paramref name="set"/> cannot translate it.
    /// </summary>
    private protected static string? LikePattern(PowerShellWildcard pattern, Func<WildcardSet, string?>? set = null, string alsoEscape = "")
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

    private protected static string EscapeLike(string text, string alsoEscape = "")
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
