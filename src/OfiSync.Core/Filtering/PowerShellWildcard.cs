using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OfiSync.Core.Filtering;

internal enum WildcardShape
{
    MatchAll,  // exactly "*"
    Exact,     // no * ? [ ] ` at all: the whole text compared with the invariant culture, ignoring case
    Prefix,    // only a final '*': StartsWith with the invariant culture, ignoring case
    General,   // anything else: character by character, each character lowered with the invariant culture
}

internal abstract record WildcardElement;
internal sealed record WildcardLiteral(char Char) : WildcardElement;
internal sealed record WildcardAnyOne : WildcardElement;
internal sealed record WildcardAny : WildcardElement;
/// <param name="Items">Single characters (Low == High) and ranges, as written.</param>
internal sealed record WildcardSet(IReadOnlyList<(char Low, char High)> Items, Regex Regex) : WildcardElement;

/// <summary>
/// PowerShell's -like pattern (System.Management.Automation.WildcardPattern), rewritten: the same three fast paths,
/// the same parsing of ` escapes and [abc] / [a-z] sets (no negation: '!' and '^' are plain characters), and the same
/// per-character matching, with the options IgnoreCase and CultureInvariant. PowerShell's own -like uses the current
/// culture instead (its -eq and orderings use the invariant one): a sync line must select the same rows on every
/// machine, so OfiSync's -like folds case as the invariant culture does. The two differ only where a culture has
/// case rules of its own (tr-TR and az: 'I' and 'i' are not a pair there). -clike is the same matcher without
/// IgnoreCase: characters and sets match exactly, and the Exact and Prefix shapes compare with the invariant culture.
/// </summary>
internal sealed class PowerShellWildcard
{
    private const string SpecialChars = "*?[]`";
    private const string RegexChars = "()[.?*{}^$+|\\";

    private static readonly ConcurrentDictionary<string, PowerShellWildcard> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, PowerShellWildcard> CaseSensitiveCache = new(StringComparer.Ordinal);

    private static readonly TextInfo Invariant = CultureInfo.InvariantCulture.TextInfo;

    private PowerShellWildcard(string pattern, WildcardShape shape, IReadOnlyList<WildcardElement> elements, bool caseSensitive)
    {
        Pattern = pattern;
        Shape = shape;
        Elements = elements;
        CaseSensitive = caseSensitive;
    }

    public string Pattern { get; }

    /// <summary>-clike's matcher: no case folding.</summary>
    public bool CaseSensitive { get; }
    public WildcardShape Shape { get; }

    /// <summary>The parsed pattern, for every shape (a Prefix pattern is its literals and one WildcardAny).</summary>
    public IReadOnlyList<WildcardElement> Elements { get; }

    public static bool TryParse(string pattern, bool caseSensitive, out PowerShellWildcard? wildcard)
    {
        try
        {
            wildcard = Get(pattern, caseSensitive);
            return true;
        }
        catch (FormatException)
        {
            wildcard = null;
            return false;
        }
    }

    /// <summary>The pattern; throws FormatException when it is invalid.</summary>
    public static PowerShellWildcard Get(string pattern, bool caseSensitive = false)
    {
        var cache = caseSensitive ? CaseSensitiveCache : Cache;
        if (cache.TryGetValue(pattern, out var found)) return found;
        var created = Create(pattern, caseSensitive);
        if (cache.Count < 10_000) cache.TryAdd(pattern, created);
        return created;
    }

    private static PowerShellWildcard Create(string pattern, bool caseSensitive)
    {
        int special = pattern.AsSpan().IndexOfAny(SpecialChars);
        var shape = pattern == "*" ? WildcardShape.MatchAll
            : special < 0 ? WildcardShape.Exact
            : special == pattern.Length - 1 && pattern[special] == '*' ? WildcardShape.Prefix
            : WildcardShape.General;
        return new PowerShellWildcard(pattern, shape, Parse(pattern, caseSensitive), caseSensitive);
    }

    private StringComparison Comparison => CaseSensitive ? StringComparison.InvariantCulture : StringComparison.InvariantCultureIgnoreCase;

    public bool IsMatch(string input) => Shape switch
    {
        WildcardShape.MatchAll => true,
        WildcardShape.Exact => string.Equals(input, Pattern, Comparison),
        WildcardShape.Prefix => input.StartsWith(Pattern[..^1], Comparison),
        _ => MatchElements(input),
    };

