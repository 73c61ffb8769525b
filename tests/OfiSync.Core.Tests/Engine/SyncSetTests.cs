using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>The scheduler of one sync: dependencies, a line held by another run, lines sharing a target table.</summary>
public sealed class SyncSetTests : EngineTestBed
{
    protected override DbKind CrmProvider => DbKind.Sqlite;
    protected override string CrmConnectionString => "Data Source=" + Dir.File("crm.db") + ";Foreign Keys=True";

    private async Task<List<SyncEvent>> RunSet(IReadOnlyList<SyncLine> lines, int limit, SyncOptions? options = null)
    {
        var set = new SyncSet(Engine(), lines.Select(l => new SyncWork(l)).ToList(), Array.Empty<string>(), limit, _ => options ?? new SyncOptions());
        var running = set.RunAsync(default);
        var events = new List<SyncEvent>();
        await foreach (var e in set.Events.ReadAllAsync()) events.Add(e);
        await running;
        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_line_starts_after_the_line_it_depends_on_ended_and_every_row_comes_out(int limit)
    {
        Setup(20);
        var events = await RunSet(new[] { Sectores(), Clientes() }, limit);
        var clientesStarted = events.FindIndex(e => e is LineStarted { Line.Name: "Clientes" });
        var sectoresEnded = events.FindIndex(e => e is LineEnded { Line.Name: "Sectores" });
        Assert.True(sectoresEnded >= 0 && clientesStarted > sectoresEnded);
        Assert.Equal(20, events.OfType<LineRow>().Count(r => r.Line.Name == "Clientes"));
        var ends = events.OfType<LineEnded>().ToList();
        Assert.Equal(2, ends.Count);
        Assert.All(ends, e => Assert.Equal(RunStatus.Succeeded, e.Run!.Status));
        Assert.True(ends[1].Run!.Started >= ends[0].Run!.Ended);
        Assert.Equal(20, CrmRows().Count);
    }

    [Fact]
    public async Task A_line_held_by_another_run_is_skipped_as_locked_and_its_dependants_are_blocked()
    {
        Setup(5);
        var sectores = Sectores();
        var clientes = Clientes();
        await using var held = await Store.TryLockLineAsync(sectores.Id, TimeSpan.Zero, default);
        Assert.NotNull(held);
        var events = await RunSet(new[] { sectores, clientes }, 4, new SyncOptions { LockTimeout = TimeSpan.Zero });
        var ended = Assert.Single(events.OfType<LineEnded>());
        Assert.IsType<LineLockedException>(ended.Error);
        Assert.Null(ended.Run);
        var blocked = Assert.Single(events.OfType<LineBlocked>());
        Assert.Equal(("Clientes", "Sectores"), (blocked.Line.Name, blocked.BlockedBy));
        Assert.Empty(CrmRows());
    }

    [Fact]
    public async Task Two_lines_writing_the_same_target_table_never_run_at_once()
    {
        Setup(30);
        var sectores = Sectores();
        var clientes = Clientes(l => l.DependsOn.Clear());
        var again = Clientes(l => { l.Name = "ClientesBis"; l.DependsOn.Clear(); });
        var events = await RunSet(new[] { sectores, clientes, again }, 4, new SyncOptions { All = true });
        var runs = events.OfType<LineEnded>().Select(e => e.Run!).ToDictionary(r => r.Line);
        Assert.Equal(3, runs.Count);
        var (a, b) = (runs["Clientes"], runs["ClientesBis"]);
        Assert.True(a.Ended <= b.Started || b.Ended <= a.Started);
    }
}
