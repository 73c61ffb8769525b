using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("en")]

namespace OfiSync.Core;

/// <summary>
/// Reads Messages' texts from Resources/Messages.resx (English) and its translations (Messages.es.resx), in the UI
/// culture of the calling thread; a culture without a translation gets English. Values inside a message (counts, keys,
/// seconds, dates) are formatted by the invariant culture: they are data, and a user pastes them into filters and scripts.
/// </summary>
internal static class Text
{
    private static readonly ResourceManager Resources = new("OfiSync.Core.Resources.Messages", typeof(Text).Assembly);

    public static string Get(string name) => Lookup(name, CultureInfo.CurrentUICulture);

    public static string Format(string name, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(name), args);

    /// <summary>For progress lines only (never stored or pasted): numbers grouped as the user's culture writes them.</summary>
    public static string FormatForDisplay(string name, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), args);

    /// <summary>The English text, whatever the UI culture: for what is stored or written to a target.</summary>
    public static string Invariant(string name) => Lookup(name, CultureInfo.InvariantCulture);

    public static string FormatInvariant(string name, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Invariant(name), args);

    private static string Lookup(string name, CultureInfo culture) =>
        Resources.GetString(name, culture) ?? throw new MissingManifestResourceException(name);
}
