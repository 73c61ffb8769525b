using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace OfiSync.Core.Tests.Architecture;

/// <summary>
/// The message resources: English (Messages.resx) and Spanish (Messages.es.resx) hold the same keys with the same
/// placeholders, every name the code asks for exists, and every key is asked for.
/// </summary>
public sealed partial class MessageResourceRules
{
    private static readonly string Resources = Path.Combine(SourceRules.RepositoryRoot, "src", "OfiSync.Core", "Resources");

    internal static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> English = Read("Messages.resx");
    private static readonly Dictionary<string, string> Spanish = Read("Messages.es.resx");

    /// <summary>The placeholders of a composite format, such as {0} and {2:0.#}; doubled braces are text.</summary>
    internal static IReadOnlyList<string> Placeholders(string text) =>
        Placeholder().Matches(text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_key_is_in_both_languages()
    {
        var onlyEnglish = English.Keys.Except(Spanish.Keys).Order(StringComparer.Ordinal).ToList();
        var onlySpanish = Spanish.Keys.Except(English.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(onlyEnglish.Count == 0 && onlySpanish.Count == 0,
            $"Only in Messages.resx: {string.Join(", ", onlyEnglish)}\nOnly in Messages.es.resx: {string.Join(", ", onlySpanish)}");
        Assert.True(English.Count > 250, $"Messages.resx has only {English.Count} texts: was it read?");
    }

    [Fact]
    public void Both_languages_have_the_same_placeholders_and_format()
    {
        var differ = English.Where(e => Spanish.ContainsKey(e.Key))
            .Where(e => !Placeholders(e.Value).SequenceEqual(Placeholders(Spanish[e.Key])))
            .Select(e => $"{e.Key}: [{string.Join(" ", Placeholders(e.Value))}] in English, [{string.Join(" ", Placeholders(Spanish[e.Key]))}] in Spanish")
            .ToList();
        Assert.True(differ.Count == 0, "Placeholders differ:\n" + string.Join("\n", differ));

        // A text with placeholders is formatted: a stray brace in either language would throw when the message is shown.
        var broken = new List<string>();
        foreach (var (key, text) in English.Where(e => Placeholders(e.Value).Count > 0))
        {
            var args = Enumerable.Repeat<object>(1, 20).ToArray();
            foreach (var (language, value) in new[] { ("English", text), ("Spanish", Spanish.GetValueOrDefault(key, text)) })
            {
                try { _ = string.Format(CultureInfo.InvariantCulture, value, args); }
                catch (FormatException ex) { broken.Add($"{key} ({language}): {ex.Message}"); }
            }
        }
        Assert.True(broken.Count == 0, "Texts that do not format:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void The_placeholder_check_sees_a_missing_or_changed_placeholder()
    {
        Assert.Equal(["{0}", "{1:0.#}"], Placeholders("waited {1:0.#} s on '{0}', {0}"));
        Assert.NotEqual(Placeholders("{0} of {1}"), Placeholders("{0} de {2}"));
        Assert.NotEqual(Placeholders("{0:0.#} s"), Placeholders("{0} s"));
        Assert.Empty(Placeholders("@{{ FromLine = '...' }}"));
    }

    [Fact]
    public void Every_name_the_code_asks_for_has_a_text_and_every_text_is_asked_for()
    {
        var code = string.Join("\n", SourceRules.SourceFilesOf(Path.Combine("src", "OfiSync.Core")).Select(File.ReadAllText));
        var asked = TextLookup().Matches(code).Select(m => m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["literal"].Value).ToHashSet();
        var missing = asked.Where(n => !English.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Asked for but not in Messages.resx: " + string.Join(", ", missing));

        // KeywordValue<Placeholder> is asked for by name built from the placeholder (Messages.KeywordSuggestion).
        var unused = English.Keys.Where(k => !asked.Contains(k) && !k.StartsWith("KeywordValue", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0, "In Messages.resx but asked for by no code: " + string.Join(", ", unused));
    }

    [GeneratedRegex(@"\{\d+(,-?\d+)?(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"Text\.(Get|Format|FormatForDisplay|Invariant|FormatInvariant)\((nameof\((?<name>\w+)\)|""(?<literal>\w+)"")[,)]")]
    private static partial Regex TextLookup();
}
