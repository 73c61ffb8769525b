namespace OfiSync.Core.Engine;

/// <summary>A line cannot run at all (its tables, filter or connections are wrong); nothing was written.</summary>
public sealed class SyncLineException : Exception
{
    public string Line { get; }

    public SyncLineException(string line, string message, Exception? inner = null) : base(message, inner) => Line = line;
}
