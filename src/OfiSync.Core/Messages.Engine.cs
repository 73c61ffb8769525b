namespace OfiSync.Core;

public static partial class Messages
{
    public static string DeleteCapExceeded(string line, long deletes, long total, double percent) => Text.Format(nameof(DeleteCapExceeded), line, deletes, total, ValueText(percent));
    public static string LineLocked(string line, TimeSpan waited) => Text.Format(nameof(LineLocked), line, waited.TotalSeconds);
    public static string Retrying(string line, int attempt, int of, TimeSpan delay, string reason) => Text.Format(nameof(Retrying), line, reason, delay.TotalSeconds, attempt, of);
    public static string LineDisabled(string line) => Text.Format(nameof(LineDisabled), line);
    public static string ColumnNotInLine(string column, string line, IEnumerable<string> columns) =>
        Text.Format(nameof(ColumnNotInLine), column, line, string.Join(", ", columns));
    public static string KeyColumnCannotBeExcluded(string column) => Text.Format(nameof(KeyColumnCannotBeExcluded), column);
    public static string PlanText(Engine.SyncPlan plan) => plan.FlagColumn is null
        ? Text.Format(nameof(PlanText), plan.Inserts, plan.Updates, plan.Deletes, plan.Line, plan.Target)
        : Text.Format("PlanTextFlag", plan.Inserts, plan.Updates, plan.Flags, plan.FlagColumn, ShowValue(plan.FlagValue), plan.Line, plan.Target);
    private static string ShowValue(object? value) => value is null ? "NULL" : "'" + Engine.RowKey.Text(value) + "'";
    public static string RunText(string line, string target, bool all) =>
        all ? Text.Format("RunTextAll", line, target) : Text.Format(nameof(RunText), line, target);
    public static string ActionSync => Text.Get(nameof(ActionSync));

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;

    /// <summary>A value quoted in a message as the invariant culture writes it: run history keeps these texts.</summary>
    private static string ValueText(object? value) => Engine.RowKey.Text(value);
}

public static partial class Messages
{
    public static string ProgressPreview(string line) => Text.Format(nameof(ProgressPreview), line);
    public static string ProgressSync(string line) => Text.Format(nameof(ProgressSync), line);
    public static string ProgressReading => Text.Get(nameof(ProgressReading));
    public static string ProgressRows(long rows) => Text.FormatForDisplay(nameof(ProgressRows), rows);
    public static string ProgressRowsOf(long done, long? total, double perSecond) =>
        total is { } t ? Text.FormatForDisplay(nameof(ProgressRowsOf), done, t, perSecond) : Text.FormatForDisplay("ProgressRowsPerSecond", done, perSecond);
    public static string EveryKeyColumnWritten => Text.Get(nameof(EveryKeyColumnWritten));
    public static string RowFailedAction => Text.Get(nameof(RowFailedAction));
    public static string RowFailed(string line, string key, string? error) => Text.Format(nameof(RowFailed), line, key, error);
    public static string LineHadFailures(string line, long failed, long runId) => Text.Format(nameof(LineHadFailures), line, failed, runId);
    public static string DependencyFailed(string line, string dependency) => Text.Format(nameof(DependencyFailed), line, dependency);
    public static string PreviewRowsOfUnknownLine => Text.Get(nameof(PreviewRowsOfUnknownLine));
    public static string NothingToSync => Text.Get(nameof(NothingToSync));
    public static string NothingPiped => Text.Get(nameof(NothingPiped));
    public static string QueryParameters(string parameters) => Text.Format(nameof(QueryParameters), parameters);
    public static string QueryResidual(string filter) => Text.Format(nameof(QueryResidual), filter);
    public static string ReadingSource(string line, string query) => Text.Format(nameof(ReadingSource), line, query);
    internal static string BatchDone(string line, int number, long rows, Engine.BatchCounts c, int retries, TimeSpan read, TimeSpan write, TimeSpan store) =>
        Text.Format(nameof(BatchDone), line, number, rows, c.Inserted, c.Updated, c.Unchanged, c.Deleted, c.Flagged, c.Failed, c.Skipped,
            retries switch { 0 => Text.Get("BatchNoRetry"), 1 => Text.Get("BatchOneRetry"), _ => Text.Format("BatchRetries", retries) },
            (read + write + store).TotalSeconds, read.TotalSeconds, write.TotalSeconds, store.TotalSeconds);
    public static string DeletesDone(string line, long deleted, long flagged, long failed, TimeSpan took) => Text.Format(nameof(DeletesDone), line, deleted, flagged, failed, took.TotalSeconds);
}

public static partial class Messages
{
    public static string InputNotUnderstood(string type) => Text.Format(nameof(InputNotUnderstood), type);
    public static string RunNotFound(long id) => Text.Format(nameof(RunNotFound), id);
    public static string DateNotUnderstood(string text) => Text.Format(nameof(DateNotUnderstood), text);
    public static string SyncNotFound(Guid id) => Text.Format(nameof(SyncNotFound), id);
}

public static partial class Messages
{
    public static string PreviewRowsFromText(string line, int count) => Text.Format(nameof(PreviewRowsFromText), count, line);
    public static string PreviewRowActionInvalid(string line, string key, string action) => Text.Format(nameof(PreviewRowActionInvalid), line, key, action);
    public static string PreviewRowPropertyUnknown(string line, string key, IEnumerable<string> properties, IEnumerable<string> columns) =>
        properties.Count() == 1
            ? Text.Format(nameof(PreviewRowPropertyUnknown), line, key, "'" + properties.First() + "'", string.Join(", ", columns))
            : Text.Format("PreviewRowPropertiesUnknown", line, key, string.Join(", ", properties.Select(p => "'" + p + "'")), string.Join(", ", columns));
}

public static partial class Messages
{
    public static string DatabaseLocked(string connection, string file, string reason) => Text.Format(nameof(DatabaseLocked), file, connection, reason);
    public static string DatabaseStayedLocked(string line, string connection, string file, TimeSpan waited, int attempts) => Text.Format(nameof(DatabaseStayedLocked), line, file, connection, waited.TotalSeconds, attempts);
}

public static partial class Messages
{
    public static string LinesLeftOut(string problem, IReadOnlyCollection<string> lines) =>
        lines.Count == 1
            ? Text.Format(nameof(LinesLeftOut), problem, "'" + lines.First() + "'")
            : Text.Format("LinesLeftOutMany", problem, string.Join(", ", lines.Select(l => "'" + l + "'")));
}
