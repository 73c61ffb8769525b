namespace OfiSync.Core;

/// <summary>Every user-facing message of OfiSync, in one place (one partial file per concern: Messages.*.cs).</summary>
public static partial class Messages
{
    public const string IdentifierHasNul = "An identifier cannot contain a NUL character.";
    public const string UnreadableConnectionString = "(a connection string that could not be read)";
}
