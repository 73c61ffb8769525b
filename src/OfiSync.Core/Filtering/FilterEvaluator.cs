using System.Collections;

namespace OfiSync.Core.Filtering;

/// <summary>Runs a filter on one row in memory, with PowerShell's semantics (short-circuit -and / -or included).</summary>
internal static class FilterEvaluator
{
    public static bool Evaluate(FilterNode node, Func<string, object?> getValue, string text) => node switch
    {
        LogicalNode { IsAnd: true } n => Evaluate(n.Left, getValue, text) && Evaluate(n.Right, getValue, text),
        LogicalNode n => Evaluate(n.Left, getValue, text) || Evaluate(n.Right, getValue, text),
        NotNode n => !Evaluate(n.Operand, getValue, text),
        TruthNode n => PowerShellConvert.IsTrue(Value(n.Operand, getValue, text)),
        ComparisonNode n => Compare(n, getValue, text),
        _ => throw new ArgumentException(node.GetType().Name, nameof(node)),
    };

    private static bool Compare(ComparisonNode node, Func<string, object?> getValue, string text)
    {
        var left = Value(node.Left, getValue, text);
        var right = Value(node.Right, getValue, text);
        try
        {
            return PowerShellOperators.Compare(node.Operator, left, right, node.CaseSensitive);
        }
        catch (PowerShellOperators.ComparisonFailure e)
        {
            throw new FilterException(e.Message, text, node.Position);
        }
        catch (FormatException)
        {
            // Only a pattern read from a row can get here: literal patterns are checked when parsing.
            throw new FilterException(Messages.FilterInvalidWildcard(PowerShellConvert.ToText(right)), text, node.Right.Position);
        }
    }

    private static object? Value(FilterOperand operand, Func<string, object?> getValue, string text) => operand switch
    {
        PropertyOperand p => RowValue(p, getValue, text),
        ValueOperand v => v.Value,
        ListOperand l => l.Values,
        _ => throw new ArgumentException(operand.GetType().Name, nameof(operand)),
    };

    private static object? RowValue(PropertyOperand property, Func<string, object?> getValue, string text)
    {
        var value = PowerShellConvert.Normalize(getValue(property.Name));
        if (value is IEnumerable and not string)
            throw new FilterException(Messages.FilterValueNotComparable(value.GetType().FullName!), text, property.Position);
        return value;
    }
}
