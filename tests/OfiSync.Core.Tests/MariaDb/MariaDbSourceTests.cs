using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.MariaDb;

/// <summary>
/// MariaDB as the ERP: the types its driver reads (signed TINYINT as sbyte, unsigned integers, BOOLEAN as bool, CHAR(36)
/// that is not a GUID, latin1 text, a zero date), a filter pushed down into its WHERE clause, into a SQLite CRM.
/// </summary>
public sealed class MariaDbSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly MariaDbDatabase _erp = new();
    private readonly SyncStore _store;
    private string CrmFile => _dir.File("crm.db");

    public MariaDbSourceTests()
    {
        _store = SyncStore.Open(StoreLocation.Parse(_dir.File("store.db")));
        using (var erp = _erp.Open())
            erp.Execute(@"SET SESSION sql_mode = '';
                CREATE TABLE cliente (codigo VARCHAR(10) NOT NULL PRIMARY KEY, nombre VARCHAR(60) CHARACTER SET latin1 NOT NULL, poblacion VARCHAR(40),
                  tipo TINYINT, empleados INT UNSIGNED, visitas BIGINT UNSIGNED, activo BOOLEAN NOT NULL DEFAULT 1, saldo DECIMAL(12,2),
                  alta DATE, modificado DATETIME(6), referencia CHAR(36));
                INSERT INTO cliente VALUES
                  ('C1', 'Ñandú Ávila, S.L.', 'Madrid', -3, 4000000000, 18000000000000000000, 1, 100.25, '2024-02-29', '2024-02-29 10:20:30.250000', 'no es un guid'),
                  ('C2', 'Cádiz Mar', 'Madrid ', 5, 12, 7, 0, -5.50, '0000-00-00', '2024-12-31 23:59:59.999999', '3f2504e0-4f89-11d3-9a0c-0305e82c3301'),
                  ('C3', 'Logroño', 'MADRID', NULL, NULL, NULL, 1, NULL, NULL, NULL, NULL),
                  ('C4', 'Ávila Sur', 'Avila', 0, 0, 0, 1, 0, '2025-01-01', '2025-01-01 00:00:00', '');");
        using (var crm = new SqliteConnection($"Data Source={CrmFile}"))
            crm.Execute(@"CREATE TABLE cuenta (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT UNIQUE NOT NULL, nombre TEXT, poblacion TEXT, tipo INTEGER,
                empleados INTEGER, visitas TEXT, activo INTEGER, saldo NUMERIC, alta DATE, modificado DATETIME, referencia TEXT)");
        _store.SaveConnection(new SyncConnection { Name = "ERP", Provider = "MySql", ConnectionString = _erp.ConnectionString }, replace: true);
        _store.SaveConnection(new SyncConnection { Name = "CRM", Provider = "Sqlite", ConnectionString = "Data Source=" + CrmFile }, replace: true);
    }

    private SyncLine Line(string? filter = null)
    {
        var line = new SyncLine
        {
            Name = "Clientes", Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "cuenta", TargetId = "id",
            Key = { "codigo" }, TargetKey = { "codigo" }, Filter = filter,
        };
        foreach (var c in new[] { "codigo", "nombre", "poblacion", "tipo", "empleados", "visitas", "activo", "saldo", "alta", "modificado", "referencia" })
            line.Columns.Add(new ColumnMapping { TargetColumn = c, SourceColumn = c });
        _store.AddLine(line);
        return line;
    }

    private async Task<List<RowResult>> Run(SyncLine line, SyncOptions? options = null)
    {
        var results = new List<RowResult>();
        await foreach (var r in new SyncEngine(_store, ConnectionOpener.WithoutCredentials).RunAsync(line, options ?? new SyncOptions(), null, null, default)) results.Add(r);
        return results;
    }

    private List<string> Crm(string sql)
    {
        using var crm = new SqliteConnection($"Data Source={CrmFile}");
        return crm.Query(sql).Select(r => string.Join(" | ", ((IDictionary<string, object?>)r).Values.Select(v => v?.ToString() ?? "NULL"))).ToList();
    }

    [MariaDbFact]
    public async Task Every_type_the_driver_reads_is_written_as_its_value_and_a_rerun_finds_nothing_changed()
    {
        var line = Line();
        var results = await Run(line);
        Assert.All(results, r => Assert.Equal(RowStatus.Succeeded, r.Status));
        Assert.Equal(string.Join("\n",
        [
            "C1 | Ñandú Ávila, S.L. | Madrid | -3 | 4000000000 | 18000000000000000000 | 1 | 100.25 | 2024-02-29 | 2024-02-29 10:20:30.25 | no es un guid",
            "C2 | Cádiz Mar | Madrid  | 5 | 12 | 7 | 0 | -5.5 | 0001-01-01 | 2024-12-31 23:59:59.999999 | 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "C3 | Logroño | MADRID | NULL | NULL | NULL | 1 | NULL | NULL | NULL | NULL",
            "C4 | Ávila Sur | Avila | 0 | 0 | 0 | 1 | 0 | 2025-01-01 | 2025-01-01 00:00:00 | ",
        ]), string.Join("\n", Crm("SELECT codigo, nombre, poblacion, tipo, empleados, visitas, activo, saldo, alta, modificado, referencia FROM cuenta ORDER BY codigo")));
        Assert.Empty(await Run(line));
    }

    [MariaDbFact]
    public async Task A_filter_runs_in_MariaDBs_WHERE_clause_and_selects_what_PowerShell_would()
    {
        var line = Line("poblacion -eq 'madrid' -and tipo -le 0 -and activo -and nombre -like '*ñ*'");
        var said = new List<string>();
        var results = await Run(line, new SyncOptions { OnVerbose = said.Add });
        // 'Madrid ' (a trailing space) is not 'madrid' for PowerShell, whatever MariaDB's collation says; NULL -le 0 is true.
        Assert.Equal(["C1", "C3"], results.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Contains(said, s => s.Contains("reading the source with SELECT", StringComparison.Ordinal) && s.Contains("WHERE CAST(LOWER(CONVERT(`poblacion`", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
        _erp.Dispose();
    }
}
