using Dapper;
using MySqlConnector;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Providers;
using OfiSync.Core.Providers.MariaDb;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.MariaDb;

/// <summary>
/// The MariaDB target writer on each of its paths: LOAD DATA LOCAL into a staging table (the connection allows it),
/// or, with AllowLoadLocalInfile=false, INSERT ... ON DUPLICATE KEY UPDATE where only the key's index can match, and
/// multi-row INSERTs into the staging table where another unique index could. Each path writes, reads the CRM ids
/// back by key, and fails only the rows at fault, naming their column.
/// </summary>
public sealed class MariaDbWriterTests : IDisposable
{
    private static readonly IDatabaseProvider Provider = DatabaseProviders.MariaDb;
    private readonly MariaDbDatabase _db = new();

    private async Task<MariaDbTargetWriter> Writer(bool loadData, string table, string[] columns, string[] key, string? id = "id")
    {
        var cs = Provider.ConnectionStringFor(new MySqlConnectionStringBuilder(_db.ConnectionString) { AllowLoadLocalInfile = loadData }.ConnectionString, null);
        var connection = await Provider.OpenAsync("CRM", cs, default);
        var all = (await Provider.ReadColumnsAsync(connection, table, null, default))!;
        var written = columns.Select(c => all.Single(x => x.Name == c)).ToList();
        return (MariaDbTargetWriter)Provider.CreateWriter(connection, new WriterShape(Provider, table, written, key, id is null ? null : all.Single(x => x.Name == id)), 30);
    }

    private Dictionary<string, long> IdsByCode(string table = "cuenta")
    {
        using var c = _db.Open();
        return c.Query<(string, long)>($"SELECT codigo, id FROM {table}").ToDictionary(r => r.Item1, r => r.Item2);
    }

    private static WriteRow Row(string code, params object?[] rest) => new(code, rest.Prepend(code).ToArray());

    [MariaDbTheory]
    [InlineData(true, MariaDbWritePath.LoadData)]
    [InlineData(false, MariaDbWritePath.InsertOnDuplicateKey)]
    public async Task Inserts_and_updates_by_key_and_reads_the_crm_ids_back_by_key(bool loadData, MariaDbWritePath path)
    {
        using (var c = _db.Open())
            c.Execute("CREATE TABLE cuenta (id INT AUTO_INCREMENT PRIMARY KEY, codigo VARCHAR(20) NOT NULL UNIQUE, nombre VARCHAR(40) NOT NULL, saldo DECIMAL(8,2))");
        await using (var writer = await Writer(loadData, "cuenta", ["codigo", "nombre", "saldo"], ["codigo"]))
        {
            // More rows than one multi-row INSERT holds; names with quotes, backslashes, tabs and accents.
            var rows = Enumerable.Range(1, 2500).Select(i => Row($"C{i:D5}", $"Ñandú \\ 'x'\t{i}", i * 1.25m)).ToList();
            var outcomes = await writer.UpsertAsync(rows, default);
            Assert.Equal(path, writer.Path);
            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
            var ids = IdsByCode();
            Assert.Equal(2500, ids.Count);
            Assert.Equal(rows.Select(r => ids[r.SourceKey].ToString()), outcomes.Select(o => o.TargetId));
        }
        var before = IdsByCode();
        await using (var writer = await Writer(loadData, "cuenta", ["codigo", "nombre", "saldo"], ["codigo"]))
        {
            var rows = new[] { Row("C00002", "cambiado", 9m), Row("NUEVO", "nuevo", null), Row("C02500", "otro", 1m) };
            var outcomes = await writer.UpsertAsync(rows, default);
            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
            var ids = IdsByCode();
            Assert.Equal([before["C00002"].ToString(), ids["NUEVO"].ToString(), before["C02500"].ToString()], outcomes.Select(o => o.TargetId));
        }
        using var check = _db.Open();
        Assert.Equal(("cambiado", 9m), check.QuerySingle<(string, decimal)>("SELECT nombre, saldo FROM cuenta WHERE codigo = 'C00002'"));
        Assert.Equal("Ñandú \\ 'x'\t7", check.QuerySingle<string>("SELECT nombre FROM cuenta WHERE codigo = 'C00007'"));
        Assert.Equal(2501, check.QuerySingle<int>("SELECT COUNT(*) FROM cuenta"));
    }

