using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Engine;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Reliability;

/// <summary>
/// Bad data in the ERP, one kind per test, into a SQLite CRM and a PostgreSQL CRM: the failing row is reported with
/// its key, the target column to blame (RowResult.Column) and the reason, in the results and in the run history,
/// and every other row is written.
/// </summary>
public abstract class BadDataTests : EngineTestBed
{
    private const int Customers = 12;

    /// <summary>Whether the CRM refuses text longer than a VARCHAR(n) column (PostgreSQL does, SQLite does not).</summary>
    protected abstract bool EnforcesTextLength { get; }

    private void Erp(string sql, object? args = null)
    {
        using var erp = base.Erp();
        erp.Execute(sql, args);
    }

    private void CrmExecute(string sql, object? args = null)
    {
        using var crm = Crm();
        crm.Execute(sql, args);
    }

    private List<string> CrmKeys() => CrmRows("SELECT codigo FROM cuenta ORDER BY codigo").Select(r => (string)r.codigo).ToList();

    private static IEnumerable<string> CodesExcept(params int[] except) =>
        Enumerable.Range(1, Customers).Where(i => !except.Contains(i)).Select(Code);

    /// <summary>One failed row, with its key, its column and its reason; every other row succeeded; the summary and history agree.</summary>
    private RowResult AssertOnlyFailure(List<RowResult> results, SyncRun? summary, string key, string column, params string[] reason)
    {
        var failed = Assert.Single(results, r => r.Status == RowStatus.Failed);
        Assert.Equal(key, failed.Key);
        Assert.Equal(column, failed.Column, ignoreCase: true);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        foreach (var part in reason) Assert.Contains(part, failed.Error!, StringComparison.OrdinalIgnoreCase);
        Assert.All(results.Where(r => r != failed), r => Assert.Equal(RowStatus.Succeeded, r.Status));
        Assert.Equal(1, summary!.Failed);
        Assert.Equal("CompletedWithErrors", summary.Status.ToString());
        var history = Assert.Single(Store.GetRunRows(summary.RunId, summary.Line, RowStatus.Failed));
        Assert.Equal((key, failed.Error), (history.Key, history.Error));
        return failed;
    }

