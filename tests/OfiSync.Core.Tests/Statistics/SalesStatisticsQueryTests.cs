using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Providers;
using OfiSync.Core.Statistics;
using OfiSync.Core.Tests.Infrastructure;
using OfiSync.Core.Tests.SqlServer;
using Xunit;

namespace OfiSync.Core.Tests.Statistics;

/// <summary>Sales figures and tiers worked out by hand, computed by the generated SQL on SQLite, PostgreSQL and MariaDB.</summary>
public abstract class SalesStatisticsQueryTests : IDisposable
{
    protected abstract DbKind Kind { get; }
    protected abstract DbConnection Open();
    public abstract void Dispose();

    // (customer, date, amount). As of 2024-06-30 with the fiscal year starting in January:
    // current = 2024-01-01..2024-06-30, previous = 2023.
    private static readonly (string C, string D, decimal A)[] Invoices =
    {
        ("A", "2024-03-01", 1000m), ("A", "2023-05-05", 50m),
        ("B", "2024-02-01", 500m), ("B", "2023-02-02", 500m),
        ("C", "2024-06-30", 500m),                                  // ties with B; the last day counts
        ("D", "2024-01-10", 300m), ("D", "2024-04-10", -100m), ("D", "2023-12-31", 1000m),   // a credit note
        ("E", "2024-05-01", 100m), ("E", "2023-01-01", 200m),
        ("F", "2024-05-02", 50m), ("F", "2023-07-07", 300m),
        ("G", "2024-01-01", 20m), ("G", "2023-03-03", 10m),
        ("H", "2024-02-02", 100m), ("H", "2024-02-03", -100m), ("H", "2023-09-09", 400m),     // cancels out this year
        ("I", "2022-08-08", 70m),                                    // only long ago
        ("J", "2024-07-15", 999m),                                   // after the as-of date: not counted
        ("K", "2024-03-03", 10m), ("K", "2024-03-04", -10m),         // never really bought
    };

    private void Load(IEnumerable<(string C, string D, decimal A)> invoices)
    {
        using var c = Open();
        var date = Kind == DbKind.Sqlite ? "TEXT" : "DATE";
        c.Execute($"CREATE TABLE factura (numero INTEGER, cliente VARCHAR(10), fecha {date}, total NUMERIC(12,2))");
        var n = 0;
        foreach (var (cust, d, a) in invoices)
            c.Execute($"INSERT INTO factura VALUES (@n, @c, {(Kind == DbKind.Sqlite ? "@d" : "CAST(@d AS DATE)")}, @a)", new { n = ++n, c = cust, d, a });
    }

    private List<Row> Compute(SalesStatisticsSpec spec, DateTime asOf)
    {
        var built = SalesStatisticsQuery.Build(spec, Kind.Provider(), asOf);
        using var c = Open();
        var args = new DynamicParameters();
        foreach (var (name, value) in built.Parameters) args.Add(name, value);
        return c.Query(built.Sql + " ORDER BY customer_key", args).Select(r => new Row(
            (string)r.customer_key, Convert.ToInt32(r.fiscal_year), Math.Round(Convert.ToDecimal(r.sales_current), 2), Math.Round(Convert.ToDecimal(r.sales_previous), 2),
            Convert.ToInt32(r.invoices), r.last_sale is null ? null : Convert.ToDateTime(r.last_sale).ToString("yyyy-MM-dd"), (string?)r.tier_current, (string?)r.tier_previous)).ToList();
    }

    private sealed record Row(string Customer, int Year, decimal Current, decimal Previous, int Invoices, string? LastSale, string? Tier, string? PreviousTier);

    private static SalesStatisticsSpec Spec(TierRule rule = TierRule.Pyramid, int month = 1) => new()
    {
        Table = "factura", CustomerColumn = "cliente", DateColumn = "fecha", AmountColumn = "total", Rule = rule, FiscalYearStartMonth = month,
    };

