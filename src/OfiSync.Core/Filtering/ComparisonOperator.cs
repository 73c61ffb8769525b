namespace OfiSync.Core.Filtering;

/// <summary>The comparisons a filter can make; all of them ignore case, as PowerShell's defaults do.</summary>
internal enum ComparisonOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    NotLike,
    In,
    NotIn,
}

internal static class ComparisonOperators
{
    public static string Text(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Eq => "-eq",
        ComparisonOperator.Ne => "-ne",
        ComparisonOperator.Gt => "-gt",
        ComparisonOperator.Ge => "-ge",
        ComparisonOperator.Lt => "-lt",
        ComparisonOperator.Le => "-le",
        ComparisonOperator.Like => "-like",
        ComparisonOperator.NotLike => "-notlike",
        ComparisonOperator.In => "-in",
        ComparisonOperator.NotIn => "-notin",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>The operator whose result is the opposite for every pair of values (NaN aside).</summary>
    public static ComparisonOperator Negate(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Eq => ComparisonOperator.Ne,
        ComparisonOperator.Ne => ComparisonOperator.Eq,
        ComparisonOperator.Gt => ComparisonOperator.Le,
        ComparisonOperator.Le => ComparisonOperator.Gt,
        ComparisonOperator.Lt => ComparisonOperator.Ge,
        ComparisonOperator.Ge => ComparisonOperator.Lt,
        ComparisonOperator.Like => ComparisonOperator.NotLike,
        ComparisonOperator.NotLike => ComparisonOperator.Like,
        ComparisonOperator.In => ComparisonOperator.NotIn,
        ComparisonOperator.NotIn => ComparisonOperator.In,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static bool IsOrdering(this ComparisonOperator op) =>
        op is ComparisonOperator.Gt or ComparisonOperator.Ge or ComparisonOperator.Lt or ComparisonOperator.Le;

    public static bool IsMembership(this ComparisonOperator op) => op is ComparisonOperator.In or ComparisonOperator.NotIn;

    private static readonly Dictionary<string, ComparisonOperator> Supported = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eq"] = ComparisonOperator.Eq, ["ieq"] = ComparisonOperator.Eq,
        ["ne"] = ComparisonOperator.Ne, ["ine"] = ComparisonOperator.Ne,
        ["gt"] = ComparisonOperator.Gt, ["igt"] = ComparisonOperator.Gt,
        ["ge"] = ComparisonOperator.Ge, ["ige"] = ComparisonOperator.Ge,
        ["lt"] = ComparisonOperator.Lt, ["ilt"] = ComparisonOperator.Lt,
        ["le"] = ComparisonOperator.Le, ["ile"] = ComparisonOperator.Le,
        ["like"] = ComparisonOperator.Like, ["ilike"] = ComparisonOperator.Like,
        ["notlike"] = ComparisonOperator.NotLike, ["inotlike"] = ComparisonOperator.NotLike,
        ["in"] = ComparisonOperator.In, ["iin"] = ComparisonOperator.In,
        ["notin"] = ComparisonOperator.NotIn, ["inotin"] = ComparisonOperator.NotIn,
    };

    private static readonly HashSet<string> Unsupported = new(StringComparer.OrdinalIgnoreCase)
    {
        "match", "imatch", "cmatch", "notmatch", "inotmatch", "cnotmatch",
        "contains", "icontains", "ccontains", "notcontains", "inotcontains", "cnotcontains",
        "replace", "ireplace", "creplace", "split", "isplit", "csplit", "join",
        "is", "isnot", "as", "f", "xor", "band", "bor", "bxor", "bnot", "shl", "shr",
    };

    public static bool TryGet(string word, out ComparisonOperator op) => Supported.TryGetValue(word, out op);

    /// <summary>-ceq, -clike... : a supported comparison spelled case-sensitively.</summary>
    public static bool IsCaseSensitiveSpelling(string word) =>
        word.Length > 1 && char.ToLowerInvariant(word[0]) == 'c' && Supported.ContainsKey(word[1..]);

    public static bool IsKnownUnsupported(string word) => Unsupported.Contains(word);
}
