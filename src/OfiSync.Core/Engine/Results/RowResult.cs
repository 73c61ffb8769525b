namespace OfiSync.Core.Engine;

/// <summary>The result of one row acted on by a run.</summary>
public sealed class RowResult
{
    public long RunId { get; init; }
    public string Line { get; init; } = "";
    public string Key { get; init; } = "";
    public RowAction Action { get; init; }
    public RowStatus Status { get; init; }
    public string? Error { get; init; }
    /// <summary>The target column the error is about, when the data is at fault.</summary>
    public string? Column { get; init; }
    /// <summary>The CRM's id of the row (the value of the line's TargetId column), when known.</summary>
    public string? TargetId { get; init; }

    public override string ToString() => $"{Line} {Key}: {Action} {Status}{(Error is null ? "" : " - " + Error)}";
}