    [Fact]
    public void The_pyramid_worked_out_by_hand()
    {
        Load(Invoices);
        var rows = Compute(Spec(), new DateTime(2024, 6, 30));
        var expected = new[]
        {
            new Row("A", 2024, 1000m, 50m, 1, "2024-03-01", "Top", "Small"),
            new Row("B", 2024, 500m, 500m, 1, "2024-02-01", "Medium", "Medium"),
            new Row("C", 2024, 500m, 0m, 1, "2024-06-30", "Small", null),
            new Row("D", 2024, 200m, 1000m, 2, "2024-04-10", "Small", "Top"),
            new Row("E", 2024, 100m, 200m, 1, "2024-05-01", "Small", "Small"),
            new Row("F", 2024, 50m, 300m, 1, "2024-05-02", "Small", "Small"),
            new Row("G", 2024, 20m, 10m, 1, "2024-01-01", "Small", "Small"),
            new Row("H", 2024, 0m, 400m, 2, "2024-02-03", "Inactive", "Small"),
            new Row("I", 2024, 0m, 0m, 0, "2022-08-08", "Inactive", "Inactive"),
            new Row("K", 2024, 0m, 0m, 2, "2024-03-04", null, null),
        };
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Abc_analysis_worked_out_by_hand()
    {
        Load(Invoices);
        var rows = Compute(Spec(TierRule.Abc), new DateTime(2024, 6, 30)).ToDictionary(r => r.Customer, r => r.Tier);
        // Sales 2,370: A, B, C reach 2,000 (80 % is 1,896: C starts below it); D and E start below 95 % (2,251.5); F and G do not.
        Assert.Equal(new Dictionary<string, string?>
        {
            ["A"] = "A", ["B"] = "A", ["C"] = "A", ["D"] = "B", ["E"] = "B", ["F"] = "C", ["G"] = "C", ["H"] = "Inactive", ["I"] = "Inactive", ["K"] = null,
        }, rows);
    }

    [Fact]
    public void A_fiscal_year_that_starts_in_April()
    {
        Load(new[] { ("X", "2023-03-31", 100m), ("X", "2023-04-01", 200m), ("Y", "2024-02-15", 50m), ("Y", "2024-02-16", 999m) });
        var rows = Compute(Spec(month: 4), new DateTime(2024, 2, 15));
        Assert.Equal(new[] { ("X", 2023, 200m, 100m), ("Y", 2023, 50m, 0m) }, rows.Select(r => (r.Customer, r.Year, r.Current, r.Previous)));
    }

    [Fact]
    public void A_statistics_table_the_ERP_keeps_gives_the_same_figures_as_the_invoices()
    {
        Load(Invoices);
        using (var c = Open())
        {
            var date = Kind == DbKind.Sqlite ? "TEXT" : "DATE";
            c.Execute($"CREATE TABLE estadistica (cliente VARCHAR(10), ejercicio INTEGER, importe NUMERIC(12,2), num_facturas INTEGER, fecha_ult_venta {date})");
            // The ERP's "update statistics" step: one row per customer and calendar year, up to the as-of date.
            c.Execute(Kind switch
            {
                DbKind.Sqlite => "INSERT INTO estadistica SELECT cliente, CAST(substr(fecha, 1, 4) AS INTEGER), SUM(total), COUNT(*), MAX(fecha) FROM factura WHERE fecha <= '2024-06-30' GROUP BY cliente, substr(fecha, 1, 4)",
                DbKind.MariaDb => "INSERT INTO estadistica SELECT cliente, EXTRACT(YEAR FROM fecha), SUM(total), COUNT(*), MAX(fecha) FROM factura WHERE fecha <= DATE '2024-06-30' GROUP BY cliente, EXTRACT(YEAR FROM fecha)",
                _ => "INSERT INTO estadistica SELECT cliente, EXTRACT(YEAR FROM fecha)::int, SUM(total), COUNT(*), MAX(fecha) FROM factura WHERE fecha <= DATE '2024-06-30' GROUP BY cliente, EXTRACT(YEAR FROM fecha)",
            });
        }
        var fromTable = Compute(new SalesStatisticsSpec
        {
            From = SalesSource.Statistics, Table = "estadistica", CustomerColumn = "cliente", AmountColumn = "importe", YearColumn = "ejercicio",
            InvoiceCountColumn = "num_facturas", LastSaleColumn = "fecha_ult_venta",
        }, new DateTime(2024, 6, 30));
        var fromInvoices = Compute(Spec(), new DateTime(2024, 6, 30));
        Assert.Equal(fromInvoices, fromTable);
    }

    [Fact]
    public void A_query_as_the_sales_source_gives_the_figures_of_the_rows_it_selects()
    {
        Load(Invoices);
        var asOf = new DateTime(2024, 6, 30);
        var expected = Compute(Spec(), asOf);
        using (var c = Open())
            c.Execute($"INSERT INTO factura VALUES (1001, 'C', {(Kind == DbKind.Sqlite ? "'2024-04-01'" : "DATE '2024-04-01'")}, 9000), (1002, 'Z', {(Kind == DbKind.Sqlite ? "'2023-04-01'" : "DATE '2023-04-01'")}, 50)");
        Assert.NotEqual(expected, Compute(Spec(), asOf));
        // Only the real invoices (the pro formas are numbered from 1001), through a derived table with a join.
        var spec = Spec();
        spec.Table = "";
        spec.Query = "SELECT f.cliente, f.fecha, f.total FROM factura f JOIN (SELECT 1000 AS limite) l ON f.numero < l.limite";
        Assert.Equal(expected, Compute(spec, asOf));
    }

    [Fact]
    public void Tiers_follow_the_thresholds_never_rank_a_bigger_customer_lower_and_repeat_exactly()
    {
        var random = new Random(20261128);
        var invoices = Enumerable.Range(0, 1500).Select(i =>
            ($"C{random.Next(1, 400):D4}", new DateTime(2023, 1, 1).AddDays(random.Next(0, 540)).ToString("yyyy-MM-dd"), (decimal)Math.Round(random.NextDouble() * 2000 - 200, 2))).ToList();
        Load(invoices);
        var asOf = new DateTime(2024, 6, 30);
        var rows = Compute(Spec(), asOf);
        Assert.Equal(rows, Compute(Spec(), asOf));
        var ranked = rows.Where(r => r.Current > 0).OrderByDescending(r => r.Current).ThenBy(r => r.Customer, StringComparer.Ordinal).ToList();
        var n = ranked.Count;
        int Ceil(double p) => (int)Math.Ceiling(n * p / 100);
        Assert.Equal(Ceil(1), ranked.Count(r => r.Tier == "Top"));
        Assert.Equal(Ceil(5) - Ceil(1), ranked.Count(r => r.Tier == "Large"));
        Assert.Equal(Ceil(20) - Ceil(5), ranked.Count(r => r.Tier == "Medium"));
        var order = new[] { "Top", "Large", "Medium", "Small" };
        for (var i = 1; i < ranked.Count; i++)
            Assert.True(Array.IndexOf(order, ranked[i - 1].Tier) <= Array.IndexOf(order, ranked[i].Tier), $"{ranked[i - 1]} ranks below {ranked[i]}");
        Assert.All(rows.Where(r => r.Current <= 0), r => Assert.True(r.Tier is null or "Inactive"));
    }
}

public sealed class SqliteSalesStatisticsQueryTests : SalesStatisticsQueryTests
{
    private readonly TempDirectory _dir = new();
    protected override DbKind Kind => DbKind.Sqlite;
    protected override DbConnection Open()
    {
        var c = new SqliteConnection("Data Source=" + _dir.File("erp.db"));
        c.Open();
        return c;
    }
    public override void Dispose() => _dir.Dispose();
}

public sealed class PostgresSalesStatisticsQueryTests : SalesStatisticsQueryTests
{
    private readonly PostgresDatabase _db = new();
    protected override DbKind Kind => DbKind.PostgreSql;
    protected override DbConnection Open() => _db.Open();
    public override void Dispose() => _db.Dispose();
}

public class SalesStatisticsSqlServerTests
{
    [Theory]
    [InlineData(TierRule.Pyramid, SalesSource.Invoices)]
    [InlineData(TierRule.Abc, SalesSource.Invoices)]
    [InlineData(TierRule.Pyramid, SalesSource.Statistics)]
    public void The_statistics_query_parses_as_TSQL_inside_the_engine_select(TierRule rule, SalesSource from)
    {
        var spec = new SalesStatisticsSpec
        {
            From = from, Table = "dbo.estadistica", CustomerColumn = "cliente", AmountColumn = "importe", DateColumn = "fecha",
            YearColumn = "ejercicio", InvoiceCountColumn = "num_facturas", LastSaleColumn = "fecha_ult_venta", Rule = rule,
        };
        var built = SalesStatisticsQuery.Build(spec, DatabaseProviders.SqlServer, new DateTime(2024, 6, 30));
        var declare = string.Join("\n", built.Parameters.Select(p => $"DECLARE {p.Key} {(p.Value is string ? "NVARCHAR(50)" : p.Value is DateTime ? "DATETIME2" : p.Value is decimal ? "DECIMAL(9,4)" : "BIGINT")};"));
        TSqlParsing.AssertParses(declare + $"\nSELECT [customer_key], [tier_current] FROM ({built.Sql}) [ofisync_q] ORDER BY [customer_key];");
    }

