namespace OfiSync.Core.Engine;

/// <summary>A row that a run would change, as the preview shows it.</summary>
public sealed class PreviewRow
{
    public string Line { get; init; } = "";
    public string Key { get; init; } = "";
    public RowAction Action { get; init; }
    /// <summary>The target columns the run would write, in the target table's order.</summary>
    public IReadOnlyList<string> Columns { get; init; } = Array.Empty<string>();
    public object?[] Values { get; init; } = Array.Empty<object?>();
    /// <summary>For updates and flags: the columns whose target value differs, with old and new values.</summary>
    public IReadOnlyList<ColumnChange> Changes { get; init; } = Array.Empty<ColumnChange>();
    /// <summary>Why the row cannot be written (a lookup without match, a value that does not fit), when it cannot.</summary>
    public string? Error { get; init; }
}

/// <summary>A column whose target value a run would change.</summary>
public sealed record ColumnChange(string Column, object? Old, object? New)
{
    public override string ToString() => $"{Column}: {Show(Old)} -> {Show(New)}";
    private static string Show(object? v) => v is null ? "NULL" : "'" + RowKey.Text(v) + "'";
}

/// <summary>Where a line is while it runs: for Write-Progress.</summary>
public sealed record SyncProgress(string Line, long Done, long? Total, double RowsPerSecond, string Phase);
