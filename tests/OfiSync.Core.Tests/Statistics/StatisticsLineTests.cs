using Dapper;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Statistics;
using OfiSync.Core.Tests.Engine;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Statistics;

/// <summary>
/// A sales statistics line run end to end: its customers reach their CRM record through the customers line's ids, and
/// a customer without one is skipped with the true reason. The ERP in SQLite, the CRM in SQLite or PostgreSQL.
/// </summary>
public abstract class StatisticsLineTests : EngineTestBed
{
    private static readonly SyncOptions AsOf = new() { AsOf = new DateTime(2024, 6, 30) };

    /// <summary>Every customer bought 100 in March 2024; the CRM keeps one row per customer and fiscal year.</summary>
    private void SetupSales(int customers)
    {
        Setup(customers);
        using (var erp = Erp())
        {
            erp.Execute("CREATE TABLE factura (serie TEXT, numero INTEGER, fecha DATE, cliente_codigo TEXT, total NUMERIC)");
            for (var i = 1; i <= customers; i++)
                erp.Execute("INSERT INTO factura VALUES ('A', @n, '2024-03-01', @c, 100)", new { n = i, c = Code(i) });
        }
        using var crm = Crm();
        crm.Execute("CREATE TABLE cuenta_ventas (cuenta_id INTEGER NOT NULL, ejercicio INTEGER NOT NULL, ventas_actual NUMERIC(14,2), PRIMARY KEY (cuenta_id, ejercicio))");
    }

    private SyncLine Ventas(Action<SalesStatisticsSpec>? spec = null)
    {
        var line = new SyncLine
        {
            Name = "Ventas", Kind = LineKind.SalesStatistics, Source = "ERP", Target = "CRM", TargetTable = "cuenta_ventas",
            Key = { "customer_key", "fiscal_year" }, TargetKey = { "cuenta_id", "ejercicio" }, DependsOn = { "Clientes" },
            Statistics = new SalesStatisticsSpec { Table = "factura", CustomerColumn = "cliente_codigo", DateColumn = "fecha", AmountColumn = "total", CustomerLine = "Clientes" },
            Columns =
            {
                new() { TargetColumn = "cuenta_id", Kind = MappingKind.LineTargetId, SourceColumn = "customer_key", FromLine = "Clientes" },
                new() { TargetColumn = "ejercicio", SourceColumn = "fiscal_year" },
                new() { TargetColumn = "ventas_actual", SourceColumn = "sales_current" },
            },
        };
        spec?.Invoke(line.Statistics);
        if (Store.GetLine(line.Name) is { } old) { line.Id = old.Id; Store.UpdateLine(line); }
        else Store.AddLine(line);
        return line;
    }

    private static string Customer(RowResult r) => RowKey.Decode(r.Key)[0];

    private Task<List<LineProblem>> Check(SyncLine line) =>
        new LineChecker(Store.GetConnection, Store.GetLines()).CheckAsync(line, ConnectionOpener.WithoutCredentials, default);

    [Theory]
    [InlineData(DeletePolicy.Flag)]
    [InlineData(DeletePolicy.Delete)]
    public async Task A_customer_without_a_CRM_record_is_skipped_with_the_true_reason(DeletePolicy policy)
    {
        SetupSales(8);
        await Run(Sectores());
        // Customer 8 is left out by the customers line's filter; customer 3 cannot be written; customer 5 leaves the ERP.
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET saldo = 'mucho' WHERE codigo = @c", new { c = Code(3) });
        var clientes = Clientes(l =>
        {
            l.Filter = $"codigo -ne '{Code(8)}'";
            l.DeletePolicy = policy;
            if (policy == DeletePolicy.Flag) { l.FlagColumn = "estado"; l.FlagValue = "Inactivo"; }
        });
        await Run(clientes);
        using (var erp = Erp()) erp.Execute("DELETE FROM cliente WHERE codigo = @c", new { c = Code(5) });
        var gone = policy == DeletePolicy.Flag ? RowAction.Flag : RowAction.Delete;
        Assert.Single(await Run(clientes, new SyncOptions { Force = true }), r => r.Action == gone && r.Status == RowStatus.Succeeded);

        var ventas = Ventas();
        Assert.DoesNotContain(await Check(ventas), p => p.Severity == ProblemSeverity.Error);
        var results = await Run(ventas, AsOf);
        Assert.Equal(5, results.Count(r => r.Status == RowStatus.Succeeded));
        var skipped = results.Where(r => r.Status == RowStatus.Skipped).ToDictionary(r => Customer(r), r => r.Error!);
        Assert.Equal(new[] { Code(3), Code(5), Code(8) }, skipped.Keys.Order());
        Assert.Contains("its last write by the line 'Clientes' failed", skipped[Code(3)]);
        Assert.Contains(policy == DeletePolicy.Flag ? "was flagged estado = 'Inactivo' in the CRM by the line 'Clientes'" : "was deleted from the CRM by the line 'Clientes'", skipped[Code(5)]);
        Assert.Contains("has no CRM record from the line 'Clientes': that line has never written it", skipped[Code(8)]);

        // The reasons hold: once the failed customer is fixed and the filter lets the other in, the next runs send both.
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET saldo = 1 WHERE codigo = @c", new { c = Code(3) });
        await Run(Clientes(l => { l.Filter = null; l.DeletePolicy = policy; l.FlagColumn = "estado"; l.FlagValue = "Inactivo"; }));
        var again = await Run(ventas, AsOf);
        Assert.Equal(new[] { Code(3), Code(8) }, again.Where(r => r.Status == RowStatus.Succeeded).Select(r => Customer(r)).Order());
        Assert.Contains(again, r => r.Status == RowStatus.Skipped && Customer(r) == Code(5));
    }

