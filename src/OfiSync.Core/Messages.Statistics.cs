namespace OfiSync.Core;

public static partial class Messages
{
    public static string NotYetInTarget(string column, string value, string line) =>
        $"{column} '{value}' is not in the CRM yet: run the line '{line}' first; this row is sent by the next run.";
    public static string CustomerLineNotFound(string line) =>
        $"The sales statistics take each customer's CRM id from the line '{line}', which does not exist.";
    public const string StatisticsSpecMissing = "A sales statistics line needs -SalesStatistics: where the sales are and which line syncs the customers.";
    public static string StatisticsColumnUnknown(string name) =>
        $"'{name}' is not a sales statistics value. The values are: {string.Join(", ", Statistics.SalesStatisticsSpec.Columns)}.";
    public static string StatisticsKeyInvalid(string key) => $"The spec key '{key}' is not known. Known keys: From, Table, Customer, Amount, Date, Year, InvoiceCount, LastSale, CustomerLine, FiscalYearStartMonth, Rule, Thresholds, TierNames, InactiveTier.";
    public static string StatisticsThresholds(int thresholds, int names) =>
        $"{thresholds} thresholds need {thresholds + 1} tier names, not {names}.";
    public const string StatisticsDeletePolicy = "A sales statistics line keeps the delete policy Ignore: a customer's figures are updated, never deleted.";
    public const string StatisticsMapRequired = "A sales statistics line needs -Map: target columns to the computed values (customer_key, fiscal_year, sales_current, sales_previous, invoices, last_sale, tier_current, tier_previous), and the CRM id with @{ FromLine = 'Clientes' }.";
    public const string FiscalMonthInvalid = "FiscalYearStartMonth must be between 1 and 12.";
    public const string StatisticsColumnsMissing = "The sales statistics need the table, the customer column, the amount column, and the date column (invoices) or the year column (statistics table).";
    public const string TheSalesStatistics = "the sales statistics";
}
