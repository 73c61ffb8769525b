using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// An ERP in SQLite (sectors and customers, with accents, NULLs, dates and decimals), a CRM in SQLite or PostgreSQL,
/// and a store: the domain of shared/notes/domain.md in miniature.
/// </summary>
public abstract class EngineTestBed : IDisposable
{
    protected readonly TempDirectory Dir = new();
    protected SyncStore Store { get; }
    protected string ErpFile => Dir.File("erp.db");
    protected abstract DbKind CrmProvider { get; }
    protected abstract string CrmConnectionString { get; }

    protected EngineTestBed()
    {
        Store = SyncStore.Open(StoreLocation.Parse(Dir.File("store.db")));
    }

    protected void Setup(int customers = 50)
    {
        using (var erp = Erp())
        {
            erp.Execute(@"CREATE TABLE sector (codigo TEXT PRIMARY KEY, descripcion TEXT NOT NULL);
                CREATE TABLE cliente (codigo TEXT PRIMARY KEY, razon_social TEXT NOT NULL, nif TEXT, poblacion TEXT, sector_codigo TEXT,
                  fecha_alta DATE, saldo NUMERIC, activo INTEGER NOT NULL DEFAULT 1);
                INSERT INTO sector VALUES ('HOT', 'Hostelería'), ('AGE', 'Agencias de viaje'), ('CON', 'Construcción');");
            using var tx = erp.BeginTransaction();
            for (var i = 1; i <= customers; i++)
                erp.Execute("INSERT INTO cliente VALUES (@c, @r, @n, @p, @s, @f, @b, 1)", new
                {
                    c = Code(i), r = $"Cliente Ñandú {i}, S.L.", n = i % 10 == 0 ? null : $"B{i:D8}", p = new[] { "Madrid", "Ávila", "A Coruña", "Logroño" }[i % 4],
                    s = new[] { "HOT", "AGE", "CON" }[i % 3], f = $"2024-{(i % 12) + 1:D2}-{(i % 28) + 1:D2}", b = i * 100.25m,
                }, tx);
            tx.Commit();
        }
        using (var crm = Crm())
        {
            var id = CrmProvider switch
            {
                DbKind.PostgreSql => "id SERIAL PRIMARY KEY",
                DbKind.SqlServer => "id INT IDENTITY(1,1) PRIMARY KEY",
                DbKind.MariaDb => "id INT AUTO_INCREMENT PRIMARY KEY",
                _ => "id INTEGER PRIMARY KEY AUTOINCREMENT",
            };
            const string date = "DATE";
            var text = CrmProvider == DbKind.SqlServer ? "NVARCHAR" : "VARCHAR";
            crm.Execute($@"CREATE TABLE sector ({id}, codigo_origen VARCHAR(10) UNIQUE NOT NULL, descripcion {text}(100));
                CREATE TABLE cuenta ({id}, codigo VARCHAR(20) UNIQUE NOT NULL, estado VARCHAR(20) NOT NULL DEFAULT 'Potencial',
                  razon_social {text}(100) NOT NULL, nif VARCHAR(12) {(CrmProvider == DbKind.SqlServer ? "NULL" : "UNIQUE")}, poblacion {text}(40), sector_id INTEGER REFERENCES sector(id),
                  fecha_alta {date}, saldo NUMERIC(12,2))");
        }
        Store.SaveConnection(new SyncConnection { Name = "ERP", Provider = DbKind.Sqlite.ToString(), ConnectionString = "Data Source=" + ErpFile }, replace: true);
        Store.SaveConnection(new SyncConnection { Name = "CRM", Provider = CrmProvider.ToString(), ConnectionString = CrmConnectionString }, replace: true);
    }

    protected static string Code(int i) => $"4300{i:D5}";

    protected DbConnection Erp()
    {
        var c = new SqliteConnection("Data Source=" + ErpFile + ";Pooling=false");
        c.Open();
        return c;
    }

    protected DbConnection Crm()
    {
        var c = CrmProvider.Provider().CreateConnection(CrmConnectionString);
        c.Open();
        return c;
    }

    protected SyncLine Sectores() => Add(new SyncLine
    {
        Name = "Sectores", Source = "ERP", SourceTable = "sector", Target = "CRM", TargetTable = "sector", TargetId = "id",
        Key = { "codigo" }, TargetKey = { "codigo_origen" },
        Columns = { new() { TargetColumn = "codigo_origen", SourceColumn = "codigo" }, new() { TargetColumn = "descripcion", SourceColumn = "descripcion" } },
    });

    protected SyncLine Clientes(Action<SyncLine>? change = null)
    {
        var line = new SyncLine
        {
            Name = "Clientes", Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "cuenta", TargetId = "id",
            Key = { "codigo" }, TargetKey = { "codigo" }, DependsOn = { "Sectores" }, BatchSize = 7,
            Columns =
            {
                new() { TargetColumn = "codigo", SourceColumn = "codigo" },
                new() { TargetColumn = "razon_social", SourceColumn = "razon_social" },
                new() { TargetColumn = "nif", SourceColumn = "nif" },
                new() { TargetColumn = "poblacion", SourceColumn = "poblacion" },
                new() { TargetColumn = "estado", Kind = MappingKind.Constant, Constant = "Cliente" },
                new() { TargetColumn = "sector_id", Kind = MappingKind.Lookup, SourceColumn = "sector_codigo", LookupTable = "sector", LookupMatch = "codigo_origen", LookupValue = "id" },
                new() { TargetColumn = "fecha_alta", SourceColumn = "fecha_alta" },
                new() { TargetColumn = "saldo", SourceColumn = "saldo" },
            },
        };
        change?.Invoke(line);
        return Add(line);
    }

    private SyncLine Add(SyncLine line)
    {
        if (Store.GetLine(line.Name) is { } old) { line.Id = old.Id; Store.UpdateLine(line); }
        else Store.AddLine(line);
        return line;
    }

    protected SyncEngine Engine() => new(Store, ConnectionOpener.WithoutCredentials);

    protected async Task<List<RowResult>> Run(SyncLine line, SyncOptions? options = null, Action<SyncRun>? finished = null)
    {
        var results = new List<RowResult>();
        await foreach (var r in Engine().RunAsync(line, options ?? new SyncOptions(), null, finished, default)) results.Add(r);
        return results;
    }

    protected async Task<List<PreviewRow>> Preview(SyncLine line, SyncOptions? options = null)
    {
        var rows = new List<PreviewRow>();
        await foreach (var r in Engine().PreviewAsync(line, options ?? new SyncOptions(), default)) rows.Add(r);
        return rows;
    }

    protected List<dynamic> CrmRows(string sql = "SELECT * FROM cuenta ORDER BY codigo")
    {
        using var c = Crm();
        return c.Query(sql).ToList();
    }

    public virtual void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }
}
