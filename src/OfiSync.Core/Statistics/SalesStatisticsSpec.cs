namespace OfiSync.Core.Statistics;

/// <summary>Where a sales statistics line reads the sales from.</summary>
public enum SalesSource
{
    /// <summary>The sales documents themselves: one row per invoice or credit note (customer, date, amount).</summary>
    Invoices,
    /// <summary>A statistics table the ERP maintains: one row per customer and fiscal year.</summary>
    Statistics,
}

public enum TierRule
{
    /// <summary>The customer pyramid: among customers with sales, ranked by sales, the first 1 % Top, up to 5 % Large, up to 20 % Medium, the rest Small.</summary>
    Pyramid,
    /// <summary>ABC analysis: A up to 80 % of cumulative sales, B up to 95 %, C the rest.</summary>
    Abc,
}

/// <summary>
/// How a sales statistics line computes each customer's sales data and tiers. The aggregation and the ranking run
/// inside the source database; the result is one row per customer with the columns named in <see cref="Columns"/>.
/// </summary>
public sealed class SalesStatisticsSpec
{
    /// <summary>The columns of the computed rows: what a line's map takes its values from.</summary>
    public static readonly IReadOnlyList<string> Columns = new[]
    {
        "customer_key", "fiscal_year", "sales_current", "sales_previous", "invoices", "last_sale", "tier_current", "tier_previous",
    };

    public SalesSource From { get; set; } = SalesSource.Invoices;
    /// <summary>The sales table (optionally schema.table); empty when <see cref="Query"/> is given.</summary>
    public string Table { get; set; } = "";
    /// <summary>A SELECT whose rows are the sales (a join, a condition, a view's lines), instead of <see cref="Table"/>.</summary>
    public string? Query { get; set; }
    public string CustomerColumn { get; set; } = "";
    public string AmountColumn { get; set; } = "";
    /// <summary>Invoices: the document date.</summary>
    public string? DateColumn { get; set; }
    /// <summary>Statistics table: the fiscal year, the number of invoices and the date of the last sale.</summary>
    public string? YearColumn { get; set; }
    public string? InvoiceCountColumn { get; set; }
    public string? LastSaleColumn { get; set; }

    /// <summary>The month the fiscal year starts (1 to 12). A fiscal year is named by the calendar year it starts in.</summary>
    public int FiscalYearStartMonth { get; set; } = 1;

    /// <summary>The line that syncs the customers: its state gives each customer's CRM id.</summary>
    public string CustomerLine { get; set; } = "";

    public TierRule Rule { get; set; } = TierRule.Pyramid;
    /// <summary>Cumulative percentages: Pyramid 1, 5, 20 (of the number of customers); Abc 80, 95 (of sales).</summary>
    public List<double> Thresholds { get; set; } = new();
    /// <summary>One name per tier, one more than thresholds: Top, Large, Medium, Small; or A, B, C.</summary>
    public List<string> TierNames { get; set; } = new();
    /// <summary>The tier of a customer with no sales in the year but sales before it.</summary>
    public string InactiveTier { get; set; } = "Inactive";

    public IReadOnlyList<double> EffectiveThresholds => Thresholds.Count > 0 ? Thresholds : Rule == TierRule.Abc ? new[] { 80.0, 95.0 } : new[] { 1.0, 5.0, 20.0 };
    public IReadOnlyList<string> EffectiveTierNames => TierNames.Count > 0 ? TierNames : Rule == TierRule.Abc ? new[] { "A", "B", "C" } : new[] { "Top", "Large", "Medium", "Small" };

    /// <summary>The fiscal year a date falls in.</summary>
    public int FiscalYearOf(DateTime date) => date.Month >= FiscalYearStartMonth ? date.Year : date.Year - 1;

    public DateTime FiscalYearStart(int fiscalYear) => new(fiscalYear, FiscalYearStartMonth, 1);
}
