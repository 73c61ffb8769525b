using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// Tests that change the culture of the whole process (CultureInfo.DefaultThreadCurrentCulture): they run alone,
/// after every other collection, so no other test sees the culture they set.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCultureCollection
{
    public const string Name = "Process culture";

    /// <summary>Runs <paramref name="body"/> with the current, UI and default thread cultures set to <paramref name="name"/> ("" is invariant).</summary>
    public static async Task<T> InCulture<T>(string name, Func<Task<T>> body)
    {
        var culture = name.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name);
        var (current, ui, defaultCurrent, defaultUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture,
            CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
        try
        {
            return await body();
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.DefaultThreadCurrentCulture = defaultCurrent;
            CultureInfo.DefaultThreadCurrentUICulture = defaultUi;
        }
    }
}

/// <summary>
/// A sync run under a culture with another calendar (th-TH Buddhist, ar-SA Umm al-Qura, fa-IR Persian), another
/// decimal separator (de-DE, and the Arabic one of ar-SA and fa-IR) or other case rules (tr-TR's dotted and dotless
/// i) gives exactly what a run under the invariant culture gives: the same target rows (dates in the Gregorian
/// calendar, numbers with a '.'), the same rows selected by the filter, the same stored state (so the next run finds
/// nothing to change), the same error texts in the history, and run dates stored in one Gregorian form.
/// </summary>
[Collection(ProcessCultureCollection.Name)]
public abstract class CultureTests
{
    protected abstract DbKind CrmProvider { get; }

    /// <summary>A new, empty CRM database for one run of the scenario, and how to drop it.</summary>
    protected abstract (string ConnectionString, IDisposable Owner) NewCrm(TempDirectory dir);

    // -like 'i*' is where tr-TR differs: with its rules 'I' is not 'i' and 'ı' is 'I'; -gt 'T' on text stays in
    // memory on PostgreSQL, so the -or is evaluated by the engine there and by SQLite's registered functions on SQLite.
    private const string LineFilter = "(ciudad -like 'i*' -or nombre -gt 'T') -and saldo -ge '100.5' -and alta -lt [datetime]'2025-06-01'";

