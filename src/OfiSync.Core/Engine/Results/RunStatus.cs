namespace OfiSync.Core.Engine;

/// <summary>Where a run of a line is, or how it ended.</summary>
public enum RunStatus
{
    /// <summary>Not ended yet (or its process died: the next run of the line marks it Stopped).</summary>
    Running,
    /// <summary>Every row it acted on went through.</summary>
    Succeeded,
    /// <summary>It went to its end, and some rows failed.</summary>
    CompletedWithErrors,
    /// <summary>The line could not complete (a database gone, a table changed, the delete cap); Message says why.</summary>
    Failed,
    /// <summary>-MaxErrors was reached, or the command was stopped: committed batches stay.</summary>
    Stopped,
}

/// <summary>How a run chose its rows.</summary>
public enum RunMode
{
    /// <summary>An ordinary run: new and changed rows.</summary>
    Incremental,
    /// <summary>"Sincronizar todo": every row again, as upserts.</summary>
    All,
    /// <summary>Rows picked from a preview, applied as previewed.</summary>
    Selected,
}
