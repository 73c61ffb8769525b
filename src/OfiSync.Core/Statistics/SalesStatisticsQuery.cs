using System.Globalization;
using System.Text;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Statistics;

/// <summary>
/// The SELECT that computes, inside the source database, one row per customer: sales of the current fiscal year to
/// the "as of" date, sales of the previous fiscal year, invoices this year, the last sale, and the current and
/// previous tier. Only nested derived tables and window functions: the same shape runs on SQLite, PostgreSQL and
/// SQL Server (which allows no WITH inside a derived table). Every value is a parameter.
/// </summary>
public static class SalesStatisticsQuery
{
    public sealed record Built(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters, int FiscalYear);

    public static Built Build(SalesStatisticsSpec spec, IDatabaseProvider provider, DateTime asOf)
    {
        var q = provider.QuoteIdentifier;
        var salesSql = provider.Sales;
        var parameters = new List<KeyValuePair<string, object?>>();
        string P(string name, object? value)
        {
            parameters.Add(new("@ofs_" + name, value));
            return "@ofs_" + name;
        }

        var fiscalYear = spec.FiscalYearOf(asOf.Date);
        var table = SchemaReader.FromClause(provider, TableOf(spec), spec.Query);
        var customer = q(spec.CustomerColumn);
        var amount = q(spec.AmountColumn);
        string Sum(string expression) => salesSql.Sum(expression);

        string aggregate;
        if (spec.From == SalesSource.Invoices)
        {
            var date = salesSql.Day(q(spec.DateColumn!));
            object Day(DateTime d) => salesSql.DayParameter(d);
            var currentStart = P("current_start", Day(spec.FiscalYearStart(fiscalYear)));
            var previousStart = P("previous_start", Day(spec.FiscalYearStart(fiscalYear - 1)));
            var end = P("end", Day(asOf.Date.AddDays(1)));
            aggregate = $@"SELECT {customer} AS customer_key,
  {Sum($"CASE WHEN {date} >= {currentStart} THEN {amount} ELSE 0 END")} AS sales_current,
  {Sum($"CASE WHEN {date} >= {previousStart} AND {date} < {currentStart} THEN {amount} ELSE 0 END")} AS sales_previous,
  SUM(CASE WHEN {date} >= {currentStart} THEN 1 ELSE 0 END) AS invoices,
  MAX({date}) AS last_sale,
  {Sum($"CASE WHEN {date} < {currentStart} THEN {amount} ELSE 0 END")} AS before_current,
  {Sum($"CASE WHEN {date} < {previousStart} THEN {amount} ELSE 0 END")} AS before_previous
FROM {table} WHERE {date} < {end} AND {customer} IS NOT NULL GROUP BY {customer}";
        }
        else
        {
            var year = q(spec.YearColumn!);
            var fy = P("fiscal_year", fiscalYear);
            var prev = P("previous_year", fiscalYear - 1);
            var count = spec.InvoiceCountColumn is null ? "0" : $"CASE WHEN {year} = {fy} THEN {q(spec.InvoiceCountColumn)} ELSE 0 END";
            var last = spec.LastSaleColumn is null ? "NULL" : salesSql.Day(q(spec.LastSaleColumn));
            aggregate = $@"SELECT {customer} AS customer_key,
  {Sum($"CASE WHEN {year} = {fy} THEN {amount} ELSE 0 END")} AS sales_current,
  {Sum($"CASE WHEN {year} = {prev} THEN {amount} ELSE 0 END")} AS sales_previous,
  SUM({count}) AS invoices,
  MAX({last}) AS last_sale,
  {Sum($"CASE WHEN {year} < {fy} THEN {amount} ELSE 0 END")} AS before_current,
  {Sum($"CASE WHEN {year} < {prev} THEN {amount} ELSE 0 END")} AS before_previous
FROM {table} WHERE {year} <= {fy} AND {customer} IS NOT NULL GROUP BY {customer}";
        }

        var names = spec.EffectiveTierNames;
        var thresholds = spec.EffectiveThresholds;
        var tierParams = names.Select((n, i) => P("tier" + i, n)).ToList();
        var inactive = P("inactive", spec.InactiveTier);
        var fiscal = P("fy", fiscalYear);
        var ranking = new StringBuilder();
        var tiers = new List<string>();
        foreach (var period in new[] { "current", "previous" })
        {
            var sales = "a.sales_" + period;
            var positive = $"CASE WHEN {sales} > 0 THEN 0 ELSE 1 END";
            var order = $"ORDER BY {positive}, {sales} DESC, a.customer_key";
            if (spec.Rule == TierRule.Pyramid)
            {
                ranking.Append(CultureInfo.InvariantCulture, $", ROW_NUMBER() OVER ({order}) AS rank_{period}, SUM(CASE WHEN {sales} > 0 THEN 1 ELSE 0 END) OVER () AS n_{period}");
                // ceil(n * percent / 100) in integers: the percentage in basis points.
                var cases = thresholds.Select((t, i) =>
                    $"WHEN r.rank_{period} <= (r.n_{period} * {P($"bp{period}{i}", (long)Math.Round(t * 100))} + 9999) / 10000 THEN {tierParams[i]}");
                tiers.Add($"CASE WHEN r.sales_{period} > 0 THEN CASE {string.Join(" ", cases)} ELSE {tierParams[thresholds.Count]} END " +
                          $"WHEN r.before_{period} > 0 THEN {inactive} END AS tier_{period}");
            }
            else
            {
                var share = $"CASE WHEN {sales} > 0 THEN {sales} ELSE 0 END";
                ranking.Append(CultureInfo.InvariantCulture, $", SUM({share}) OVER ({order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_{period}, SUM({share}) OVER () AS total_{period}");
                var cases = thresholds.Select((t, i) =>
                    $"WHEN (r.cum_{period} - r.sales_{period}) * 100 < {P($"pct{period}{i}", (decimal)t)} * r.total_{period} THEN {tierParams[i]}");
                tiers.Add($"CASE WHEN r.sales_{period} > 0 THEN CASE {string.Join(" ", cases)} ELSE {tierParams[thresholds.Count]} END " +
                          $"WHEN r.before_{period} > 0 THEN {inactive} END AS tier_{period}");
            }
        }
        var sql = $@"SELECT r.customer_key, {fiscal} AS fiscal_year, r.sales_current, r.sales_previous, r.invoices, r.last_sale, {string.Join(", ", tiers)}
FROM (SELECT a.*{ranking} FROM ({aggregate}) a) r";
        return new Built(sql, parameters, fiscalYear);
    }

