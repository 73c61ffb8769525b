using System.Management.Automation;

namespace OfiSync.PowerShell.Support;

/// <summary>Turns a -Filter argument (a scriptblock or a string in Where-Object syntax) into the text the engine reads.</summary>
internal static class FilterArgument
{
    public static string? ToStoredText(PSCmdlet cmdlet, object? filter)
    {
        var text = MapParser.Unwrap(filter) switch
        {
            null => null,
            ScriptBlock block => block.ToString(),
            string s => s,
            var other => throw new ArgumentException(Core.Messages.FilterArgumentType(other.GetType().Name)),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
