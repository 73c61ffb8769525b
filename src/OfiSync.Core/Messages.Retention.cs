namespace OfiSync.Core;

/// <summary>History retention: its settings, the pruning after each run, Clear-SyncRun and Get-SyncStore.</summary>
public static partial class Messages
{
    public static string RetentionSettingInvalid(string store, string name, string value) =>
        $"The OfiSync store '{store}' holds '{value}' as its {name} setting, which is not a whole number of 0 or more. Set it again with Set-SyncStore (-HistoryDays, -HistoryRuns; 0 keeps history forever).";
    public const string RetentionNegative = "A history limit is a whole number of 0 or more (0 keeps history forever).";
    public static string HistoryPruneFailed(string line, string reason) =>
        $"The run of line '{line}' is recorded, but its older run history could not be pruned: {reason} The sync is not affected; Clear-SyncRun -Line {line} tries again, and Get-SyncStore shows the history kept.";
    public static string HistoryPruned(string line, long runs, long rows) =>
        FormattableString.Invariant($"Pruned {runs} older run(s) of line '{line}' with {rows} history row(s), by the store's retention (Get-SyncStore shows it).");
    public static string RetentionShown(int days, int runs) =>
        $"{(days == 0 ? "any age" : FormattableString.Invariant($"{days} day(s)"))}, {(runs == 0 ? "every run" : FormattableString.Invariant($"the newest {runs} run(s)"))} per line";
    public static string RunsTarget(string line, string store) => $"run history of line '{line}' in the store {store}";
    public static string ActionRemoveRuns(long runs, DateTime? oldest, DateTime? newest, long rows) =>
        FormattableString.Invariant($"Remove {runs} run(s) started {oldest:yyyy-MM-dd HH:mm:ss}Z to {newest:yyyy-MM-dd HH:mm:ss}Z, with {rows} history row(s) (the sync state stays)");
    public static string StoreTarget(string store) => $"the OfiSync store {store}";
    public static string ActionSetRetention(string retention) => $"Keep run history for {retention}";
    public const string ClearWholeStoreQuery = "Remove older runs of every line in the store?";
    public static string ClearWholeStoreCaption(long runs, int lines) => FormattableString.Invariant($"Remove {runs} run(s) of {lines} line(s)");
    public const string ClearNothingKeptForever =
        "The store keeps run history forever (Get-SyncStore: HistoryDays and HistoryRuns are 0), so no run is due. Give -Before, -KeepLast or both to remove runs now, or set a limit with Set-SyncStore.";
    public const string ProgressClearingRuns = "Counting older runs";
    public const string SetStoreNothingGiven = "Give -HistoryDays, -HistoryRuns or both (0 keeps history forever in that dimension).";
}
