using OfiSync.Core.Lines;

namespace OfiSync.Core.Engine;

/// <summary>What a run of a line would do, counted before it runs: what the confirmation asks about.</summary>
public sealed record SyncPlan(string Line, string Target, long Inserts, long Updates, long Deletes, long Flags, string? FlagColumn, object? FlagValue)
{
    /// <summary>The rows the source gave: the run will read as many, which its progress counts against.</summary>
    public long? Read { get; init; }

    /// <summary>The counts of a line, the rows gone from the source counted as deletes or flags by the line's delete policy.</summary>
    public static SyncPlan For(SyncLine line, string target, long inserts, long updates, long gone) => line.DeletePolicy == DeletePolicy.Flag
        ? new SyncPlan(line.Name, target, inserts, updates, 0, gone, line.FlagColumn, line.FlagValue)
        : new SyncPlan(line.Name, target, inserts, updates, gone, 0, null, null);

    public override string ToString() => Messages.PlanText(this);
}
