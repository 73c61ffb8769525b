using OfiSync.Core.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Engine;
using OfiSync.Core.Providers;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// A SQLite CRM that another program holds locked (a write transaction left open): a passing fault, waited for in
/// short attempts with a warning each, bounded, and a clear error naming the line, the connection and the file.
/// </summary>
public sealed class LockedTargetTests : EngineTestBed
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    private string CrmFile => Dir.File("crm.db");
    protected override string CrmConnectionString => "Data Source=" + CrmFile;

    private readonly ConcurrentQueue<string> _warnings = new();
    private SyncOptions Options(int retries = 5) => new() { Retries = retries, OnRetry = _warnings.Enqueue };

    /// <summary>Another program's connection holding a write transaction on the CRM until the returned task releases it.</summary>
    private Task Hold(string begin, TimeSpan howLong)
    {
        var holder = new SqliteConnection($"Data Source={CrmFile};Pooling=false");
        holder.Open();
        holder.Execute(begin);
        holder.Execute("INSERT INTO sector (codigo_origen, descripcion) VALUES ('ZZZ', 'held')");
        return Task.Run(async () =>
        {
            await Task.Delay(howLong);
            holder.Execute("ROLLBACK");
            holder.Dispose();
        });
    }

    [Theory]
    [InlineData("BEGIN IMMEDIATE")]  // the writes wait: another writer holds the database
    [InlineData("BEGIN EXCLUSIVE")]  // even reading the target's tables waits
    public async Task A_target_locked_for_a_few_seconds_is_waited_for_with_warnings_and_the_run_completes(string begin)
    {
        Setup(10);
        var line = Sectores();
        var released = Hold(begin, TimeSpan.FromSeconds(4));
        SyncRun? summary = null;
        var results = new List<RowResult>();
        await foreach (var r in Engine().RunAsync(line, Options(), null, s => summary = s, default)) results.Add(r);
        await released;
        Assert.Equal("Succeeded", summary!.Status.ToString());
        Assert.Equal(3, results.Count(r => r.Status == RowStatus.Succeeded));
        Assert.NotEmpty(_warnings);
        Assert.All(_warnings, w => Assert.Contains($"Line 'Sectores'", w));
        Assert.Contains(_warnings, w => w.Contains("'CRM'") && w.Contains(CrmFile) && w.Contains("locked"));
        Assert.Equal(3, CrmRows("SELECT * FROM sector").Count);
    }

    [Fact]
    public async Task A_target_that_stays_locked_fails_the_line_naming_it_the_connection_and_the_file_within_a_bounded_time()
    {
        Setup(10);
        var line = Sectores();
        var holder = new SqliteConnection($"Data Source={CrmFile};Pooling=false");
        holder.Open();
        holder.Execute("BEGIN IMMEDIATE; INSERT INTO sector (codigo_origen, descripcion) VALUES ('ZZZ', 'held')");
        try
        {
            SyncRun? summary = null;
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<SyncLineException>(async () =>
            {
                await foreach (var _ in Engine().RunAsync(line, Options(retries: 2), null, s => summary = s, default)) { }
            });
            watch.Stop();
            foreach (var part in new[] { "Line 'Sectores'", "'CRM'", CrmFile, "locked by another program", "3 attempts", "run the line again" })
                Assert.Contains(part, ex.Message);
            // Three attempts of a couple of seconds each, with 0.5 s and 1 s between them: never the driver's 30 s or 300 s.
            Assert.InRange(watch.Elapsed.TotalSeconds, 3, 15);
            Assert.Equal(2, _warnings.Count);
            Assert.Equal("Failed", summary!.Status.ToString());
            Assert.Equal(ex.Message, Store.GetRuns(line.Name).First().Message);
        }
        finally
        {
            holder.Execute("ROLLBACK");
            holder.Dispose();
        }
        Assert.Empty(CrmRows("SELECT * FROM sector"));
    }
}
