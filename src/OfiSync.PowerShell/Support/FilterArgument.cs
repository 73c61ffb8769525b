using System.Management.Automation;
using OfiSync.Core.Filtering;

namespace OfiSync.PowerShell.Support;

/// <summary>Turns a -Filter argument (a scriptblock or a string in Where-Object syntax) into the text the engine reads.</summary>
internal static class FilterArgument
{
    /// <summary>
    /// The filter as canonical, self-contained text: parsed and checked here, on the pipeline thread, with the
    /// caller's variables already replaced by their values. Throws ArgumentException with the parser's message.
    /// </summary>
    public static string? ToStoredText(PSCmdlet cmdlet, object? filter)
    {
        var text = RawText(filter);
        if (text is null) return null;
        try
        {
            return FilterExpression.Parse(text, name => ReadVariable(cmdlet, name)).ToString();
        }
        catch (FilterException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
    }

    private static string? RawText(object? filter)
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

    /// <summary>
    /// A variable named in a filter, read from the caller's scope; $env:NAME is read from the environment as
    /// PowerShell reads it (through its Env: drive), and one that is not set counts as not defined.
    /// </summary>
    public static object? ReadVariable(PSCmdlet cmdlet, string name)
    {
        object? value;
        if (name.StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            value = cmdlet.SessionState.PSVariable.GetValue(name);
            if (value is null) return FilterExpression.NoSuchVariable;
        }
        else
        {
            var variable = cmdlet.SessionState.PSVariable.Get(name);
            if (variable is null) return FilterExpression.NoSuchVariable;
            value = variable.Value;
        }
        value = MapParser.Unwrap(value);
        return value is object[] array ? array.Select(MapParser.Unwrap).ToArray() : value;
    }
}
