namespace OfiSync.Core;

public static partial class Messages
{
    public static string NotYetInTarget(string column, string value, string line) =>
        $"{column} '{value}' has no CRM record from the line '{line}': that line has never written it (it is new since that line last ran, or its source or filter leaves it out). Run the line '{line}' first, or let it include this row; this row is sent by the next run after that.";
    public static string CustomerLineNotFound(string line) =>
        $"The sales statistics take each customer's CRM id from the line '{line}', which does not exist.";
    public const string StatisticsSpecMissing = "A sales statistics line needs -SalesStatistics: where the sales are and which line syncs the customers.";
    public static string StatisticsColumnUnknown(string name) =>
        $"'{name}' is not a sales statistics value. The values are: {string.Join(", ", Statistics.SalesStatisticsSpec.Columns)}.";
    public static string StatisticsKeyInvalid(string key) => $"The spec key '{key}' is not known. Known keys: From, Table, Query, Customer, Amount, Date, Year, InvoiceCount, LastSale, CustomerLine, FiscalYearStartMonth, Rule, Thresholds, TierNames, InactiveTier.";
    public static string StatisticsThresholds(int thresholds, int names) =>
        $"{thresholds} thresholds need {thresholds + 1} tier names, not {names}.";
    public const string StatisticsDeletePolicy = "A sales statistics line keeps the delete policy Ignore: a customer's figures are updated, never deleted.";
    public const string StatisticsMapRequired = "A sales statistics line needs -Map: target columns to the computed values (customer_key, fiscal_year, sales_current, sales_previous, invoices, last_sale, tier_current, tier_previous), and the CRM id with @{ FromLine = 'Clientes' }.";
    public const string FiscalMonthInvalid = "FiscalYearStartMonth must be between 1 and 12.";
    public const string StatisticsColumnsMissing = "The sales statistics need the customer column, the amount column, and the date column (invoices) or the year column (statistics table).";
    public const string TheSalesStatistics = "the sales statistics";
    public static string TargetIdNotRecorded(string line) =>
        $"The CRM ids come from the line '{line}', which records none: it has no -TargetId. Give it the CRM's id column (Set-SyncLine {line} -TargetId id), then run it once with Invoke-OfiSync {line} -All, so that it records the id of every row it sent before.";
    public static string IdLineNotFound(string column, string value, string line) =>
        $"{column} '{value}' cannot be matched to a CRM record: the line '{line}' that gives the CRM ids does not exist. Name an existing line in the map (@{{ FromLine = '...' }}).";
    public static string IdLineRecordsNoIds(string column, string value, string line) =>
        $"{column} '{value}' cannot be matched to a CRM record: the line '{line}' records no CRM ids (it has no -TargetId). Give it one (Set-SyncLine {line} -TargetId id) and run it once with -All; this row is sent by the next run after that.";
    public static string IdRecordedBeforeTargetId(string column, string value, string line) =>
        $"{column} '{value}' was written by the line '{line}' before that line had -TargetId, so its CRM id was not recorded. Run Invoke-OfiSync {line} -All once; this row is sent by the next run after that.";
    public static string IdLineWriteFailed(string column, string value, string line) =>
        $"{column} '{value}' is not in the CRM: its last write by the line '{line}' failed (see Get-SyncRun -Line {line} -Last 1 | Get-SyncRunResult -Status Failed). Fix that row; once '{line}' writes it, this row is sent by the next run.";
    public static string IdLineWriteInterrupted(string column, string value, string line) =>
        $"{column} '{value}' may not be in the CRM: a run of the line '{line}' stopped while writing it. Run '{line}' again; this row is sent by the next run after that.";
    public static string IdLineDeleted(string column, string value, string line) =>
        $"{column} '{value}' was deleted from the CRM by the line '{line}', because it is gone from that line's source (or its filter): its figures are not written. Nothing to do, unless it should be there: then bring it back into the source of '{line}'.";
    public static string IdLineFlagged(string column, string value, string line, string flagColumn, object? flagValue) =>
        $"{column} '{value}' was flagged {flagColumn} = '{Convert.ToString(flagValue, System.Globalization.CultureInfo.InvariantCulture)}' in the CRM by the line '{line}', because it is gone from that line's source (or its filter): its figures are not written. Nothing to do, unless it should be active: then bring it back into the source of '{line}'.";
    public const string StatisticsTableOrQuery =
        "Give the sales either a table (Table = 'factura') or a query (Query = 'SELECT ...', such as the invoices of one series, or a join), not both.";
    public const string TheSalesQuery = "the sales query";
}
