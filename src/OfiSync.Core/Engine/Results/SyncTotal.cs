namespace OfiSync.Core.Engine;

/// <summary>
/// One Invoke-OfiSync call as a whole (what -Summary gives after the lines' summaries): how many lines ran and how
/// they ended, and the rows of all of them added up.
/// </summary>
public sealed class SyncTotal
{
    public Guid SyncId { get; init; }
    /// <summary>Lines asked for in this sync (those left out for a missing password or a failed dependency included).</summary>
    public int Lines { get; init; }
    public int Succeeded { get; init; }
    public int CompletedWithErrors { get; init; }
    /// <summary>Lines that failed or were stopped.</summary>
    public int Failed { get; init; }
    /// <summary>Lines that did not run: another run held them (locked), a line they depend on failed, a password was missing.</summary>
    public int NotRun { get; init; }
    public long Read { get; init; }
    public long Inserted { get; init; }
    public long Updated { get; init; }
    public long Deleted { get; init; }
    public long Flagged { get; init; }
    public long Unchanged { get; init; }
    public long FailedRows { get; init; }
    public DateTime Started { get; init; }
    public DateTime Ended { get; init; }
    public TimeSpan Duration => Ended - Started;
    public double RowsPerSecond => Duration.TotalSeconds > 0 ? Math.Round(Read / Duration.TotalSeconds, 1) : 0;

    public static SyncTotal Of(Guid syncId, int lines, IReadOnlyCollection<SyncRun> runs, DateTime started, DateTime ended) => new()
    {
        SyncId = syncId, Lines = lines, Started = started, Ended = ended,
        Succeeded = runs.Count(r => r.Status == RunStatus.Succeeded),
        CompletedWithErrors = runs.Count(r => r.Status == RunStatus.CompletedWithErrors),
        Failed = runs.Count(r => r.Status is RunStatus.Failed or RunStatus.Stopped or RunStatus.Running),
        NotRun = lines - runs.Count,
        Read = runs.Sum(r => r.Read), Inserted = runs.Sum(r => r.Inserted), Updated = runs.Sum(r => r.Updated),
        Deleted = runs.Sum(r => r.Deleted), Flagged = runs.Sum(r => r.Flagged), Unchanged = runs.Sum(r => r.Unchanged),
        FailedRows = runs.Sum(r => r.Failed),
    };
}
