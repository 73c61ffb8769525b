using Dapper;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Engine;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Lines;

/// <summary>What Test-SyncLine and New-SyncLine find by connecting: the ERP in SQLite, the CRM in SQLite or PostgreSQL.</summary>
public abstract class LineCheckerTests : EngineTestBed
{
    private Task<List<LineProblem>> Check(SyncLine line) =>
        new LineChecker(Store.GetConnection, Store.GetLines().Append(line).ToList()).CheckAsync(line, ConnectionOpener.WithoutCredentials, default);

    private static SyncLine Contactos(params string[] columns) => new()
    {
        Name = "Contactos", Source = "ERP", SourceTable = "contacto", Target = "CRM", TargetTable = "contacto", Key = { "codigo" }, TargetKey = { "codigo" },
        Columns = columns.Select(c => new ColumnMapping { TargetColumn = c, SourceColumn = c }).ToList(),
    };

    [Fact]
    public async Task A_source_column_that_allows_NULL_into_a_NOT_NULL_target_column_is_a_warning_and_its_NULL_rows_fail()
    {
        Setup(1);
        using (var erp = Erp())
            erp.Execute(@"CREATE TABLE contacto (codigo TEXT PRIMARY KEY, nombre TEXT NOT NULL, nif TEXT, poblacion TEXT);
                INSERT INTO contacto VALUES ('C1', 'Uno', 'B1', 'Ávila'), ('C2', 'Dos', NULL, NULL), ('C3', 'Tres', 'B3', NULL);");
        using (var crm = Crm())
            crm.Execute("CREATE TABLE contacto (codigo VARCHAR(10) NOT NULL UNIQUE, nombre VARCHAR(40) NOT NULL, nif VARCHAR(12) NOT NULL, poblacion VARCHAR(40))");
        var line = Contactos("codigo", "nombre", "nif", "poblacion");

        // The key allows NULL in SQLite (a TEXT PRIMARY KEY), but a row without a key never reaches the target: no warning.
        var problem = Assert.Single(await Check(line));
        Assert.Equal((LineSide.Target, "nif", "NullIntoNotNull", ProblemSeverity.Warning), (problem.Side, problem.Column, problem.Code.ToString(), problem.Severity));
        Assert.Contains("nif -ne $null", problem.Problem);

        // The warning is true: the row whose nif is NULL fails, naming the column; the others are written.
        var results = await RunAfterAdding(line);
        var failed = Assert.Single(results, r => r.Status == RowStatus.Failed);
        Assert.Equal(("C2", "nif"), (failed.Key, failed.Column));
        Assert.Equal(2, results.Count(r => r.Status == RowStatus.Succeeded));
    }

    [Fact]
    public async Task Text_declared_longer_than_its_target_column_is_a_warning_where_the_target_enforces_lengths()
    {
        Setup(1);
        using (var erp = Erp())
            erp.Execute(@"CREATE TABLE contacto (codigo TEXT PRIMARY KEY, nombre NVARCHAR(24) NOT NULL, notas TEXT NOT NULL, cargo VARCHAR(10) NOT NULL);
                INSERT INTO contacto VALUES ('C1', 'Ana', 'corta', 'Jefa'), ('C2', 'Bartolomé de las Casas', 'también', 'Jefe');");
        using (var crm = Crm())
            crm.Execute("CREATE TABLE contacto (codigo VARCHAR(10) NOT NULL UNIQUE, nombre VARCHAR(16) NOT NULL, notas VARCHAR(16) NOT NULL, cargo VARCHAR(16) NOT NULL)");
        var line = Contactos("codigo", "nombre", "notas", "cargo");
        var problems = await Check(line);
        var results = await RunAfterAdding(line);
        if (CrmProvider == DbKind.Sqlite)
        {
            // SQLite does not enforce VARCHAR(16): the long name is written whole, so there is nothing to warn about.
            Assert.Empty(problems);
            Assert.All(results, r => Assert.Equal(RowStatus.Succeeded, r.Status));
            return;
        }
        // A source text without a declared length (notas) is not compared; one declared shorter than the target (cargo) fits.
        var problem = Assert.Single(problems);
        Assert.Equal((LineSide.Target, "nombre", "MayTruncate", ProblemSeverity.Warning), (problem.Side, problem.Column, problem.Code.ToString(), problem.Severity));
        Assert.Contains("NVARCHAR(24)", problem.Problem);
        Assert.Contains("character varying(16)", problem.Problem);
        var failed = Assert.Single(results, r => r.Status == RowStatus.Failed);
        Assert.Equal(("C2", "nombre"), (failed.Key, failed.Column));
    }

    [Fact]
    public async Task A_misspelt_filter_name_is_told_with_the_closest_name_and_the_target_and_source_columns_apart()
    {
        Setup(3);
        await Run(Sectores());
        var line = Clientes(l => l.Filter = "poblacin -eq 'Madrid'");
        const string expected = "Unknown name 'poblacin'. Did you mean 'poblacion'? A filter can name the line's target columns, as mapped"
                                + " (codigo, razon_social, nif, poblacion, estado, sector_id, fecha_alta, saldo), or the other columns of cliente (sector_codigo, activo).";
        var problem = Assert.Single(await Check(line));
        Assert.Equal((LineSide.Source, "FilterInvalid"), (problem.Side, problem.Code.ToString()));
        Assert.StartsWith(expected + "\n", problem.Problem);
        var run = await Assert.ThrowsAsync<SyncLineException>(() => Preview(Clientes(l => l.Filter = null), new SyncOptions { Filter = "poblacin -eq 'Madrid'" }));
        Assert.StartsWith(expected + "\n", run.Message);
    }

    [Fact]
    public async Task A_misspelt_key_is_reported_once_with_the_closest_name()
    {
        Setup(1);
        var line = new SyncLine { Name = "Clientes2", Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "cuenta", Key = { "codgo" }, Columns = { new() { TargetColumn = "razon_social", SourceColumn = "razon_social" } } };
        LineDefaults.CompleteKey(line); // as New-SyncLine does: the key is mapped to a target column of its name
        var source = Assert.Single(await Check(line), p => p.Side == LineSide.Source);
        Assert.Equal(("codgo", "ColumnNotFound"), (source.Column, source.Code.ToString()));
        Assert.StartsWith("The column 'codgo' does not exist in cliente. Did you mean 'codigo'? Its columns are: codigo, razon_social,", source.Problem);
    }

    private async Task<List<RowResult>> RunAfterAdding(SyncLine line)
    {
        Store.AddLine(line);
        return await Run(line);
    }
}

public sealed class SqliteLineCheckerTests : LineCheckerTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db");
}

public sealed class PostgresLineCheckerTests : LineCheckerTests
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