    [Fact]
    public async Task A_null_key_fails_its_row_naming_the_key_column_and_every_other_row_is_written()
    {
        Setup(Customers);
        await Run(Sectores());
        // SQLite lets a TEXT PRIMARY KEY hold NULL, as many ERPs' tables without constraints do.
        Erp("INSERT INTO cliente VALUES (NULL, 'Sin código, S.L.', 'B77777777', 'Madrid', 'HOT', '2024-01-01', 5, 1)");
        SyncRun? summary = null;
        var results = await Run(Clientes(), finished: s => summary = s);
        var failed = AssertOnlyFailure(results, summary, "", "codigo", "codigo", "NULL");
        Assert.Equal(Customers, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.Equal(CodesExcept(), CrmKeys());
        Assert.Equal(Customers, Store.CountStates(Store.GetLine("Clientes")!.Id)); // a row without a key keeps no state
        // The next run tries it again, and only it.
        var again = await Run(Store.GetLine("Clientes")!);
        Assert.Equal((failed.Key, RowStatus.Failed), (Assert.Single(again).Key, again[0].Status));
    }

    [Fact]
    public async Task Each_of_two_rows_with_a_null_key_is_reported_as_a_null_key()
    {
        Setup(Customers);
        await Run(Sectores());
        Erp(@"INSERT INTO cliente VALUES (NULL, 'Sin código 1, S.L.', 'B77777777', 'Madrid', 'HOT', '2024-01-01', 5, 1);
              INSERT INTO cliente VALUES (NULL, 'Sin código 2, S.L.', 'B88888888', 'Ávila', 'AGE', '2024-01-02', 6, 1);");
        var results = await Run(Clientes());
        var failed = results.Where(r => r.Status == RowStatus.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, f => Assert.Equal("codigo", f.Column));
        Assert.All(failed, f => Assert.Contains("NULL", f.Error!));
        Assert.Equal(CodesExcept(), CrmKeys());
    }

    /// <summary>Code(7) twice, the last row of the first batch of 7 and the first of the second; Code(12) twice inside a batch.</summary>
    private SyncLine DuplicatesLine() => Clientes(l =>
    {
        l.SourceTable = null;
        l.SourceQuery = $"SELECT * FROM cliente UNION ALL SELECT codigo, 'Duplicado ' || codigo, NULL, poblacion, sector_codigo, fecha_alta, saldo, activo FROM cliente WHERE codigo IN ('{Code(7)}', '{Code(12)}')";
    });

    [Fact]
    public async Task Duplicate_source_keys_fail_the_extra_rows_naming_the_key_and_every_other_row_is_written()
    {
        Setup(Customers);
        await Run(Sectores());
        var line = DuplicatesLine();
        SyncRun? summary = null;
        var results = await Run(line, finished: s => summary = s);
        var failed = results.Where(r => r.Status == RowStatus.Failed).OrderBy(r => r.Key).ToList();
        Assert.Equal(new[] { Code(7), Code(12) }, failed.Select(f => f.Key));
        Assert.All(failed, f => Assert.Contains("more than one row", f.Error!));
        Assert.All(failed, f => Assert.Equal("codigo", f.Column));
        Assert.Equal(2, summary!.Failed);
        Assert.Equal(Customers, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.Equal(CodesExcept(), CrmKeys());
    }

    [Fact]
    public async Task A_string_longer_than_its_target_column_fails_where_the_crm_enforces_the_length_and_is_written_whole_where_it_does_not()
    {
        Setup(Customers);
        await Run(Sectores());
        var longName = "Sociedad Cooperativa Andaluza de Productores de Aceite de Oliva Virgen Extra Ñ ".PadRight(150, 'x'); // the column holds 100
        Erp("UPDATE cliente SET razon_social = @n WHERE codigo = @c", new { n = longName, c = Code(3) });
        SyncRun? summary = null;
        var results = await Run(Clientes(), finished: s => summary = s);
        if (EnforcesTextLength)
        {
            AssertOnlyFailure(results, summary, Code(3), "razon_social", "razon_social", "150", "100");
            Assert.Equal(CodesExcept(3), CrmKeys());
        }
        else
        {
            Assert.All(results, r => Assert.Equal(RowStatus.Succeeded, r.Status));
            Assert.Equal(CodesExcept(), CrmKeys());
            Assert.Equal(longName, (string)CrmRows().Single(r => r.codigo == Code(3)).razon_social);
        }
    }

    [Fact]
    public async Task An_invalid_date_fails_its_row_naming_the_column_and_the_value_and_every_other_row_is_written()
    {
        Setup(Customers);
        await Run(Sectores());
        Erp("UPDATE cliente SET fecha_alta = '2024-02-30' WHERE codigo = @c", new { c = Code(4) });
        SyncRun? summary = null;
        var results = await Run(Clientes(), finished: s => summary = s);
        AssertOnlyFailure(results, summary, Code(4), "fecha_alta", "fecha_alta", "2024-02-30");
        Assert.Equal(CodesExcept(4), CrmKeys());
    }

    [Fact]
    public async Task A_type_mismatch_fails_its_row_naming_the_column_and_the_value_and_every_other_row_is_written()
    {
        Setup(Customers);
        await Run(Sectores());
        // Staff counts kept as text in the ERP, an integer in the CRM: '12' converts, 'doce' cannot.
        Erp("ALTER TABLE cliente ADD COLUMN empleados TEXT; UPDATE cliente SET empleados = CAST(rowid * 3 AS TEXT); UPDATE cliente SET empleados = 'doce' WHERE codigo = @c", new { c = Code(5) });
        CrmExecute("ALTER TABLE cuenta ADD COLUMN empleados INTEGER");
        SyncRun? summary = null;
        var results = await Run(Clientes(l => l.Columns.Add(new ColumnMapping { TargetColumn = "empleados", SourceColumn = "empleados" })), finished: s => summary = s);
        AssertOnlyFailure(results, summary, Code(5), "empleados", "empleados", "doce");
        Assert.Equal(CodesExcept(5), CrmKeys());
        Assert.Equal(3L, Convert.ToInt64(CrmRows().Single(r => r.codigo == Code(1)).empleados));
    }

    /// <summary>The CRM's sector id kept in the ERP and mapped as a plain column (no lookup): Code(6) holds 999, no sector of the CRM.</summary>
    private async Task<SyncLine> ForeignKeyLine()
    {
        Setup(Customers);
        await Run(Sectores());
        long sector;
        using (var crm = Crm()) sector = Convert.ToInt64(crm.ExecuteScalar("SELECT MIN(id) FROM sector"));
        Erp("ALTER TABLE cliente ADD COLUMN sector_id INTEGER; UPDATE cliente SET sector_id = @s; UPDATE cliente SET sector_id = 999 WHERE codigo = @c", new { s = sector, c = Code(6) });
        return Clientes(l =>
        {
            var map = l.Columns.Single(c => c.TargetColumn == "sector_id");
            map.Kind = MappingKind.Column;
            map.SourceColumn = "sector_id";
            map.LookupTable = map.LookupMatch = map.LookupValue = null;
        });
    }

    [Fact]
    public async Task A_foreign_key_violation_fails_its_row_naming_the_column_and_every_other_row_is_written()
    {
        var line = await ForeignKeyLine();
        SyncRun? summary = null;
        var results = await Run(line, finished: s => summary = s);
        AssertOnlyFailure(results, summary, Code(6), "sector_id", "foreign key", "999");
        Assert.Equal(CodesExcept(6), CrmKeys());
    }

    [Fact]
    public async Task A_unique_violation_in_the_target_fails_its_row_naming_the_column_and_the_value_and_every_other_row_is_written()
    {
        Setup(Customers);
        await Run(Sectores());
        // An account entered by hand in the CRM already holds the NIF the ERP now gives a customer.
        CrmExecute("INSERT INTO cuenta (codigo, estado, razon_social, nif) VALUES ('MANUAL-1', 'Potencial', 'Cuenta creada en el CRM', 'B99999999')");
        Erp("UPDATE cliente SET nif = 'B99999999' WHERE codigo = @c", new { c = Code(5) });
        SyncRun? summary = null;
        var results = await Run(Clientes(), finished: s => summary = s);
        AssertOnlyFailure(results, summary, Code(5), "nif", "B99999999");
        Assert.Equal(CodesExcept(5).Append("MANUAL-1").Order(StringComparer.Ordinal), CrmKeys().Order(StringComparer.Ordinal));
        Assert.Equal("Cuenta creada en el CRM", (string)CrmRows().Single(r => r.codigo == "MANUAL-1").razon_social);
    }

    [Fact]
    public async Task A_row_whose_update_failed_and_that_then_left_the_source_is_still_deleted_in_the_target()
    {
        Setup(Customers);
        await Run(Sectores());
        var line = Clientes(l => l.DeletePolicy = DeletePolicy.Delete);
        await Run(line);
        Erp("UPDATE cliente SET saldo = 'mucho' WHERE codigo = @c", new { c = Code(3) });
        Assert.Equal(RowStatus.Failed, Assert.Single(await Run(line)).Status);
        Erp("DELETE FROM cliente WHERE codigo = @c", new { c = Code(3) });
        var results = await Run(line, new SyncOptions { Force = true });
        var deleted = Assert.Single(results);
        Assert.Equal((Code(3), RowAction.Delete, RowStatus.Succeeded), (deleted.Key, deleted.Action, deleted.Status));
        Assert.Equal(CodesExcept(3), CrmKeys());
        Assert.Equal(Customers - 1, Store.CountStates(line.Id));
    }
}

public sealed class SqliteBadDataTests : BadDataTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db") + ";Foreign Keys=True";
    protected override bool EnforcesTextLength => false;
}

public sealed class PostgresBadDataTests : BadDataTests
{
    private readonly PostgresDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.PostgreSql;
    protected override string CrmConnectionString => _db.ConnectionString;
    protected override bool EnforcesTextLength => true;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
