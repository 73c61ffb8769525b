namespace OfiSync.Core;

/// <summary>Get-SyncColumn's texts and tab completion's.</summary>
public static partial class Messages
{
    public static string ColumnSummary(long distinct, IEnumerable<string> top, bool more) =>
        $"{distinct.ToString(System.Globalization.CultureInfo.InvariantCulture)} distinct" + string.Concat(top.Select(t => ", " + t)) + (more ? "..." : "");
    public static string ProfileLimited(string line, int rows) =>
        $"The profile of '{line}' counts the first {rows.ToString(System.Globalization.CultureInfo.InvariantCulture)} rows the pre-filter keeps, its row limit: the source may have more. Use -RowLimit 0 to count them all.";
    public static string ProfileFilterLeftOut(string line, string residual) =>
        $"The profile of '{line}' does not apply this part of the filter, which the source database cannot evaluate: {residual}. Its counts include rows it would leave out.";
    public static string ProgressProfiling(string line) => $"Profiling the columns of '{line}'";
    public static string ColumnNotInSource(string pattern, string line) =>
        $"The line '{line}' has no source column '{pattern}' (by its name or the target column it maps into). Get-SyncColumn '{line}' lists them.";
}
