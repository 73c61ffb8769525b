namespace OfiSync.Core.Engine;

/// <summary>How a preview or a run goes.</summary>
public sealed record SyncOptions
{
    /// <summary>"Sincronizar todo": ignore the stored state and write every row again, as an upsert.</summary>
    public bool All { get; init; }
    /// <summary>A filter for this run in Where-Object syntax, combined with the line's own by -and.</summary>
    public string? Filter { get; init; }
    /// <summary>Variables a filter names, read from the caller's scope.</summary>
    public Func<string, object?>? FilterVariables { get; init; }
    /// <summary>Target columns not to write this time.</summary>
    public IReadOnlyCollection<string> ExcludeColumns { get; init; } = Array.Empty<string>();
    /// <summary>Preview only: also list rows that would not change.</summary>
    public bool IncludeUnchanged { get; init; }
    /// <summary>Stop a line after this many failed rows (0: no limit).</summary>
    public int MaxErrors { get; init; }
    /// <summary>
    /// Stop a line after the batch that holds its first failed row (the caller stops at the first error, as -ErrorAction
    /// Stop does; lines run ahead of the pipeline, so the engine must stop itself).
    /// </summary>
    public bool StopAtFirstFailure { get; init; }
    /// <summary>A run refuses to delete more than this share of a line's target rows unless <see cref="Force"/>.</summary>
    public double DeleteCapPercent { get; init; } = 10;
    public bool Force { get; init; }
    /// <summary>Sales statistics: the day the figures are computed for (today when not given), so a run can be repeated.</summary>
    public DateTime? AsOf { get; init; }
    /// <summary>How long a run waits for another run of the same line (in this or another process) to end.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How many times a batch is tried again, on a new connection, after a passing fault (a lost connection, a restarted server).</summary>
    public int Retries { get; init; } = 5;
    /// <summary>Told of each retry, with a message saying what happened (it may be called from another thread).</summary>
    public Action<string>? OnRetry { get; init; }
    /// <summary>Told of something the user should know that does not stop the run (it may be called from another thread).</summary>
    public Action<string>? OnWarning { get; init; }
    /// <summary>Told what the run does, batch by batch, for -Verbose (it may be called from another thread).</summary>
    public Action<string>? OnVerbose { get; init; }
    /// <summary>How many rows the run should read, when a count was made before it (the confirmation's): progress counts against it.</summary>
    public long? ExpectedRows { get; init; }
    /// <summary>The Invoke-OfiSync call the run belongs to: every run of one call records the same id.</summary>
    public Guid? SyncId { get; init; }
}
