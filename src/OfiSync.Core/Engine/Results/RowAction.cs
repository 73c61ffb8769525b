namespace OfiSync.Core.Engine;

/// <summary>What a run does, or would do, with one row.</summary>
public enum RowAction
{
    Insert,
    Update,
    Delete,
    Unchanged,
    /// <summary>The source no longer has the row and the line's delete policy is Flag: one target column is set to the flag value.</summary>
    Flag,
}
