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
/// A date keeps the form of its target column: a DATE column holds the day, a DATETIME or TIMESTAMP column holds the
/// day and the time, midnight included, so every value of a column has one shape and compares as the others do.
/// </summary>
public abstract class DateShapeTests : IDisposable
{
    protected readonly TempDirectory Dir = new();
    private readonly SyncStore _store;
    private readonly SyncLine _line;

    protected abstract DbKind CrmProvider { get; }
    protected abstract string CrmConnectionString { get; }

    protected DateShapeTests()
    {
        _store = SyncStore.Open(StoreLocation.Parse(Dir.File("store.db")));
        _line = new SyncLine
        {
            Name = "Eventos", Source = "ERP", SourceTable = "evento", Target = "CRM", TargetTable = "evento", TargetId = "id",
            Key = { "codigo" }, TargetKey = { "codigo" },
            Columns =
            {
                new() { TargetColumn = "codigo", SourceColumn = "codigo" },
                new() { TargetColumn = "dia", SourceColumn = "dia" },
                new() { TargetColumn = "momento", SourceColumn = "momento" },
                new() { TargetColumn = "sello", SourceColumn = "momento" },
                new() { TargetColumn = "dia_de_momento", SourceColumn = "momento" },
                new() { TargetColumn = "nota", SourceColumn = "nota" },
            },
        };
    }

    private string ErpFile => Dir.File("erp.db");

    private void Setup()
    {
        using (var erp = new SqliteConnection("Data Source=" + ErpFile + ";Pooling=false"))
            erp.Execute(@"CREATE TABLE evento (codigo TEXT PRIMARY KEY, dia DATE, momento DATETIME, nota TEXT);
                INSERT INTO evento VALUES ('E1', '2000-02-29', '2000-02-29 00:00:00', 'a'), ('E2', '2000-02-29', '2000-02-29 10:20:30', 'b'),
                  ('E3', '2000-03-01', '2000-02-29 23:59:59.25', 'c');");
        using (var crm = Crm())
        {
            var (id, timestamp, stamp) = CrmProvider switch
            {
                DbKind.PostgreSql => ("id SERIAL PRIMARY KEY", "TIMESTAMP", "TIMESTAMP"),
                // MariaDB's DATETIME and TIMESTAMP keep whole seconds unless given a precision.
                DbKind.MariaDb => ("id INT AUTO_INCREMENT PRIMARY KEY", "DATETIME(6)", "TIMESTAMP(6) NULL"),
                _ => ("id INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME", "TIMESTAMP"),
            };
            crm.Execute($"CREATE TABLE evento ({id}, codigo VARCHAR(10) UNIQUE NOT NULL, dia DATE, momento {timestamp}, sello {stamp}, dia_de_momento DATE, nota VARCHAR(10))");
        }
        _store.SaveConnection(new SyncConnection { Name = "ERP", Provider = DbKind.Sqlite.ToString(), ConnectionString = "Data Source=" + ErpFile }, replace: true);
        _store.SaveConnection(new SyncConnection { Name = "CRM", Provider = CrmProvider.ToString(), ConnectionString = CrmConnectionString }, replace: true);
        _store.AddLine(_line);
    }

    protected System.Data.Common.DbConnection Crm()
    {
        var c = CrmProvider.Provider().CreateConnection(CrmConnectionString);
        c.Open();
        return c;
    }

    private SyncEngine Engine() => new(_store, ConnectionOpener.WithoutCredentials);

    private async Task Sync()
    {
        await foreach (var r in Engine().RunAsync(_line, new SyncOptions(), null, null, default))
            Assert.Equal(RowStatus.Succeeded, r.Status);
    }

    /// <summary>The CRM's values as the database holds them, as text.</summary>
    protected abstract List<string> Stored();

    protected abstract string[] ExpectedRows { get; }

    [Fact]
    public async Task Each_date_column_keeps_one_shape_midnight_included_and_compares_as_written()
    {
        Setup();
        await Sync();
        Assert.Equal(ExpectedRows, Stored());
        using var crm = Crm();
        // A midnight timestamp is found by a comparison with a midnight timestamp; a date column holds days only.
        Assert.Equal(["E1", "E2", "E3"], crm.Query<string>("SELECT codigo FROM evento WHERE momento >= '2000-02-29 00:00:00' ORDER BY codigo"));
        Assert.Equal(["E1", "E2", "E3"], crm.Query<string>("SELECT codigo FROM evento WHERE sello >= '2000-02-29 00:00:00' ORDER BY codigo"));
        Assert.Equal(["E1", "E2", "E3"], crm.Query<string>("SELECT codigo FROM evento WHERE dia_de_momento = '2000-02-29' ORDER BY codigo"));
    }

    [Fact]
    public async Task The_preview_of_a_changed_row_does_not_list_its_unchanged_dates_as_changes()
    {
        Setup();
        await Sync();
        using (var erp = new SqliteConnection("Data Source=" + ErpFile + ";Pooling=false"))
            erp.Execute("UPDATE evento SET nota = nota || '2'");
        var rows = new List<PreviewRow>();
        await foreach (var p in Engine().PreviewAsync(_line, new SyncOptions(), default)) rows.Add(p);
        Assert.Equal(["E1", "E2", "E3"], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal(RowAction.Update, r.Action));
        Assert.All(rows, r => Assert.Equal("nota", Assert.Single(r.Changes).Column));
    }

    public virtual void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }
}

