namespace OfiSync.Core.Engine;

public enum RowAction
{
    Insert,
    Update,
    Delete,
    Unchanged,
    /// <summary>The source no longer has the row and the line's delete policy is Flag: one target column is set to the flag value.</summary>
    Flag,
}

/// <summary>The legend of a run's result: what happened to each row.</summary>
public enum RowStatus
{
    Succeeded,
    Failed,
    Skipped,
}

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
    /// <summary>The CRM's id of the row (the line's TargetId column), when known.</summary>
    public string? TargetKey { get; init; }

    public override string ToString() => $"{Line} {Key}: {Action} {Status}{(Error is null ? "" : " - " + Error)}";
}

/// <summary>One object per line and run: the counts, the time it took and how fast.</summary>
public sealed class LineSummary
{
    public long RunId { get; init; }
    /// <summary>The Invoke-OfiSync call this run belongs to: every line one call runs shares it.</summary>
    public Guid? SyncId { get; init; }
    public string Line { get; init; } = "";
    public string Mode { get; init; } = "";
    public string Status { get; set; } = "";
    public long Read { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Deleted { get; set; }
    /// <summary>Rows the source no longer has, flagged in the target (the line's delete policy Flag).</summary>
    public long Flagged { get; set; }
    public long Unchanged { get; set; }
    public long Failed { get; set; }
    public long Skipped { get; set; }
    public DateTime Started { get; init; }
    public DateTime? Ended { get; set; }
    public string? Message { get; set; }
    public TimeSpan Duration => (Ended ?? DateTime.UtcNow) - Started;
    public double RowsPerSecond => Duration.TotalSeconds > 0 ? Math.Round(Read / Duration.TotalSeconds, 1) : 0;
}

/// <summary>A row that a run would change, as the preview shows it.</summary>
public sealed class PreviewRow
{
    public string Line { get; init; } = "";
    public string Key { get; init; } = "";
    public RowAction Action { get; init; }
    /// <summary>The mapped target values, in the line's column order.</summary>
    public IReadOnlyList<string> Columns { get; init; } = Array.Empty<string>();
    public object?[] Values { get; init; } = Array.Empty<object?>();
    /// <summary>For updates: the columns whose target value differs, with old and new values.</summary>
    public IReadOnlyList<ColumnChange> Changes { get; init; } = Array.Empty<ColumnChange>();
    /// <summary>Why the row cannot be written (a lookup without match, a value that does not fit), when it cannot.</summary>
    public string? Error { get; init; }
}

public sealed record ColumnChange(string Column, object? Old, object? New)
{
    public override string ToString() => $"{Column}: {Show(Old)} -> {Show(New)}";
    private static string Show(object? v) => v is null ? "NULL" : "'" + RowKey.Text(v) + "'";
}

/// <summary>Where a line is while it runs: for Write-Progress.</summary>
public sealed record SyncProgress(string Line, long Done, long? Total, double RowsPerSecond, string Phase);