    private char Lower(char c) => CaseSensitive ? c : Invariant.ToLower(c);

    /// <summary>The NFA walk of PowerShell's WildcardPatternMatcher: the set of pattern positions reachable so far.</summary>
    private bool MatchElements(string input)
    {
        int n = Elements.Count;
        var current = new bool[n + 1];
        var next = new bool[n + 1];
        Reach(current, 0);
        foreach (var raw in input)
        {
            char c = Lower(raw);
            Array.Clear(next);
            bool any = false;
            for (int p = 0; p < n; p++)
            {
                if (!current[p]) continue;
                switch (Elements[p])
                {
                    case WildcardAny:
                        Reach(next, p);
                        any = true;
                        break;
                    case WildcardAnyOne:
                        Reach(next, p + 1);
                        any = true;
                        break;
                    case WildcardLiteral l when Lower(l.Char) == c:
                        Reach(next, p + 1);
                        any = true;
                        break;
                    case WildcardSet s when s.Regex.IsMatch(c.ToString()):
                        Reach(next, p + 1);
                        any = true;
                        break;
                }
            }
            if (!any) return false;
            (current, next) = (next, current);
        }
        return current[n];
    }

    private void Reach(bool[] states, int p)
    {
        while (!states[p])
        {
            states[p] = true;
            if (p < Elements.Count && Elements[p] is WildcardAny) p++;
            else break;
        }
    }

    private static List<WildcardElement> Parse(string pattern, bool caseSensitive)
    {
        var elements = new List<WildcardElement>();
        bool escaped = false;
        bool inSet = false;
        bool setJustOpened = false;
        StringBuilder? setChars = null;
        StringBuilder? setOps = null;
        foreach (char c in pattern)
        {
            if (inSet)
            {
                if (c == ']' && !setJustOpened && !escaped)
                {
                    inSet = false;
                    elements.Add(MakeSet(setChars!.ToString(), setOps!.ToString(), pattern, caseSensitive));
                }
                else if (c != '`' || escaped)
                {
                    setChars!.Append(c);
                    setOps!.Append(c == '-' && !escaped ? '-' : ' ');
                }
                setJustOpened = false;
            }
            else if (c == '*' && !escaped) elements.Add(new WildcardAny());
            else if (c == '?' && !escaped) elements.Add(new WildcardAnyOne());
            else if (c == '[' && !escaped)
            {
                inSet = true;
                setJustOpened = true;
                setChars = new StringBuilder();
                setOps = new StringBuilder();
            }
            else if (c != '`' || escaped) elements.Add(new WildcardLiteral(c));
            escaped = c == '`' && !escaped;
        }
        if (inSet) throw new FormatException(pattern);
        // A pattern ending in a lone ` keeps it as a character; the pattern "`" alone means "" (as in PowerShell).
        if (escaped && pattern != "`") elements.Add(new WildcardLiteral('`'));
        return elements;
    }

    private static WildcardSet MakeSet(string chars, string ops, string pattern, bool caseSensitive)
    {
        var items = new List<(char, char)>();
        var regex = new StringBuilder("[");
        int i = 0;
        while (i < chars.Length)
        {
            if (i + 2 < chars.Length && ops[i + 1] == '-')
            {
                char low = chars[i], high = chars[i + 2];
                if (low > high) throw new FormatException(pattern);
                items.Add((low, high));
                AppendSetChar(regex, low);
                regex.Append('-');
                AppendSetChar(regex, high);
                i += 3;
            }
            else
            {
                items.Add((chars[i], chars[i]));
                AppendSetChar(regex, chars[i]);
                i++;
            }
        }
        regex.Append(']');
        try
        {
            var options = RegexOptions.CultureInvariant | RegexOptions.Singleline | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
            return new WildcardSet(items, new Regex(regex.ToString(), options));
        }
        catch (ArgumentException)
        {
            throw new FormatException(pattern);
        }
    }

    private static void AppendSetChar(StringBuilder regex, char c)
    {
        switch (c)
        {
            case '[': regex.Append('['); break;
            case ']': regex.Append(@"\]"); break;
            case '-': regex.Append(@"\x2d"); break;
            default:
                if (RegexChars.Contains(c)) regex.Append('\\');
                regex.Append(c);
                break;
        }
    }
}
