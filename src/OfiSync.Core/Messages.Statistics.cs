namespace OfiSync.Core;

public static partial class Messages
{
    public static string NotYetInTarget(string column, string value, string line) => Text.Format(nameof(NotYetInTarget), column, value, line);
    public static string CustomerLineNotFound(string line) => Text.Format(nameof(CustomerLineNotFound), line);
    public static string StatisticsSpecMissing => Text.Get(nameof(StatisticsSpecMissing));
    public static string StatisticsColumnUnknown(string name) =>
        Text.Format(nameof(StatisticsColumnUnknown), name, string.Join(", ", Statistics.SalesStatisticsSpec.Columns));
    public static string StatisticsKeyInvalid(string key) => Text.Format(nameof(StatisticsKeyInvalid), key);
    public static string StatisticsThresholds(int thresholds, int names) => Text.Format(nameof(StatisticsThresholds), thresholds, thresholds + 1, names);
    public static string StatisticsDeletePolicy => Text.Get(nameof(StatisticsDeletePolicy));
    public static string StatisticsMapRequired => Text.Get(nameof(StatisticsMapRequired));
    public static string FiscalMonthInvalid => Text.Get(nameof(FiscalMonthInvalid));
    public static string StatisticsColumnsMissing => Text.Get(nameof(StatisticsColumnsMissing));
    public static string TheSalesStatistics => Text.Get(nameof(TheSalesStatistics));
    public static string TargetIdNotRecorded(string line) => Text.Format(nameof(TargetIdNotRecorded), line);
    public static string IdLineNotFound(string column, string value, string line) => Text.Format(nameof(IdLineNotFound), column, value, line);
    public static string IdLineRecordsNoIds(string column, string value, string line) => Text.Format(nameof(IdLineRecordsNoIds), column, value, line);
    public static string IdRecordedBeforeTargetId(string column, string value, string line) => Text.Format(nameof(IdRecordedBeforeTargetId), column, value, line);
    public static string IdLineWriteFailed(string column, string value, string line) => Text.Format(nameof(IdLineWriteFailed), column, value, line);
    public static string IdLineWriteInterrupted(string column, string value, string line) => Text.Format(nameof(IdLineWriteInterrupted), column, value, line);
    public static string IdLineDeleted(string column, string value, string line) => Text.Format(nameof(IdLineDeleted), column, value, line);
    public static string IdLineFlagged(string column, string value, string line, string flagColumn, object? flagValue) => Text.Format(nameof(IdLineFlagged), column, value, flagColumn, Convert.ToString(flagValue, System.Globalization.CultureInfo.InvariantCulture), line);
    public static string StatisticsTableOrQuery => Text.Get(nameof(StatisticsTableOrQuery));
    public static string TheSalesQuery => Text.Get(nameof(TheSalesQuery));
}
