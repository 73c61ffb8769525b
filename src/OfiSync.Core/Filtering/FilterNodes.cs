namespace OfiSync.Core.Filtering;

// The parsed filter: an immutable tree. Positions are 0-based indexes into the text it was parsed from.

internal abstract record FilterNode(int Position);

/// <summary>-and / -or: equal precedence, left-associative, short-circuit (as in PowerShell).</summary>
internal sealed record LogicalNode(FilterNode Left, bool IsAnd, FilterNode Right, int Position) : FilterNode(Position);

internal sealed record NotNode(FilterNode Operand, int Position) : FilterNode(Position);

/// <param name="CaseSensitive">Spelled with a c (-ceq, -clike...): text is compared case-sensitively.</param>
internal sealed record ComparisonNode(FilterOperand Left, ComparisonOperator Operator, FilterOperand Right, int Position, bool CaseSensitive = false)
    : FilterNode(Position);

/// <summary>A property or value used as a condition by itself, true when PowerShell would call it true.</summary>
internal sealed record TruthNode(FilterOperand Operand, int Position) : FilterNode(Position);

internal abstract record FilterOperand(int Position);

internal sealed record PropertyOperand(string Name, int Position) : FilterOperand(Position);

/// <summary>A scalar: null, string, bool, int, long, decimal, double, DateTime or DateTimeOffset.</summary>
internal sealed record ValueOperand(object? Value, int Position) : FilterOperand(Position);

/// <summary>The values after -in / -notin.</summary>
internal sealed record ListOperand(IReadOnlyList<object?> Values, int Position) : FilterOperand(Position);
