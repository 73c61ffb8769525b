namespace OfiSync.Core;

/// <summary>Every user-facing message of OfiSync, in one place (one partial file per concern: Messages.*.cs).</summary>
public static partial class Messages
{
    public static string IdentifierHasNul => Text.Get(nameof(IdentifierHasNul));
    public static string UnreadableConnectionString => Text.Get(nameof(UnreadableConnectionString));
}
