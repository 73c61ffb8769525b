namespace OfiSync.Core.Engine;

/// <summary>A line cannot run at all (its tables, filter or connections are wrong); nothing was written.</summary>
public sealed class SyncLineException : Exception
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
