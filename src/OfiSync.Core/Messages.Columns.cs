namespace OfiSync.Core;

/// <summary>Get-SyncColumn's texts and tab completion's.</summary>
public static partial class Messages
{
    public static string ColumnSummary(long distinct, IEnumerable<string> top, bool more) =>
        Text.Format(nameof(ColumnSummary), distinct, string.Concat(top.Select(t => ", " + t)) + (more ? "..." : ""));
    public static string ProfileLimited(string line, int rows) => Text.Format(nameof(ProfileLimited), line, rows);
    public static string ProfileFilterLeftOut(string line, string residual) => Text.Format(nameof(ProfileFilterLeftOut), line, residual);
    public static string ProgressProfiling(string line) => Text.Format(nameof(ProgressProfiling), line);
    public static string ColumnNotInSource(string pattern, string line) => Text.Format(nameof(ColumnNotInSource), line, pattern);
}
