using System.Management.Automation;
using OfiSync.Core.Filtering;

namespace OfiSync.PowerShell.Support;

/// <summary>A -Filter in Where-Object syntax applied to OfiSync's own objects (lines, runs), with the engine's evaluator.</summary>
internal static class ObjectFilter
{
    public static Func<T, bool> Create<T>(PSCmdlet cmdlet, object filter)
    {
        var text = FilterArgument.ToStoredText(cmdlet, filter) ?? throw new ArgumentException(Core.Messages.FilterArgumentEmpty);
        // The text is canonical: its variables were read already.
        var properties = typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        FilterExpression expression;
        try
        {
            expression = FilterExpression.Parse(text);
            expression.Validate(properties.Keys);
        }
        catch (FilterException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
        return item => expression.Evaluate(name => properties.TryGetValue(name, out var p) ? Plain(p.GetValue(item)) : null);
    }

    /// <summary>Lists compare as their text, as PowerShell would show them; enums as their names.</summary>
    private static object? Plain(object? value) => value switch
    {
        Enum e => e.ToString(),
        System.Collections.IList list when value is not string => string.Join(", ", list.Cast<object?>()),
        _ => value,
    };
}
