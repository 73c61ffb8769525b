namespace OfiSync.Core;

/// <summary>What a line with a change column says about how it reads.</summary>
public static partial class Messages
{
    public static string ChangeColumnNotFound(string column, string line) =>
        $"The change column '{column}' of line '{line}' is not a column of its source. Give a source column that moves forward whenever a row changes (Set-SyncLine '{line}' -ChangeColumn <column>), or remove it (-ChangeColumn '').";

    public static string ChangeColumnType(string column, string type) =>
        $"The change column '{column}' is of type {type}: a change column must be a date and time or an integer (a modification time, a row version number). Choose another column, or remove it (-ChangeColumn '').";

    public static string ChangeReadAllFirst(string line) =>
        $"Line '{line}': no high-water mark yet for its change column; this run reads every row and takes its mark from them.";

    public static string ChangeReadAllLineChanged(string line) =>
        $"Line '{line}': the line or its change column changed since its mark was taken; this run reads every row and takes a new mark.";

    public static string ChangeColumnWentBack(string line, string column, string mark, string highest) =>
        $"Line '{line}': the change column '{column}' went back (its highest value is now '{(highest.Length == 0 ? "none" : highest)}', the mark was '{mark}': a restored backup, a reset clock or counter?). The mark is not trusted: this run reads every row and takes a new mark.";

    public static string ChangeMarkInFuture(string line, string column, string mark) =>
        $"Line '{line}': the mark of the change column '{column}' is '{mark}', more than a day ahead of this machine's clock: a row dated in the future would hide every later change. This run reads every row; correct the future date in the source.";

    public static string ChangeReadAllRetries(string line, int max) =>
        $"Line '{line}': more than {max} rows wait to be written again; this run reads every row instead of naming them in its query.";

    public static string ChangeReadAllResidual(string line) =>
        $"Line '{line}': part of its filter is evaluated in memory and its delete policy needs every key; this run reads every row.";

    public static string ChangeReadWindow(string line, string column, string since, int retries) =>
        $"Line '{line}': reads the rows whose '{column}' is at or after {since} (the mark less the overlap), those without a value, and {retries} row(s) to write again.";

    public static string ChangeOverlapNegative(TimeSpan overlap) =>
        FormattableString.Invariant($"The change overlap {overlap} is negative: give how far before its mark a run reads again, such as (New-TimeSpan -Minutes 5).");

    public const string ChangeColumnOnStatistics =
        "A sales statistics line reads its sales as figures per customer: it cannot read by a change column. Remove -ChangeColumn.";
}
