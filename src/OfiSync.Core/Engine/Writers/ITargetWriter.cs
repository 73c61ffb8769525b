using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine.Writers;

/// <summary>A row to write: its source key, and its values for the writer's columns (already converted).</summary>
public sealed record WriteRow(string SourceKey, object?[] Values)
{
    /// <summary>The state knows no such key: the row is most likely not in the target yet, so an INSERT is tried first.</summary>
    public bool LikelyNew { get; init; }
}

/// <summary>What happened to one row of a batch.</summary>
public sealed record WriteOutcome(bool Succeeded, string? TargetId = null, string? Error = null, string? Column = null)
{
    public static readonly WriteOutcome Ok = new(true);
}

/// <summary>
/// Writes batches into one target table through the database's bulk path, as upserts by the line's key.
/// A batch that fails is split, so that only the rows at fault fail.
/// </summary>
public interface ITargetWriter : IAsyncDisposable
{
    /// <summary>The columns written, in the order of <see cref="WriteRow.Values"/>; the key columns are among them.</summary>
    IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>Which way the rows written so far went (plain insert, upsert, fallback).</summary>
    WritePaths Paths { get; }

    Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel);

    /// <summary>Deletes the rows, or flags them (sets one column) when the line's policy is Flag. Values hold the key columns only.</summary>
    Task<WriteOutcome[]> DeleteAsync(IReadOnlyList<WriteRow> keys, DeletePolicy policy, ColumnInfo? flagColumn, object? flagValue, CancellationToken cancel);

    /// <summary>The current target values of the rows that exist, by source key (for the preview's old values).</summary>
    Task<Dictionary<string, object?[]>> ReadCurrentAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel);

    /// <summary>The current value of one target column for the rows that exist, by source key. Values hold the key columns only.</summary>
    Task<Dictionary<string, object?>> ReadColumnAsync(IReadOnlyList<WriteRow> keys, string column, CancellationToken cancel);

    Task<long> CountAsync(CancellationToken cancel);
}