    public static TheoryData<string> Cultures => new() { "th-TH", "ar-SA", "fa-IR", "tr-TR", "de-DE", "es-ES", "en-US" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task A_sync_under_any_culture_writes_stores_and_filters_exactly_as_under_the_invariant_culture(string culture)
    {
        var invariant = await ProcessCultureCollection.InCulture("", Scenario);

        // The invariant run is itself right: the filter's rows, Gregorian dates in one shape per column, '.' decimals.
        Assert.Contains("preview: C01 Insert, C02 Insert, C05 Insert, C06 Insert", invariant);
        Assert.Contains(Row("C01", "Istanbul Tekstil", "ISTANBUL", "2025-03-01", "2025-03-01 09:30:00", "1500.75", "2.5", "2025-03-01", "1500.75"), invariant);
        Assert.Contains(Row("C02", "Izmir Gıda", "izmir", "2024-12-31", "2024-12-31 23:59:59.5", "100.5", "0.25", "2024-12-31", "100.5"), invariant);
        Assert.Contains(invariant, s => s.StartsWith("errors: C01 Failed cuota_entera The value '2.5' cannot be written into cuota_entera", StringComparison.Ordinal));
        Assert.Contains(invariant, s => s.StartsWith("errors: C02 Failed cuota_entera The value '0.25' cannot be written into cuota_entera", StringComparison.Ordinal));
        Assert.Contains("errors: C05 Failed zona_id zona_id: no row of zona has codigo = '2.75' (from zona). Sync that table first (DependsOn), or set OnMissing = 'Null'.", invariant);
        Assert.Contains("second run: inserted 0, updated 0, unchanged 4, failed 0, results 0", invariant);

        var other = await ProcessCultureCollection.InCulture(culture, Scenario);
        Assert.Equal(invariant, other);
    }

    private string Row(params string[] values) => "crm: " + string.Join(" | ", values);

    /// <summary>Everything a run leaves behind, as invariant text, from fresh databases and a fresh store.</summary>
    private async Task<List<string>> Scenario()
    {
        using var dir = new TempDirectory();
        var (crmConnection, owner) = NewCrm(dir);
        using var crmOwner = owner;
        var erp = dir.File("erp.db");
        using (var c = new SqliteConnection("Data Source=" + erp + ";Pooling=false"))
        {
            c.Execute(@"CREATE TABLE cliente (codigo TEXT PRIMARY KEY, nombre TEXT NOT NULL, ciudad TEXT, alta DATE, modificado DATETIME,
                          saldo NUMERIC, zona NUMERIC, cuota REAL);
                INSERT INTO cliente VALUES
                  ('C01', 'Istanbul Tekstil', 'ISTANBUL', '2025-03-01', '2025-03-01 09:30:00', 1500.75, 1.5, 2.5),
                  ('C02', 'Izmir Gıda', 'izmir', '2024-12-31', '2024-12-31 23:59:59.5', 100.5, 1.5, 0.25),
                  ('C03', 'Ankara Un', 'Ankara', '2025-02-28', '2025-02-28 10:20:30', 99.99, 1.5, 1.0),
                  ('C04', 'Istanbul Cam', 'istanbul', '2025-07-01', '2025-07-01 00:00:00', 700, 1.5, 1.0),
                  ('C05', 'Iğdır Et', 'Iğdır', '2025-01-15', '2025-01-15 08:00:00', 2000, 2.75, 1.0),
                  ('C06', 'TITAN', 'Bursa', '2025-01-02', '2025-01-02 12:00:00', 500, 1.5, 3.0),
                  ('C07', 'Kaplıca', 'ılıca', '2025-01-03', '2025-01-03 00:00:00', 800, 1.5, 1.0);");
        }
        using (var crm = CrmProvider.Provider().CreateConnection(crmConnection))
        {
            crm.Open();
            var (id, time, real) = CrmProvider switch
            {
                DbKind.PostgreSql => ("id SERIAL PRIMARY KEY", "TIMESTAMP", "DOUBLE PRECISION"),
                DbKind.MariaDb => ("id INT AUTO_INCREMENT PRIMARY KEY", "DATETIME(6)", "DOUBLE"),
                _ => ("id INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME", "REAL"),
            };
            crm.Execute($@"CREATE TABLE zona ({id}, codigo NUMERIC(6,2) NOT NULL);
                INSERT INTO zona (codigo) VALUES (1.5);
                CREATE TABLE cuenta ({id}, codigo VARCHAR(10) UNIQUE NOT NULL, nombre VARCHAR(40) NOT NULL, ciudad VARCHAR(40),
                  alta DATE, modificado {time}, saldo NUMERIC(12,2), cuota {real}, alta_texto VARCHAR(30), saldo_texto VARCHAR(30));
                CREATE TABLE incidencia ({id}, codigo VARCHAR(10) UNIQUE NOT NULL, cuota_entera INTEGER, zona_id INTEGER);");
        }

        var store = SyncStore.Open(StoreLocation.Parse(dir.File("store.db")));
        store.SaveConnection(new SyncConnection { Name = "ERP", Provider = DbKind.Sqlite.ToString(), ConnectionString = "Data Source=" + erp }, replace: true);
        store.SaveConnection(new SyncConnection { Name = "CRM", Provider = CrmProvider.ToString(), ConnectionString = crmConnection }, replace: true);
        var clientes = new SyncLine
        {
            Name = "Clientes", Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "cuenta", TargetId = "id",
            Key = { "codigo" }, TargetKey = { "codigo" }, Filter = LineFilter,
            Columns =
            {
                new() { TargetColumn = "codigo", SourceColumn = "codigo" },
                new() { TargetColumn = "nombre", SourceColumn = "nombre" },
                new() { TargetColumn = "ciudad", SourceColumn = "ciudad" },
                new() { TargetColumn = "alta", SourceColumn = "alta" },
                new() { TargetColumn = "modificado", SourceColumn = "modificado" },
                new() { TargetColumn = "saldo", SourceColumn = "saldo" },
                new() { TargetColumn = "cuota", SourceColumn = "cuota" },
                new() { TargetColumn = "alta_texto", SourceColumn = "alta" },
                new() { TargetColumn = "saldo_texto", SourceColumn = "saldo" },
            },
        };
        var incidencias = new SyncLine
        {
            Name = "Incidencias", Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "incidencia", TargetId = "id",
            Key = { "codigo" }, TargetKey = { "codigo" },
            Columns =
            {
                new() { TargetColumn = "codigo", SourceColumn = "codigo" },
                new() { TargetColumn = "cuota_entera", SourceColumn = "cuota" },
                new() { TargetColumn = "zona_id", Kind = MappingKind.Lookup, SourceColumn = "zona", LookupTable = "zona", LookupMatch = "codigo", LookupValue = "id" },
            },
        };
        store.AddLine(clientes);
        store.AddLine(incidencias);
        var engine = new SyncEngine(store, ConnectionOpener.WithoutCredentials);
        var snapshot = new List<string>();

        var preview = new List<PreviewRow>();
        await foreach (var p in engine.PreviewAsync(clientes, new SyncOptions(), default)) preview.Add(p);
        snapshot.Add("preview: " + string.Join(", ", preview.Select(p => $"{p.Key} {p.Action}")));

        var before = DateTime.UtcNow.AddSeconds(-1);
        await foreach (var r in engine.RunAsync(clientes, new SyncOptions(), null, null, default))
            snapshot.Add($"run: {r.Key} {r.Action} {r.Status} {r.Error}");
        await foreach (var r in engine.RunAsync(incidencias, new SyncOptions(), null, null, default))
            if (r.Status != RowStatus.Succeeded) snapshot.Add($"errors: {r.Key} {r.Status} {r.Column} {r.Error}");
        var after = DateTime.UtcNow.AddSeconds(1);

        using (var crm = CrmProvider.Provider().CreateConnection(crmConnection))
        {
            crm.Open();
            snapshot.AddRange(Rows(crm, "SELECT codigo, nombre, ciudad, alta, modificado, saldo, cuota, alta_texto, saldo_texto FROM cuenta ORDER BY codigo")
                .Select(r => Row(r)));
        }
        snapshot.AddRange(store.StreamStates(clientes.Id).OrderBy(s => s.SourceKey, StringComparer.Ordinal)
            .Select(s => $"state: {s.SourceKey} {Convert.ToHexString(s.Hash ?? [])} {s.TargetId} {s.Status}"));
        snapshot.AddRange(store.GetRuns().SelectMany(r => store.GetRunRows(r.RunId, r.Line))
            .Select(r => $"history: {r.Line} {r.Key} {r.Action} {r.Status} {r.Column} {r.Error}").Order(StringComparer.Ordinal));

        SyncRun? second = null;
        var again = 0;
        await foreach (var _ in engine.RunAsync(clientes, new SyncOptions(), null, s => second = s, default)) again++;
        after = DateTime.UtcNow.AddSeconds(1); // the second run is in the history too
        snapshot.Add(string.Create(CultureInfo.InvariantCulture,
            $"second run: inserted {second!.Inserted}, updated {second.Updated}, unchanged {second.Unchanged}, failed {second.Failed}, results {again}"));

        // Run dates: stored in one Gregorian form, read back as the moment the run happened, whatever the culture.
        using (var raw = new SqliteConnection("Data Source=" + dir.File("store.db") + ";Pooling=false"))
        {
            foreach (var (started, ended) in raw.Query<(string, string)>("SELECT started, ended FROM ofisync_run"))
                foreach (var text in new[] { started, ended })
                    Assert.Matches(new Regex(@"^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,7})?$"), text);
        }
        foreach (var run in store.GetRuns())
        {
            Assert.InRange(run.Started, before, after);
            Assert.InRange(run.Ended!.Value, run.Started, after);
        }
        snapshot.Add("runs: " + string.Join(", ", store.GetRuns().Select(r => $"{r.Line} {r.Status}")));
        SqliteConnection.ClearAllPools();
        return snapshot;
    }

    /// <summary>The rows as invariant text: a date with its time only when it has one, numbers with '.'.</summary>
    private static IEnumerable<string[]> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) switch
                {
                    DateTime d when string.Equals(reader.GetDataTypeName(i), "date", StringComparison.OrdinalIgnoreCase) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                    decimal m => m.ToString("0.############", CultureInfo.InvariantCulture),
                    var v => Convert.ToString(v, CultureInfo.InvariantCulture)!,
                };
            yield return row;
        }
    }
}

