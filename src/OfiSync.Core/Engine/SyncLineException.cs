namespace OfiSync.Core.Engine;

/// <summary>A line cannot run at all (its tables, filter or connections are wrong); nothing was written.</summary>
public class SyncLineException : Exception
{
    public string Line { get; }

    /// <summary>The message in English, as the run history keeps it (the same as Message for a database's own text).</summary>
    public string StoredMessage { get; }

    public SyncLineException(string line, string message, Exception? inner = null, string? storedMessage = null) : base(message, inner)
    {
        Line = line;
        StoredMessage = storedMessage ?? message;
    }

    /// <summary>An error of OfiSync's own: shown in the UI culture, stored in English.</summary>
    public static SyncLineException Of(string line, Func<string> message, Exception? inner = null) =>
        new(line, message(), inner, Messages.InEnglish(message));
}

/// <summary>Another run of the line holds its lock (in this process, another one, or another machine sharing the store): the line was skipped, nothing written.</summary>
public sealed class LineLockedException : SyncLineException
{
    public LineLockedException(string line, string message, string? storedMessage = null) : base(line, message, null, storedMessage) { }
}
