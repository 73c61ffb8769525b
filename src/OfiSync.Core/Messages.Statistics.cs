namespace OfiSync.Core;

public static partial class Messages
{
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
    public static string StatisticsTableOrQuery => Text.Get(nameof(StatisticsTableOrQuery));
    public static string TheSalesQuery => Text.Get(nameof(TheSalesQuery));
}