    /// <summary>The sales table, or null when the sales are read through a query.</summary>
    public static string? TableOf(SalesStatisticsSpec spec) => string.IsNullOrWhiteSpace(spec.Query) ? spec.Table : null;

    /// <summary>The sales source as messages name it: the table, or "the sales query".</summary>
    public static string SourceName(SalesStatisticsSpec spec) => TableOf(spec) ?? Messages.TheSalesQuery;

    /// <summary>The computed columns as the engine sees them; the customer key takes the type of the customer column.</summary>
    public static IReadOnlyList<ColumnInfo> ColumnsOf(ColumnInfo customerColumn) => new[]
    {
        customerColumn with { Name = "customer_key", Ordinal = 0 },
        new ColumnInfo("fiscal_year", typeof(long), "INTEGER", false, null, 1),
        new ColumnInfo("sales_current", typeof(decimal), "NUMERIC", false, null, 2),
        new ColumnInfo("sales_previous", typeof(decimal), "NUMERIC", false, null, 3),
        new ColumnInfo("invoices", typeof(long), "INTEGER", false, null, 4),
        new ColumnInfo("last_sale", typeof(DateTime), "DATE", true, null, 5),
        new ColumnInfo("tier_current", typeof(string), "TEXT", true, null, 6),
        new ColumnInfo("tier_previous", typeof(string), "TEXT", true, null, 7),
    };
}
