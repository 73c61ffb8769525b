using System.Globalization;

namespace OfiSync.Core;

public static partial class Messages
{
    public static string ProgressSet(int lines) => string.Create(CultureInfo.InvariantCulture, $"Synchronising {lines} line(s)");
    public static string ProgressSetStatus(int ended, int lines, IEnumerable<string> running)
    {
        var names = string.Join(", ", running);
        return string.Create(CultureInfo.InvariantCulture, $"{ended} of {lines} line(s) ended") + (names.Length > 0 ? "; running: " + names : "");
    }
    public const string ProgressWaiting = "Waiting for its lock";
    /// <summary>The one confirmation of a whole sync: each line's text on a line of its own.</summary>
    public static string RunSetText(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines);
}
