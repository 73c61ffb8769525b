using System.Globalization;

namespace OfiSync.Core;

public static partial class Messages
{
    public static string ValueTooLong(string column, string value, int max) =>
        $"The value of {column} has {value.Length} characters, more than the {max} the target column holds: '{Shorten(value)}'.";
    public static string ValueNotConvertible(string column, object value, string type) =>
        $"The value '{Shorten(ValueText(value))}' cannot be written into {column} ({type}).";
    public static string KeyIsNull(string column) => $"The key column {column} is NULL in the source: the row cannot be identified.";
    public static string DuplicateSourceKey(string key) => $"The source has more than one row with the key '{key}'; only the first was written.";
    public static string LookupNotFound(string column, string source, object? value, string table, string match) =>
        $"{column}: no row of {table} has {match} = '{ValueText(value)}' (from {source}). Sync that table first (DependsOn), or set OnMissing = 'Null'.";
    public static string LookupAmbiguous(string table, string match, object? value) =>
        $"More than one row of {table} has {match} = '{ValueText(value)}': the lookup cannot choose.";
    public static string DeleteCapExceeded(string line, long deletes, long total, double percent) =>
        $"Line '{line}': {deletes} of {total} target rows would be deleted or flagged, more than the {ValueText(percent)}% safety cap. Nothing was deleted. Check the source, then run again with -Force if this is intended.";
    public static string LineLocked(string line, TimeSpan waited) =>
        string.Create(CultureInfo.InvariantCulture, $"Another run of the line '{line}' is in progress (in this or another process, or on another machine sharing the store); waited {waited.TotalSeconds:0.#} s. Try again when it ends, or wait longer with -LockTimeout.");
    public static string Retrying(string line, int attempt, int of, TimeSpan delay, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"Line '{line}': a passing fault ({reason}); trying the batch again in {delay.TotalSeconds:0.#} s on a new connection (attempt {attempt} of {of}).");
    public const string RunInterrupted = "The run ended without finishing: its process stopped (killed, or the machine restarted). What it committed stays; the next run sent the rest.";
    public const string RowFailedWithoutReason = "The database refused the row without saying why.";
    public const string RunAbandoned = "The run was stopped before its end: committed batches stay, the rest is sent next time.";
    public static string RunStopped => "The run was stopped (Ctrl+C): committed batches stay, the rest is sent next time.";
    public static string MaxErrorsReached(string line, int max) => $"Line '{line}' stopped after {max} failed rows (-MaxErrors).";
    public static string StoppedAtFirstFailure(string line) =>
        $"Line '{line}' stopped after the batch that holds its first failed row (-ErrorAction Stop): committed batches stay, the rest is sent next time.";
    public static string LineDisabled(string line) => $"The line '{line}' is disabled: enable it with Set-SyncLine -Enabled, or run it by name with -IncludeDisabled.";
    public static string ColumnNotInLine(string column, string line, IEnumerable<string> columns) =>
        $"'{column}' is not a target column of the line '{line}'. Its columns are: {string.Join(", ", columns)}.";
    public static string KeyColumnCannotBeExcluded(string column) => $"The key column {column} cannot be left out: it identifies the row.";
    public static string PlanText(Engine.SyncPlan plan) => plan.FlagColumn is null
        ? FormattableString.Invariant($"insert {plan.Inserts}, update {plan.Updates}, delete {plan.Deletes} rows of line '{plan.Line}' into {plan.Target}")
        : FormattableString.Invariant($"insert {plan.Inserts}, update {plan.Updates}, flag {plan.Flags} (set {plan.FlagColumn} = {ShowValue(plan.FlagValue)}) rows of line '{plan.Line}' into {plan.Target}");
    public static string DeletePolicyChanged(string line, Engine.RowAction previewed, Engine.RowAction now) =>
        $"The preview showed this row as {previewed}, but the line '{line}' would now {now} it (its delete policy changed since): preview the line again.";
    private static string ShowValue(object? value) => value is null ? "NULL" : "'" + Engine.RowKey.Text(value) + "'";
    public static string RunText(string line, string target, bool all) =>
        all ? $"write every row of line '{line}' again into {target} (sync all)" : $"send the new and changed rows of line '{line}' into {target}";
    public const string ActionSync = "Synchronise";

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;

    /// <summary>A value quoted in a message as the invariant culture writes it: run history keeps these texts.</summary>
    private static string ValueText(object? value) => Engine.RowKey.Text(value);
}

