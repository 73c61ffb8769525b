namespace OfiSync.Core.Engine;

/// <summary>A batch of the plan: its rows compared with the state, and the change column's mark it allows once committed.</summary>
internal sealed class PlanBatch : List<PlannedRow>
{
    public PlanBatch(int capacity) : base(capacity) { }

    /// <summary>
    /// The high-water mark the line may keep once this batch and every one before it are committed: every row with a
    /// lower change value has been read by then. Null when the batch allows none (a read in key order, until its end).
    /// </summary>
    public string? Mark { get; init; }
}
