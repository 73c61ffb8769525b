namespace OfiSync.Core.Engine;

/// <summary>The legend of a run's result: what happened to each row.</summary>
public enum RowStatus
{
    Succeeded,
    Failed,
    Skipped,
}
