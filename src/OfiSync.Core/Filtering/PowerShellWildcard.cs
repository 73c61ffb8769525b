using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OfiSync.Core.Filtering;

internal enum WildcardShape
{
    MatchAll,  // exactly "*"
    Exact,     // no * ? [ ] ` at all: PowerShell compares the whole text with the current culture, ignoring case
    Prefix,    // only a final '*': PowerShell's culture-aware StartsWith, ignoring case
    General,   // anything else: character by character, each character lowered with the current culture
}

internal abstract record WildcardElement;
internal sealed record WildcardLiteral(char Char) : WildcardElement;
internal sealed record WildcardAnyOne : WildcardElement;
internal sealed record WildcardAny : WildcardElement;
/// <param name="Items">Single characters (Low == High) and ranges, as written.</param>
internal sealed record WildcardSet(IReadOnlyList<(char Low, char High)> Items, Regex Regex) : WildcardElement;

/// <summary>
/// PowerShell's -like pattern (System.Management.Automation.WildcardPattern with IgnoreCase), rewritten: the same
/// three fast paths, the same parsing of ` escapes and [abc] / [a-z] sets (no negation: '!' and '^' are plain
/// characters), and the same per-character matching.
/// </summary>
internal sealed class PowerShellWildcard
{
    private const string SpecialChars = "*?[]`";
    private const string RegexChars = "()[.?*{}^$+|\\";

    private static readonly ConcurrentDictionary<string, PowerShellWildcard> Cache = new();

    private readonly CultureInfo _culture;

    private PowerShellWildcard(string pattern, WildcardShape shape, IReadOnlyList<WildcardElement> elements, CultureInfo culture)
    {
        Pattern = pattern;
        Shape = shape;
        Elements = elements;
        _culture = culture;
    }

    public string Pattern { get; }
    public WildcardShape Shape { get; }

    /// <summary>The parsed pattern, for every shape (a Prefix pattern is its literals and one WildcardAny).</summary>
    public IReadOnlyList<WildcardElement> Elements { get; }

    public static bool TryParse(string pattern, out PowerShellWildcard? wildcard)
    {
        try
        {
            wildcard = Get(pattern);
            return true;
        }
        catch (FormatException)
        {
            wildcard = null;
            return false;
        }
    }

    /// <summary>The pattern for the current culture; throws FormatException when it is invalid.</summary>
    public static PowerShellWildcard Get(string pattern)
    {
        var culture = CultureInfo.CurrentCulture;
        var key = culture.Name + "\u0001" + pattern;
        if (Cache.TryGetValue(key, out var found)) return found;
        var created = Create(pattern, culture);
        if (Cache.Count < 10_000) Cache.TryAdd(key, created);
        return created;
    }

    private static PowerShellWildcard Create(string pattern, CultureInfo culture)
    {
        int special = pattern.AsSpan().IndexOfAny(SpecialChars);
        var shape = pattern == "*" ? WildcardShape.MatchAll
            : special < 0 ? WildcardShape.Exact
            : special == pattern.Length - 1 && pattern[special] == '*' ? WildcardShape.Prefix
            : WildcardShape.General;
        return new PowerShellWildcard(pattern, shape, Parse(pattern), culture);
    }

    public bool IsMatch(string input)
    {
        var comparison = _culture.Name.Equals("en-US-POSIX", StringComparison.OrdinalIgnoreCase)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.CurrentCultureIgnoreCase;
        return Shape switch
        {
            WildcardShape.MatchAll => true,
            WildcardShape.Exact => WithCulture(() => string.Equals(input, Pattern, comparison)),
            WildcardShape.Prefix => WithCulture(() => input.StartsWith(Pattern[..^1], comparison)),
            _ => MatchElements(input),
        };
    }

    // CurrentCulture comparisons must use the culture the pattern was made for, even on another thread.
    private bool WithCulture(Func<bool> compare)
    {
        var current = CultureInfo.CurrentCulture;
        if (current.Name == _culture.Name) return compare();
        CultureInfo.CurrentCulture = _culture;
        try { return compare(); }
        finally { CultureInfo.CurrentCulture = current; }
    }

    private char Lower(char c) => _culture.TextInfo.ToLower(c);

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

    private static List<WildcardElement> Parse(string pattern)
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
                    elements.Add(MakeSet(setChars!.ToString(), setOps!.ToString(), pattern));
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

    private static WildcardSet MakeSet(string chars, string ops, string pattern)
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
            return new WildcardSet(items, new Regex(regex.ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline));
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