    [MariaDbTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_value_MariaDB_would_truncate_or_clamp_or_a_null_into_not_null_fails_its_row_naming_the_column(bool loadData)
    {
        using (var c = _db.Open())
            c.Execute("CREATE TABLE cuenta (id INT AUTO_INCREMENT PRIMARY KEY, codigo VARCHAR(20) NOT NULL UNIQUE, nombre VARCHAR(10) NOT NULL, saldo DECIMAL(5,2))");
        await using var writer = await Writer(loadData, "cuenta", ["codigo", "nombre", "saldo"], ["codigo"]);
        var rows = new[]
        {
            Row("A", "bien", 1m), Row("B", "demasiado largo", 1m), Row("C", "bien", 1m), Row("D", "bien", 1000m),
            Row("E", null, 1m), Row("F", "bien", 2.555m), Row("G", "bien", null),
        };
        var outcomes = await writer.UpsertAsync(rows, default);
        var failed = rows.Zip(outcomes).Where(x => !x.Second.Succeeded).ToDictionary(x => x.First.SourceKey, x => x.Second);
        Assert.Equal(["B", "D", "E"], failed.Keys.Order());
        Assert.Equal(("nombre", "saldo", "nombre"), (failed["B"].Column, failed["D"].Column, failed["E"].Column));
        Assert.StartsWith("nombre = 'demasiado largo': ", failed["B"].Error);
        Assert.Contains("saldo = '1000'", failed["D"].Error);
        Assert.Contains("nombre = NULL", failed["E"].Error);
        using var check = _db.Open();
        // Nothing truncated, clamped or defaulted was written; a decimal rounded to its scale is what any INSERT does.
        Assert.Equal(["A bien 1.00", "C bien 1.00", "F bien 2.56", "G bien "],
            check.Query<(string, string, decimal?)>("SELECT codigo, nombre, saldo FROM cuenta ORDER BY codigo").Select(r => $"{r.Item1} {r.Item2} {r.Item3}"));
    }

    [MariaDbTheory]
    [InlineData(true, MariaDbWritePath.LoadData)]
    [InlineData(false, MariaDbWritePath.InsertIntoStage)]
    public async Task A_new_row_that_repeats_another_unique_value_fails_and_never_updates_that_other_row(bool loadData, MariaDbWritePath path)
    {
        using (var c = _db.Open())
            c.Execute(@"CREATE TABLE cuenta (id INT AUTO_INCREMENT PRIMARY KEY, codigo VARCHAR(20) NOT NULL UNIQUE, nif VARCHAR(12), nombre VARCHAR(40),
                          CONSTRAINT uq_nif UNIQUE (nif));
                        INSERT INTO cuenta (codigo, nif, nombre) VALUES ('MANUAL-1', 'B99999999', 'Creada en el CRM');");
        await using var writer = await Writer(loadData, "cuenta", ["codigo", "nif", "nombre"], ["codigo"]);
        var outcomes = await writer.UpsertAsync([Row("C1", "B11111111", "uno"), Row("C2", "B99999999", "dos"), Row("C3", null, "tres")], default);
        // INSERT ... ON DUPLICATE KEY UPDATE would have updated MANUAL-1 through uq_nif: that path is not taken here.
        Assert.Equal(path, writer.Path);
        Assert.Equal([true, false, true], outcomes.Select(o => o.Succeeded));
        Assert.Equal("nif", outcomes[1].Column);
        Assert.Contains("B99999999", outcomes[1].Error);
        using var check = _db.Open();
        Assert.Equal(("B99999999", "Creada en el CRM"), check.QuerySingle<(string, string)>("SELECT nif, nombre FROM cuenta WHERE codigo = 'MANUAL-1'"));
        Assert.Equal(3, check.QuerySingle<int>("SELECT COUNT(*) FROM cuenta"));
    }

    [MariaDbTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_composite_key_matches_on_every_column_and_its_ids_are_read_back(bool loadData)
    {
        using (var c = _db.Open())
            c.Execute(@"CREATE TABLE venta (id BIGINT AUTO_INCREMENT PRIMARY KEY, serie CHAR(1) NOT NULL, numero INT NOT NULL, total DECIMAL(12,2),
                          UNIQUE KEY uq_documento (serie, numero))");
        await using (var writer = await Writer(loadData, "venta", ["serie", "numero", "total"], ["serie", "numero"]))
        {
            var first = await writer.UpsertAsync([new WriteRow("A|1", ["A", 1L, 10m]), new WriteRow("B|1", ["B", 1L, 20m]), new WriteRow("A|2", ["A", 2L, 30m])], default);
            Assert.All(first, o => Assert.True(o.Succeeded, o.Error));
            var again = await writer.UpsertAsync([new WriteRow("B|1", ["B", 1L, 25m]), new WriteRow("B|2", ["B", 2L, 40m])], default);
            Assert.Equal(first[1].TargetId, again[0].TargetId);
            Assert.NotEqual(first[1].TargetId, again[1].TargetId);
        }
        using var check = _db.Open();
        Assert.Equal(["A 1 10.00", "A 2 30.00", "B 1 25.00", "B 2 40.00"],
            check.Query<(string, int, decimal)>("SELECT serie, numero, total FROM venta ORDER BY serie, numero").Select(r => $"{r.Item1} {r.Item2} {r.Item3:0.00}"));
    }

    public void Dispose() => _db.Dispose();
}
