namespace OfiSync.Core;

/// <summary>History retention: its settings, the pruning after each run, Clear-SyncRun and Get-SyncStore.</summary>
public static partial class Messages
{
    public static string RetentionSettingInvalid(string store, string name, string value) => Text.Format(nameof(RetentionSettingInvalid), store, value, name);
    public static string RetentionNegative => Text.Get(nameof(RetentionNegative));
    public static string HistoryPruneFailed(string line, string reason) => Text.Format(nameof(HistoryPruneFailed), line, reason);
    public static string HistoryPruned(string line, long runs, long rows) => Text.Format(nameof(HistoryPruned), runs, line, rows);
    public static string RetentionShown(int days, int runs) =>
        Text.Format(nameof(RetentionShown), days == 0 ? Text.Get("RetentionAnyAge") : Text.Format("RetentionDays", days),
            runs == 0 ? Text.Get("RetentionEveryRun") : Text.Format("RetentionNewestRuns", runs));
    public static string RunsTarget(string line, string store) => Text.Format(nameof(RunsTarget), line, store);
    public static string ActionRemoveRuns(long runs, DateTime? oldest, DateTime? newest, long rows) => Text.Format(nameof(ActionRemoveRuns), runs, oldest, newest, rows);
    public static string StoreTarget(string store) => Text.Format(nameof(StoreTarget), store);
    public static string ActionSetRetention(string retention) => Text.Format(nameof(ActionSetRetention), retention);
    public static string ClearWholeStoreQuery => Text.Get(nameof(ClearWholeStoreQuery));
    public static string ClearWholeStoreCaption(long runs, int lines) => Text.Format(nameof(ClearWholeStoreCaption), runs, lines);
    public static string ClearNothingKeptForever => Text.Get(nameof(ClearNothingKeptForever));
    public static string ProgressClearingRuns => Text.Get(nameof(ProgressClearingRuns));
    public static string SetStoreNothingGiven => Text.Get(nameof(SetStoreNothingGiven));
}
