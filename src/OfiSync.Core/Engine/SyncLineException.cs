namespace OfiSync.Core.Engine;

/// <summary>A line cannot run at all (its tables, filter or connections are wrong); nothing was written.</summary>
public class SyncLineException : Exception
{
    public string Line { get; }

    public SyncLineException(string line, string message, Exception? inner = null) : base(message, inner) => Line = line;
}

/// <summary>Another run of the line holds its lock (in this process, another one, or another machine sharing the store): the line was skipped, nothing written.</summary>
public sealed class LineLockedException : SyncLineException
{
    public LineLockedException(string line, string message) : base(line, message) { }
}