public sealed class SqliteCultureTests : CultureTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;

    protected override (string, IDisposable) NewCrm(TempDirectory dir) => ("Data Source=" + dir.File("crm.db"), new Nothing());

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}

public sealed class PostgresCultureTests : CultureTests
{
    protected override DbKind CrmProvider => DbKind.PostgreSql;

    protected override (string, IDisposable) NewCrm(TempDirectory dir)
    {
        if (string.IsNullOrEmpty(PostgresDatabase.ServerConnectionString))
            throw new InvalidOperationException("OFISYNC_TEST_POSTGRES is not set (./build.sh test sets it)");
        var db = new PostgresDatabase();
        return (db.ConnectionString, db);
    }
}

/// <summary>The messages that end up in the run history format numbers, dates and durations invariantly.</summary>
[Collection(ProcessCultureCollection.Name)]
public sealed class CultureMessageTests
{
    [Fact]
    public async Task Messages_that_the_history_keeps_write_numbers_and_durations_the_same_under_every_culture()
    {
        var texts = await ProcessCultureCollection.InCulture("de-DE", () => Task.FromResult(new[]
        {
            Messages.DeleteCapExceeded("Clientes", 30, 200, 12.5),
            Messages.LineLocked("Clientes", TimeSpan.FromSeconds(2.5)),
            Messages.Stored.ValueNotConvertible("saldo", 1234.5m, "INTEGER"),
            Messages.Stored.LookupNotFound("sector_id", "sector_codigo", new DateTime(2025, 3, 1), "sector", "codigo"),
        }));
        Assert.Contains("more than the 12.5% safety cap", texts[0]);
        Assert.Contains("waited 2.5 s", texts[1]);
        Assert.Contains("The value '1234.5' cannot", texts[2]);
        Assert.Contains("codigo = '2025-03-01'", texts[3]);
    }
}
