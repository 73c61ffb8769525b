using System.Management.Automation;

namespace OfiSync.PowerShell.Support;

internal static class Wildcards
{
    /// <summary>The items whose name matches the pattern, case-insensitively, in their original order.</summary>
    public static List<T> Match<T>(IEnumerable<T> items, Func<T, string> name, string pattern)
    {
        var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        return items.Where(i => wildcard.IsMatch(name(i))).ToList();
    }
}