    [Fact]
    public async Task A_customers_line_without_a_target_id_is_an_error_of_the_statistics_line_and_every_row_says_so()
    {
        SetupSales(4);
        await Run(Sectores());
        var clientes = Clientes(l => l.TargetId = null);
        await Run(clientes);
        var ventas = Ventas();
        var problem = Assert.Single(await Check(ventas), p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(("TargetIdNotRecorded", "cuenta_id"), (problem.Code.ToString(), problem.Column));
        Assert.Contains("Set-SyncLine Clientes -TargetId", problem.Problem);
        var results = await Run(ventas, AsOf);
        Assert.All(results, r => Assert.Equal(RowStatus.Skipped, r.Status));
        Assert.All(results, r => Assert.Contains("the line 'Clientes' records no CRM ids (it has no -TargetId)", r.Error));

        // What the messages say to do works: -TargetId alone records nothing for rows already sent, a run with -All does.
        clientes = Clientes(l => l.TargetId = "id");
        Assert.Empty(await Run(clientes));
        Assert.Empty(await Check(ventas));
        Assert.All(await Run(ventas, AsOf), r => Assert.Contains("before that line had -TargetId", r.Error));
        await Run(clientes, new SyncOptions { All = true });
        Assert.All(await Run(ventas, AsOf), r => Assert.Equal(RowStatus.Succeeded, r.Status));
        Assert.Equal(4, CrmRows("SELECT v.cuenta_id FROM cuenta_ventas v JOIN cuenta c ON c.id = v.cuenta_id").Count);
    }

    [Fact]
    public async Task The_sales_can_come_from_a_query()
    {
        SetupSales(4);
        using (var erp = Erp())
            erp.Execute("INSERT INTO factura VALUES ('P', 1, '2024-04-01', @c, 5000)", new { c = Code(2) }); // a pro forma: not a sale
        await Run(Sectores());
        await Run(Clientes());
        var ventas = Ventas(s => { s.Table = ""; s.Query = "SELECT f.cliente_codigo, f.fecha, f.total FROM factura f WHERE f.serie <> 'P'"; });
        Assert.Empty(await Check(ventas));
        Assert.All(await Run(ventas, AsOf), r => Assert.Equal(RowStatus.Succeeded, r.Status));
        Assert.All(CrmRows("SELECT ventas_actual FROM cuenta_ventas"), r => Assert.Equal(100m, Convert.ToDecimal(r.ventas_actual)));

        var both = Ventas(s => s.Query = "SELECT * FROM factura");
        Assert.Equal("StatisticsSourceMissing", Assert.Single(await Check(both)).Code.ToString());
        var wrong = Ventas(s => { s.Table = ""; s.Query = "SELECT f.fecha, f.total FROM factura f"; });
        var missing = Assert.Single(await Check(wrong));
        Assert.Equal(("cliente_codigo", "ColumnNotFound"), (missing.Column, missing.Code.ToString()));
        Assert.StartsWith("The column 'cliente_codigo' does not exist in the sales query.", missing.Problem);
    }
}

public sealed class SqliteStatisticsLineTests : StatisticsLineTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db");
}

public sealed class PostgresStatisticsLineTests : StatisticsLineTests
{
    private readonly PostgresDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.PostgreSql;
    protected override string CrmConnectionString => _db.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
