using System.Diagnostics;

namespace OfiSync.Core.Engine;

/// <summary>What one batch did to a run's counts: the difference between the summary after it and before it.</summary>
internal readonly record struct BatchCounts(long Inserted, long Updated, long Deleted, long Flagged, long Unchanged, long Failed, long Skipped)
{
    public static BatchCounts Of(SyncRun s) => new(s.Inserted, s.Updated, s.Deleted, s.Flagged, s.Unchanged, s.Failed, s.Skipped);

    public static BatchCounts operator -(BatchCounts a, BatchCounts b) => new(a.Inserted - b.Inserted, a.Updated - b.Updated,
        a.Deleted - b.Deleted, a.Flagged - b.Flagged, a.Unchanged - b.Unchanged, a.Failed - b.Failed, a.Skipped - b.Skipped);
}

/// <summary>Where a batch's time went: reading and planning it, writing it into the target, committing it to the store.</summary>
internal sealed class BatchTiming
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last;

    public TimeSpan Read { get; set; }
    public TimeSpan Write { get; set; }
    public TimeSpan Store { get; set; }

    /// <summary>The time since the previous lap (or the start).</summary>
    public TimeSpan Lap()
    {
        var now = _watch.Elapsed;
        var lap = now - _last;
        _last = now;
        return lap;
    }
}
