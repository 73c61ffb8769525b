namespace OfiSync.Core.Filtering;

/// <summary>
/// The comparisons a filter can make. Each ignores case, as PowerShell's defaults do, unless it is spelled with a c
/// (-ceq, -clike...): a comparison node carries that as its own flag, so every operator has both forms.
/// </summary>
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
    /// <summary>The operator as written: -eq, or -ceq when it compares text case-sensitively.</summary>
    public static string Text(this ComparisonOperator op, bool caseSensitive) => caseSensitive ? "-c" + op.Text()[1..] : op.Text();

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

    /// <summary>The operator a word names (eq, ieq, ceq...), and whether it compares text case-sensitively (the c spellings).</summary>
    public static bool TryGet(string word, out ComparisonOperator op, out bool caseSensitive)
    {
        caseSensitive = false;
        if (Supported.TryGetValue(word, out op)) return true;
        // c + the plain spelling: -ceq, -cin, -cnotlike; never c + an i spelling (-cieq is no operator).
        var rest = word.Length > 1 && char.ToLowerInvariant(word[0]) == 'c' ? word[1..] : "";
        caseSensitive = (rest.Length > 0 && char.ToLowerInvariant(rest[0]) != 'i' || rest.Equals("in", StringComparison.OrdinalIgnoreCase))
                        && Supported.TryGetValue(rest, out op);
        return caseSensitive;
    }

    public static bool IsKnownUnsupported(string word) => Unsupported.Contains(word);
}
