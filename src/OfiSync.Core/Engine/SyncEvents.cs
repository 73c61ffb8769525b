using OfiSync.Core.Lines;

namespace OfiSync.Core.Engine;

/// <summary>What a <see cref="SyncSet"/> tells its caller, in the order it happens for each line.</summary>
public abstract record SyncEvent(SyncLine Line, int Index);

/// <summary>A line took its lock or is about to: <see cref="SyncEvent.Index"/> is its place in the set (one progress bar each).</summary>
public sealed record LineStarted(SyncLine Line, int Index) : SyncEvent(Line, Index);

/// <summary>One row the line acted on, once its batch was committed.</summary>
public sealed record LineRow(SyncLine Line, int Index, RowResult Result) : SyncEvent(Line, Index);

/// <summary>
/// The line ended: <see cref="Run"/> as it was recorded (null when it could not start), and <see cref="Error"/> when it
/// could not run or complete (a <see cref="LineLockedException"/> when another run held it).
/// </summary>
public sealed record LineEnded(SyncLine Line, int Index, SyncRun? Run, Exception? Error) : SyncEvent(Line, Index);

/// <summary>The line was not run: <see cref="BlockedBy"/>, a line it depends on, failed or was not run.</summary>
public sealed record LineBlocked(SyncLine Line, int Index, string BlockedBy) : SyncEvent(Line, Index);
