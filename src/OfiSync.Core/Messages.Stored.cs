using System.Globalization;

namespace OfiSync.Core;

public static partial class Messages
{
    /// <summary>
    /// The texts OfiSync writes into the store (each row's failure reason in the run history, how a run ended) or
    /// gives back in a result's Error: always English, whatever the UI culture, so that the history reads the same
    /// from every machine and a script that matches a reason keeps working. A database's own error text is kept as
    /// the database gave it.
    /// </summary>
    public static class Stored
    {
        public static string ValueTooLong(string column, string value, int max) => Text.FormatInvariant(nameof(ValueTooLong), column, value.Length, max, Shorten(value));
        public static string ValueNotConvertible(string column, object value, string type) => Text.FormatInvariant(nameof(ValueNotConvertible), Shorten(ValueText(value)), column, type);
        public static string KeyIsNull(string column) => Text.FormatInvariant(nameof(KeyIsNull), column);
        public static string DuplicateSourceKey(string key) => Text.FormatInvariant(nameof(DuplicateSourceKey), key);
        public static string LookupNotFound(string column, string source, object? value, string table, string match) => Text.FormatInvariant(nameof(LookupNotFound), column, table, match, ValueText(value), source);
        public static string LookupAmbiguous(string table, string match, object? value) => Text.FormatInvariant(nameof(LookupAmbiguous), table, match, ValueText(value));
        public static string RowFailedWithoutReason => Text.Invariant(nameof(RowFailedWithoutReason));
        public static string DeletePolicyChanged(string line, Engine.RowAction previewed, Engine.RowAction now) => Text.FormatInvariant(nameof(DeletePolicyChanged), previewed, line, now);
        public static string NotYetInTarget(string column, string value, string line) => Text.FormatInvariant(nameof(NotYetInTarget), column, value, line);
        public static string IdLineNotFound(string column, string value, string line) => Text.FormatInvariant(nameof(IdLineNotFound), column, value, line);
        public static string IdLineRecordsNoIds(string column, string value, string line) => Text.FormatInvariant(nameof(IdLineRecordsNoIds), column, value, line);
        public static string IdRecordedBeforeTargetId(string column, string value, string line) => Text.FormatInvariant(nameof(IdRecordedBeforeTargetId), column, value, line);
        public static string IdLineWriteFailed(string column, string value, string line) => Text.FormatInvariant(nameof(IdLineWriteFailed), column, value, line);
        public static string IdLineWriteInterrupted(string column, string value, string line) => Text.FormatInvariant(nameof(IdLineWriteInterrupted), column, value, line);
        public static string IdLineDeleted(string column, string value, string line) => Text.FormatInvariant(nameof(IdLineDeleted), column, value, line);
        public static string IdLineFlagged(string column, string value, string line, string flagColumn, object? flagValue) => Text.FormatInvariant(nameof(IdLineFlagged), column, value, flagColumn, Convert.ToString(flagValue, CultureInfo.InvariantCulture), line);
        public static string RunInterrupted => Text.Invariant(nameof(RunInterrupted));
        public static string RunAbandoned => Text.Invariant(nameof(RunAbandoned));
        public static string BulkLoadIncomplete(int sent, int loaded) => Text.FormatInvariant(nameof(BulkLoadIncomplete), loaded, sent);
        public static string DeleteCapExceeded(string line, long deletes, long total, double percent) => Text.FormatInvariant(nameof(DeleteCapExceeded), line, deletes, total, ValueText(percent));
        public static string MaxErrorsReached(string line, int max) => Text.FormatInvariant(nameof(MaxErrorsReached), line, max);
        public static string RunStopped => Text.Invariant(nameof(RunStopped));
        public static string StoppedAtFirstFailure(string line) => Text.FormatInvariant(nameof(StoppedAtFirstFailure), line);
    }

    /// <summary>What <paramref name="message"/> says in English (the invariant UI culture), for an error that is both shown and stored.</summary>
    public static string InEnglish(Func<string> message)
    {
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return message();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
