namespace OfiSync.Core.Engine;

/// <summary>
/// One run of one line: what Invoke-OfiSync -Summary gives when it ends, and what the history keeps (Get-SyncRun):
/// the sync it belongs to, the mode and status, when and where it ran, and the counts of rows.
/// </summary>
public sealed class SyncRun
{
    public long RunId { get; internal set; }
    /// <summary>The Invoke-OfiSync call the run belongs to (null for runs recorded before sync ids existed).</summary>
    public Guid? SyncId { get; init; }
    public Guid LineId { get; init; }
    public string Line { get; init; } = "";
    public RunMode Mode { get; init; }
    public RunStatus Status { get; internal set; }
    public DateTime Started { get; init; }
    public DateTime? Ended { get; internal set; }
    public long Read { get; internal set; }
    public long Inserted { get; internal set; }
    public long Updated { get; internal set; }
    public long Deleted { get; internal set; }
    /// <summary>Rows the source no longer has, flagged in the target (the line's delete policy Flag).</summary>
    public long Flagged { get; internal set; }
    public long Unchanged { get; internal set; }
    public long Failed { get; internal set; }
    public long Skipped { get; internal set; }
    public string? Message { get; internal set; }
    /// <summary>Which way this run's rows were written (plain bulk insert, upsert, fallback); not kept in the history.</summary>
    public OfiSync.Core.Engine.Writers.WritePaths WritePaths { get; } = new();
    /// <summary>The machine and the account that ran it.</summary>
    public string? Host { get; init; }
    public string? User { get; init; }
    /// <summary>How long it took, or has taken so far while it runs; unknown for a run whose process died.</summary>
    public TimeSpan? Duration => Ended is { } ended ? ended - Started : Status == RunStatus.Running ? DateTime.UtcNow - Started : null;
    public double RowsPerSecond => Duration is { TotalSeconds: > 0 } d ? Math.Round(Read / d.TotalSeconds, 1) : 0;
}