public sealed class SqliteDateShapeTests : DateShapeTests
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db");

    protected override string[] ExpectedRows =>
    [
        "E1 | 2000-02-29 | 2000-02-29 00:00:00 | 2000-02-29 00:00:00 | 2000-02-29",
        "E2 | 2000-02-29 | 2000-02-29 10:20:30 | 2000-02-29 10:20:30 | 2000-02-29",
        "E3 | 2000-03-01 | 2000-02-29 23:59:59.25 | 2000-02-29 23:59:59.25 | 2000-02-29",
    ];

    // SQLite keeps the text it was given: that text is what its comparisons see.
    protected override List<string> Stored()
    {
        using var crm = Crm();
        return crm.Query<(string, string, string, string, string)>("SELECT codigo, dia, momento, sello, dia_de_momento FROM evento ORDER BY codigo")
            .Select(r => string.Join(" | ", r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)).ToList();
    }
}

public sealed class PostgresDateShapeTests : DateShapeTests
{
    private readonly PostgresDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.PostgreSql;
    protected override string CrmConnectionString => _db.ConnectionString;

    protected override string[] ExpectedRows =>
    [
        "E1 | 2000-02-29 date | 2000-02-29 00:00:00 timestamp without time zone | 2000-02-29 00:00:00 timestamp without time zone | 2000-02-29 date",
        "E2 | 2000-02-29 date | 2000-02-29 10:20:30 timestamp without time zone | 2000-02-29 10:20:30 timestamp without time zone | 2000-02-29 date",
        "E3 | 2000-03-01 date | 2000-02-29 23:59:59.25 timestamp without time zone | 2000-02-29 23:59:59.25 timestamp without time zone | 2000-02-29 date",
    ];

    // The values as PostgreSQL prints them, with their types: a timestamp stays a timestamp and a date a date.
    protected override List<string> Stored()
    {
        using var crm = Crm();
        return crm.Query<(string, string, string, string, string)>(@"SELECT codigo, dia::text || ' ' || pg_typeof(dia), momento::text || ' ' || pg_typeof(momento),
                sello::text || ' ' || pg_typeof(sello), dia_de_momento::text || ' ' || pg_typeof(dia_de_momento) FROM evento ORDER BY codigo")
            .Select(r => string.Join(" | ", r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)).ToList();
    }

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

/// <summary>
/// A date read from a typed source (PostgreSQL's date and timestamp) into a text column keeps the source column's
/// form: a timestamp at midnight keeps its time, so the text column holds one form too.
/// </summary>
public sealed class DateIntoTextTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly PostgresDatabase _erp = new();

    [Fact]
    public async Task A_timestamp_at_midnight_keeps_its_time_in_a_text_column_and_a_date_stays_a_day()
    {
        using (var erp = _erp.Open())
            erp.Execute(@"CREATE TABLE evento (codigo TEXT PRIMARY KEY, dia DATE, momento TIMESTAMP);
                INSERT INTO evento VALUES ('E1', '2000-02-29', '2000-02-29 00:00:00'), ('E2', '2000-02-29', '2000-02-29 10:20:30.25');");
        var crm = "Data Source=" + _dir.File("crm.db");
        using (var c = new SqliteConnection(crm))
            c.Execute("CREATE TABLE evento (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT UNIQUE NOT NULL, dia_texto TEXT, momento_texto VARCHAR(30))");
        var store = SyncStore.Open(StoreLocation.Parse(_dir.File("store.db")));
        store.SaveConnection(new SyncConnection { Name = "ERP", Provider = DbKind.PostgreSql.ToString(), ConnectionString = _erp.ConnectionString }, replace: true);
        store.SaveConnection(new SyncConnection { Name = "CRM", Provider = DbKind.Sqlite.ToString(), ConnectionString = crm }, replace: true);
        var line = new SyncLine
        {
            Name = "Eventos", Source = "ERP", SourceTable = "evento", Target = "CRM", TargetTable = "evento", TargetId = "id",
            Key = { "codigo" }, TargetKey = { "codigo" },
            Columns =
            {
                new() { TargetColumn = "codigo", SourceColumn = "codigo" },
                new() { TargetColumn = "dia_texto", SourceColumn = "dia" },
                new() { TargetColumn = "momento_texto", SourceColumn = "momento" },
            },
        };
        store.AddLine(line);
        await foreach (var r in new SyncEngine(store, ConnectionOpener.WithoutCredentials).RunAsync(line, new SyncOptions(), null, null, default))
            Assert.Equal(RowStatus.Succeeded, r.Status);
        using var check = new SqliteConnection(crm);
        Assert.Equal(
            ["E1 | 2000-02-29 | 2000-02-29 00:00:00", "E2 | 2000-02-29 | 2000-02-29 10:20:30.25"],
            check.Query<(string, string, string)>("SELECT codigo, dia_texto, momento_texto FROM evento ORDER BY codigo").Select(r => $"{r.Item1} | {r.Item2} | {r.Item3}"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
        _erp.Dispose();
    }
}
