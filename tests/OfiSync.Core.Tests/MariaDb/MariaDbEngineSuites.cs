using System.Data.Common;
using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Tests.Engine;
using OfiSync.Core.Tests.Infrastructure;
using OfiSync.Core.Tests.Reliability;
using OfiSync.Core.Tests.Statistics;
using Xunit;

namespace OfiSync.Core.Tests.MariaDb;

// The engine's suites into a MariaDB CRM, each class in a database of its own with the server's defaults
// (utf8mb4_unicode_ci): the same tests the SQLite and PostgreSQL CRMs pass.

public sealed class MariaDbEngineTests : EngineTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.MariaDb;
    protected override string CrmConnectionString => _db.ConnectionString;

    private sealed class OnReport(Action<SyncProgress> act) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => act(value);
    }

    [Fact]
    public async Task A_connection_killed_by_the_server_in_the_middle_of_a_run_is_retried_and_the_run_completes()
    {
        Setup(60);
        await Run(Sectores());
        var line = Clientes();
        var retries = new List<string>();
        var reports = 0;
        var progress = new OnReport(_ =>
        {
            if (++reports != 3) return;
            // The server ends every other session on the CRM database, as a restart or a failover would.
            using var admin = _db.Open();
            foreach (var id in admin.Query<long>("SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()"))
                admin.Execute($"KILL {id}");
        });
        SyncRun? summary = null;
        var results = new List<RowResult>();
        await foreach (var r in Engine().RunAsync(line, new SyncOptions { OnRetry = retries.Add }, progress, s => summary = s, default)) results.Add(r);
        Assert.NotEmpty(retries);
        Assert.Contains("trying the batch again", retries[0]);
        Assert.Equal(60, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.Equal(("Succeeded", 60L, 0L), (summary!.Status.ToString(), summary.Inserted, summary.Failed));
        Assert.Equal(60, CrmRows().Count);
        Assert.Empty(await Run(line));
    }

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

/// <summary>The same suite with LOAD DATA LOCAL allowed: the staging table is loaded with MySqlBulkCopy.</summary>
public sealed class MariaDbLoadDataEngineTests : EngineTests
{
    private readonly MariaDbDatabase _db = new(loadData: true);
    protected override DbKind CrmProvider => DbKind.MariaDb;
    protected override string CrmConnectionString => _db.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

public sealed class MariaDbEverydayTests : EverydayTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.MariaDb;
    protected override string CrmConnectionString => _db.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

public sealed class MariaDbBadDataTests : BadDataTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.MariaDb;
    protected override string CrmConnectionString => _db.ConnectionString;
    protected override bool EnforcesTextLength => true;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

public sealed class MariaDbStatisticsLineTests : StatisticsLineTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.MariaDb;
    protected override string CrmConnectionString => _db.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

public sealed class MariaDbSalesStatisticsQueryTests : SalesStatisticsQueryTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind Kind => DbKind.MariaDb;
    protected override DbConnection Open() => _db.Open();
    public override void Dispose() => _db.Dispose();
}

public sealed class MariaDbDateShapeTests : DateShapeTests
{
    private readonly MariaDbDatabase _db = new();
    protected override DbKind CrmProvider => DbKind.MariaDb;
    protected override string CrmConnectionString => _db.ConnectionString;

    protected override string[] ExpectedRows =>
    [
        "E1 | 2000-02-29 date | 2000-02-29 00:00:00.000000 datetime | 2000-02-29 00:00:00.000000 timestamp | 2000-02-29 date",
        "E2 | 2000-02-29 date | 2000-02-29 10:20:30.000000 datetime | 2000-02-29 10:20:30.000000 timestamp | 2000-02-29 date",
        "E3 | 2000-03-01 date | 2000-02-29 23:59:59.250000 datetime | 2000-02-29 23:59:59.250000 timestamp | 2000-02-29 date",
    ];

    // The values as MariaDB prints them, with their column types: a timestamp stays a timestamp and a date a date.
    protected override List<string> Stored()
    {
        using var crm = Crm();
        string Typed(string column) =>
            $"CONCAT(CAST({column} AS CHAR), ' ', (SELECT data_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'evento' AND column_name = '{column}'))";
        return crm.Query<(string, string, string, string, string)>(
                $"SELECT codigo, {Typed("dia")}, {Typed("momento")}, {Typed("sello")}, {Typed("dia_de_momento")} FROM evento ORDER BY codigo")
            .Select(r => string.Join(" | ", r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)).ToList();
    }

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

public sealed class MariaDbCultureTests : CultureTests
{
    protected override DbKind CrmProvider => DbKind.MariaDb;

    protected override (string, IDisposable) NewCrm(TempDirectory dir)
    {
        if (string.IsNullOrEmpty(MariaDbDatabase.ServerConnectionString))
            throw new InvalidOperationException("OFISYNC_TEST_MARIADB is not set (./build.sh test sets it)");
        var db = new MariaDbDatabase();
        return (db.ConnectionString, db);
    }
}