public static partial class Messages
{
    public static string ProgressPreview(string line) => $"Previewing line '{line}'";
    public static string ProgressSync(string line) => $"Synchronising line '{line}'";
    public const string ProgressReading = "Reading the source";
    public static string ProgressRows(long rows) => $"{rows:N0} rows";
    public static string ProgressRowsOf(long done, long? total, double perSecond) =>
        total is { } t ? $"{done:N0} of {t:N0} rows, {perSecond:N0} rows/s" : $"{done:N0} rows, {perSecond:N0} rows/s";
    public static string RowFailed(string line, string key, string? error) => $"Line '{line}', key '{key}': {error}";
    public static string LineHadFailures(string line, long failed, long runId) =>
        $"Line '{line}': {failed} row(s) failed. See them with: Get-SyncRunResult -LastSync -Status Failed (this line's only: Get-SyncRunResult {runId} -Status Failed)";
    public static string DependencyFailed(string line, string dependency) =>
        $"The line '{line}' was not run because the line it depends on, '{dependency}', failed.";
    public const string PreviewRowsOfUnknownLine = "A preview row names a line that is not in the store";
    public const string NothingToSync = "No line to run.";
    public const string NothingPiped = "Nothing came through the pipeline: nothing was run.";
    public static string QueryParameters(string parameters) => $"(parameters: {parameters})";
    public static string QueryResidual(string filter) => $"(then filtered in memory: {filter})";
    public static string ReadingSource(string line, string query) => $"Line '{line}': reading the source with {query}";
    internal static string BatchDone(string line, int number, long rows, Engine.BatchCounts c, int retries, TimeSpan read, TimeSpan write, TimeSpan store) =>
        FormattableString.Invariant($"Line '{line}', batch {number}: {rows} rows read; {c.Inserted} inserted, {c.Updated} updated, {c.Unchanged} unchanged, ") +
        FormattableString.Invariant($"{c.Deleted} deleted, {c.Flagged} flagged, {c.Failed} failed, {c.Skipped} skipped; ") +
        (retries == 0 ? "no retry" : FormattableString.Invariant($"{retries} retr{(retries == 1 ? "y" : "ies")}")) +
        FormattableString.Invariant($"; {(read + write + store).TotalSeconds:0.000} s (reading {read.TotalSeconds:0.000} s, writing {write.TotalSeconds:0.000} s, recording {store.TotalSeconds:0.000} s)");
    public static string DeletesDone(string line, long deleted, long flagged, long failed, TimeSpan took) =>
        string.Create(CultureInfo.InvariantCulture, $"Line '{line}': rows gone from the source: {deleted} deleted, {flagged} flagged, {failed} failed; {took.TotalSeconds:0.000} s");
}

public static partial class Messages
{
    public static string InputNotUnderstood(string type) =>
        $"Invoke-OfiSync takes sync lines (from Get-SyncLine), line names, or preview rows (from Get-SyncPreview), not a {type}.";
    public static string RunNotFound(long id) => $"No run with id {id} is in the store. Get-SyncRun lists the runs.";
    public static string DateNotUnderstood(string text) =>
        $"'{text}' is not a date. Write it year first, such as '2025-06-30' or '2025-06-30 18:00', or give a [datetime] such as (Get-Date).AddDays(-7).";
    public static string SyncNotFound(Guid id) => $"No run of the sync {id} is in the store. Get-SyncRun lists the runs with their SyncId.";
}

public static partial class Messages
{
    public static string PreviewRowsFromText(string line, int count) =>
        $"{count} preview row(s) of the line '{line}' came through a CSV file (Export-Csv, Import-Csv), which keeps neither the values' types nor NULL (a NULL comes back as ''): OfiSync cannot apply them as they were previewed, and applied none of them. " +
        $"To pick rows in a spreadsheet, keep their keys: $keys = (Import-Csv picked.csv).Key; Get-SyncPreview {line} | Where-Object Key -in $keys | Invoke-OfiSync. " +
        "To keep a preview in a file as it is, use Export-Clixml and Import-Clixml.";
    public static string PreviewRowActionInvalid(string line, string key, string action) =>
        $"The preview row of line '{line}' with key '{key}' has the action '{action}', which is not one of Insert, Update, Delete, Flag or Unchanged: the row was not applied.";
    public static string PreviewRowPropertyUnknown(string line, string key, IEnumerable<string> properties, IEnumerable<string> columns) =>
        $"The preview row of line '{line}' with key '{key}' has the propert{(properties.Count() == 1 ? "y" : "ies")} {string.Join(", ", properties.Select(p => "'" + p + "'"))}, which {(properties.Count() == 1 ? "is" : "are")} not a column of the line: the row was not applied. " +
        $"Remove {(properties.Count() == 1 ? "it" : "them")} (Select-Object -ExcludeProperty), or preview again. The line's columns are: {string.Join(", ", columns)}.";
}

public static partial class Messages
{
    public static string DatabaseLocked(string connection, string file, string reason) =>
        $"The SQLite database '{file}' of the connection '{connection}' is locked by another program (a write transaction it keeps open): {reason}";
    public static string DatabaseStayedLocked(string line, string connection, string file, TimeSpan waited, int attempts) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Line '{line}' stopped: the SQLite database '{file}' of the connection '{connection}' stayed locked by another program for {waited.TotalSeconds:0} s ({attempts} attempts). Close the program that holds it, or end the transaction it keeps open, then run the line again: the batches already written stay, and the next run sends the rest.");
}

public static partial class Messages
{
    public static string LinesLeftOut(string problem, IReadOnlyCollection<string> lines) =>
        $"{problem} Left out, as {(lines.Count == 1 ? "it uses" : "they use")} this connection: {(lines.Count == 1 ? "the sync line" : "the sync lines")} {string.Join(", ", lines.Select(l => "'" + l + "'"))}.";
}
