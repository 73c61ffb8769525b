namespace OfiSync.Core;

public static partial class Messages
{
    public static string ProgressSet(int lines) => Text.Format(nameof(ProgressSet), lines);
    public static string ProgressSetStatus(int ended, int lines, IEnumerable<string> running)
    {
        var names = string.Join(", ", running);
        return names.Length > 0 ? Text.Format("ProgressSetStatusRunning", ended, lines, names) : Text.Format(nameof(ProgressSetStatus), ended, lines);
    }
    public static string ProgressWaiting => Text.Get(nameof(ProgressWaiting));
    /// <summary>The one confirmation of a whole sync: each line's text on a line of its own.</summary>
    public static string RunSetText(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines);
}
