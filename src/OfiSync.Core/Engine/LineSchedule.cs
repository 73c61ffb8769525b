using OfiSync.Core.Lines;

namespace OfiSync.Core.Engine;

/// <summary>What one Invoke-OfiSync call does with one line: run it, or apply rows picked from its preview with the columns they kept.</summary>
public sealed record SyncWork(SyncLine Line, IReadOnlyList<SelectedRow>? Rows = null, IReadOnlyList<string>? Columns = null);

/// <summary>
/// The lines of one sync in dependency order (the order they come in), each released only when no line it depends on
/// failed: a line whose dependency failed is not run, and counts as failed for the lines that depend on it in turn.
/// </summary>
public sealed class LineSchedule
{
    private readonly IReadOnlyList<SyncWork> _work;
    private readonly HashSet<string> _failed;

    /// <param name="work">In the order they run: every line after the lines it depends on.</param>
    /// <param name="failed">Lines that will not run, whose dependants must not run either (a missing password).</param>
    public LineSchedule(IReadOnlyList<SyncWork> work, IEnumerable<string>? failed = null)
    {
        _work = work;
        _failed = new HashSet<string>(failed ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Each piece of work, with the failed line it depends on (it is then not to be run), or null.</summary>
    public IEnumerable<(SyncWork Work, string? BlockedBy)> Items()
    {
        foreach (var work in _work)
        {
            if (_failed.Contains(work.Line.Name)) continue;
            var blocker = work.Line.DependsOn.FirstOrDefault(_failed.Contains);
            if (blocker is not null) _failed.Add(work.Line.Name);
            yield return (work, blocker);
        }
    }

    /// <summary>The line could not complete: the lines that depend on it are blocked.</summary>
    public void Failed(SyncLine line) => _failed.Add(line.Name);

    /// <summary>Whether a run that ended so lets the lines that depend on it run.</summary>
    public static bool Completed(SyncRun? run) => run?.Status is RunStatus.Succeeded or RunStatus.CompletedWithErrors;
}