    [Theory]
    [InlineData(SalesSource.Invoices)]
    [InlineData(SalesSource.Statistics)]
    public void A_query_as_the_sales_source_parses_as_TSQL_inside_the_engine_select(SalesSource from)
    {
        var spec = new SalesStatisticsSpec
        {
            From = from, Query = "SELECT f.cliente, f.fecha, f.ejercicio, l.importe FROM dbo.factura f JOIN dbo.factura_linea l ON l.factura_id = f.id WHERE f.serie = N'A'",
            CustomerColumn = "cliente", AmountColumn = "importe", DateColumn = "fecha", YearColumn = "ejercicio",
        };
        var built = SalesStatisticsQuery.Build(spec, DatabaseProviders.SqlServer, new DateTime(2024, 6, 30));
        Assert.Contains("FROM (SELECT f.cliente, f.fecha, f.ejercicio, l.importe FROM dbo.factura f JOIN dbo.factura_linea l ON l.factura_id = f.id WHERE f.serie = N'A') [ofisync_q]", built.Sql);
        var declare = string.Join("\n", built.Parameters.Select(p => $"DECLARE {p.Key} {(p.Value is string ? "NVARCHAR(50)" : p.Value is DateTime ? "DATETIME2" : p.Value is decimal ? "DECIMAL(9,4)" : "BIGINT")};"));
        TSqlParsing.AssertParses(declare + $"\nSELECT [customer_key], [tier_current] FROM ({built.Sql}) [ofisync_q] ORDER BY [customer_key];");
    }
}
