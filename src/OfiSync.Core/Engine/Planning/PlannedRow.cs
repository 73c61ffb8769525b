namespace OfiSync.Core.Engine;

/// <summary>A mapped row compared with the stored state: what a run would do with it.</summary>
internal sealed class PlannedRow
{
    public MappedRow Row { get; init; } = null!;
    public RowAction Action { get; init; }
    public byte[]? Hash { get; init; }
    public string? Error { get; init; }
    public string? ErrorColumn { get; init; }
    /// <summary>Why the row waits for a later run (reported as Skipped), without being at fault.</summary>
    public string? Skip { get; init; }
    /// <summary>The CRM id the state already knows.</summary>
    public string? TargetId { get; init; }
}
