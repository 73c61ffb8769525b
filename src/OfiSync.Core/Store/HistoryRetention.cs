namespace OfiSync.Core.Store;

/// <summary>
/// How much run history a store keeps per line: runs started within <see cref="Days"/> days, and at most the newest
/// <see cref="Runs"/> runs; a run outside either limit is pruned with its row history. 0 keeps forever in that
/// dimension. The newest run of a line and a run still running are always kept, and the sync state is never touched.
/// </summary>
public sealed record HistoryRetention(int Days, int Runs)
{
    public const int DefaultDays = 90;
    public const int DefaultRuns = 100;

    /// <summary>What a store keeps when its meta table says nothing: 90 days and 100 runs per line.</summary>
    public static HistoryRetention Default { get; } = new(DefaultDays, DefaultRuns);

    /// <summary>Whether either limit applies (both 0: everything is kept).</summary>
    public bool Limits => Days > 0 || Runs > 0;
}

/// <summary>Which runs of a line to remove: by age, by count, and whether a run goes when it fails either limit or both.</summary>
public sealed record RunPruning(DateTime? Before, int? KeepLast, bool EitherLimit)
{
    /// <summary>The store's retention as a pruning: a run older than the days OR beyond the newest runs goes.</summary>
    public static RunPruning From(HistoryRetention retention, DateTime now) => new(
        retention.Days > 0 ? now.AddDays(-retention.Days) : null, retention.Runs > 0 ? retention.Runs : null, EitherLimit: true);

    public bool Limits => Before is not null || KeepLast is not null;
}

/// <summary>The runs of one line that were (or, for -WhatIf, would be) removed, with their row history.</summary>
public sealed class RunRemoval
{
    public string Line { get; init; } = "";
    public Guid LineId { get; init; }
    public long Runs { get; set; }
    public long HistoryRows { get; set; }
    public DateTime? OldestStarted { get; init; }
    public DateTime? NewestStarted { get; init; }
    /// <summary>The newest run of the line, and the run id at or below which runs go by count (0: none by count).</summary>
    internal long Newest { get; init; }
    internal long CountCut { get; init; }
    internal RunPruning Pruning { get; init; } = new(null, null, true);
}

/// <summary>What Get-SyncStore shows: where the store is, its schema, its retention and how much it holds.</summary>
public sealed class StoreSummary
{
    public string Location { get; init; } = "";
    public string Provider { get; init; } = "";
    public int SchemaVersion { get; init; }
    /// <summary>0: runs are kept whatever their age.</summary>
    public int HistoryDays { get; init; }
    /// <summary>0: every run of a line is kept.</summary>
    public int HistoryRuns { get; init; }
    public long Lines { get; init; }
    public long Connections { get; init; }
    public long Runs { get; init; }
    public long HistoryRows { get; init; }
    public long StateRows { get; init; }
    /// <summary>The bytes the store's tables take, where the database tells it cheaply; null otherwise.</summary>
    public long? SizeBytes { get; init; }
    public DateTime? OldestRun { get; init; }
}
