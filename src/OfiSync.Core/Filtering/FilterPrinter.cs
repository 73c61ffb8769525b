using System.Text;

namespace OfiSync.Core.Filtering;

/// <summary>
/// The canonical text of a filter: one spelling per operator, values as literals, minimal parentheses given
/// PowerShell's left-associative -and / -or. Parsing it gives back the same tree.
/// </summary>
internal static class FilterPrinter
{
    public static string Print(FilterNode node)
    {
        var b = new StringBuilder();
        Write(b, node);
        return b.ToString();
    }

    private static void Write(StringBuilder b, FilterNode node)
    {
        switch (node)
        {
            case LogicalNode n:
                Write(b, n.Left);
                b.Append(n.IsAnd ? " -and " : " -or ");
                WriteGrouped(b, n.Right, n.Right is LogicalNode);
                break;
            case NotNode n:
                b.Append("-not ");
                WriteGrouped(b, n.Operand, n.Operand is LogicalNode or ComparisonNode);
                break;
            case TruthNode n:
                WriteOperand(b, n.Operand, isLeft: true);
                break;
            case ComparisonNode n:
                WriteOperand(b, n.Left, isLeft: true);
                b.Append(' ').Append(n.Operator.Text(n.CaseSensitive)).Append(' ');
                WriteOperand(b, n.Right, isLeft: false);
                break;
        }
    }

    private static void WriteGrouped(StringBuilder b, FilterNode node, bool parentheses)
    {
        if (parentheses) b.Append('(');
        Write(b, node);
        if (parentheses) b.Append(')');
    }

    private static void WriteOperand(StringBuilder b, FilterOperand operand, bool isLeft)
    {
        switch (operand)
        {
            case PropertyOperand p:
                b.Append(isLeft ? p.Name : "$_." + p.Name);
                break;
            case ValueOperand v:
                b.Append(FilterValues.Literal(v.Value));
                break;
            case ListOperand l:
                b.Append(FilterValues.Literal(l.Values));
                break;
        }
    }
}
