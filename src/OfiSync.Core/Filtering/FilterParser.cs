using System.Globalization;

namespace OfiSync.Core.Filtering;

/// <summary>
/// Recursive descent over the tokens. Grammar (PowerShell's precedence: -and and -or are equal and
/// left-associative, so a -or b -and c is (a -or b) -and c; -not binds to the operand next to it):
/// <code>
/// filter     := [ '{' ] logical [ '}' ] END
/// logical    := unary { ('-and' | '-or') unary }
/// unary      := ('-not' | '!') notOperand | '(' logical ')' | comparison
/// notOperand := '(' logical ')' | ('-not' | '!') notOperand | operand     (never followed by a comparison operator)
/// comparison := operand [ op value | ('-in' | '-notin') list ]
/// operand    := name | $_.name | literal | $variable | [datetime]'...'
/// value      := $_.name | literal | $variable | [datetime]'...'
/// list       := items | '@(' [ items ] ')' | '(' items ')'     items := value { ',' value }
/// </code>
/// "-not a -eq b" means "(-not a) -eq b" in PowerShell; it is refused rather than silently meaning that.
/// </summary>
internal sealed class FilterParser
{
    public const int MaxLength = 20_000;
    public const int MaxDepth = 64;
    public const int MaxConditions = 1000;

    private readonly string _text;
    private readonly List<FilterToken> _tokens;
    private readonly Func<string, object?>? _variables;
    private int _index;
    private int _connectors;

    private FilterParser(string text, List<FilterToken> tokens, Func<string, object?>? variables)
    {
        _text = text;
        _tokens = tokens;
        _variables = variables;
    }

    public static FilterNode Parse(string text, Func<string, object?>? variables)
    {
        if (text.Length > MaxLength) throw new FilterException(Messages.FilterTooLong(MaxLength), text[..200] + "...", -1);
        var tokens = FilterTokenizer.Tokenize(text);
        StripOuterBraces(text, tokens);
        var parser = new FilterParser(text, tokens, variables);
        if (parser.Current.Kind == FilterTokenKind.End) throw new FilterException(Messages.FilterEmpty, text, 0);
        var node = parser.Logical(0);
        var end = parser.Current;
        if (end.Kind != FilterTokenKind.End)
            throw parser.Error(end.Kind == FilterTokenKind.CloseParen ? Messages.FilterUnmatchedClose : Messages.FilterConnectorExpected, end);
        return node;
    }

    /// <summary>A scriptblock's text may arrive with its braces: one outer pair is accepted, any other brace is not.</summary>
    private static void StripOuterBraces(string text, List<FilterToken> tokens)
    {
        if (tokens[0].Kind == FilterTokenKind.OpenBrace && tokens.Count >= 3 && tokens[^2].Kind == FilterTokenKind.CloseBrace)
        {
            tokens.RemoveAt(tokens.Count - 2);
            tokens.RemoveAt(0);
        }
        foreach (var t in tokens)
            if (t.Kind is FilterTokenKind.OpenBrace or FilterTokenKind.CloseBrace)
                throw new FilterException(Messages.FilterScriptBlock, text, t.Position);
    }

    private FilterToken Current => _tokens[_index];

    private FilterToken Advance() => _tokens[_index++];

    private FilterException Error(string reason, FilterToken at) => new(reason, _text, at.Position);

    private FilterNode Logical(int depth)
    {
        var left = Unary(depth);
        while (Current.IsConnector)
        {
            var op = Advance();
            if (Current.Kind == FilterTokenKind.End) throw Error(Messages.FilterEndsWithOperator(op.Text), op);
            // The tree of a long chain is as deep as the chain: bounded, so walking it cannot exhaust the stack.
            if (++_connectors >= MaxConditions) throw Error(Messages.FilterTooManyConditions(MaxConditions), op);
            var right = Unary(depth);
            left = new LogicalNode(left, op.Kind == FilterTokenKind.And, right, op.Position);
        }
        return left;
    }

    private FilterNode Unary(int depth)
    {
        if (depth > MaxDepth) throw Error(Messages.FilterTooDeep(MaxDepth), Current);
        var token = Current;
        if (token.Kind == FilterTokenKind.Not)
        {
            Advance();
            if (Current.Kind == FilterTokenKind.End) throw Error(Messages.FilterEndsWithOperator(token.Text), token);
            FilterNode operand = Current.Kind switch
            {
                FilterTokenKind.Not => Unary(depth + 1),
                FilterTokenKind.OpenParen => Parenthesized(depth + 1),
                _ => new TruthNode(Operand(isLeft: true), Current.Position),
            };
            if (Current.Kind == FilterTokenKind.Comparison) throw Error(Messages.FilterNotNeedsParentheses, token);
            return new NotNode(operand, token.Position);
        }
        if (token.Kind == FilterTokenKind.OpenParen)
        {
            var inner = Parenthesized(depth + 1);
            if (Current.Kind == FilterTokenKind.Comparison) throw Error(Messages.FilterParenthesizedOperand, Current);
            return inner;
        }
        return Comparison();
    }

    private FilterNode Parenthesized(int depth)
    {
        var open = Advance();
        if (Current.Kind == FilterTokenKind.CloseParen) throw Error(Messages.FilterConditionExpected, Current);
        var node = Logical(depth);
        if (Current.Kind == FilterTokenKind.CloseParen)
        {
            Advance();
            return node;
        }
        throw Current.Kind == FilterTokenKind.End ? Error(Messages.FilterMissingClose, open) : Error(Messages.FilterConnectorExpected, Current);
    }

    private FilterNode Comparison()
    {
        var start = Current;
        var left = Operand(isLeft: true);
        if (Current.Kind == FilterTokenKind.Comma) throw Error(Messages.FilterListNotAllowed, Current);
        if (Current.Kind != FilterTokenKind.Comparison) return new TruthNode(left, start.Position);

        var op = Advance();
        if (Current.Kind == FilterTokenKind.End) throw Error(Messages.FilterEndsWithOperator(op.Text), op);
        var right = op.Operator.IsMembership() ? List() : Operand(isLeft: false);
        if (Current.Kind == FilterTokenKind.Comparison) throw Error(Messages.FilterChainedComparison, Current);
        if (Current.Kind == FilterTokenKind.Comma) throw Error(Messages.FilterListNotAllowed, Current);
        var node = new ComparisonNode(left, op.Operator, right, op.Position, op.CaseSensitive);
        CheckWildcard(node);
        return node;
    }

    /// <summary>An invalid literal -like pattern is refused now, not at the first row.</summary>
    private void CheckWildcard(ComparisonNode node)
    {
        if (node.Operator is not (ComparisonOperator.Like or ComparisonOperator.NotLike) || node.Right is not ValueOperand v) return;
        var pattern = PowerShellConvert.ToText(v.Value);
        if (!PowerShellWildcard.TryParse(pattern, node.CaseSensitive, out _))
            throw new FilterException(Messages.FilterInvalidWildcard(pattern), _text, v.Position);
    }

    private FilterOperand Operand(bool isLeft)
    {
        var token = Current;
        switch (token.Kind)
        {
            case FilterTokenKind.Word:
                if (!isLeft) throw Error(Messages.FilterBareWordValue(token.Text), token);
                Advance();
                return new PropertyOperand(token.Text, token.Position);
            case FilterTokenKind.Property:
                Advance();
                return new PropertyOperand(token.Text, token.Position);
            case FilterTokenKind.Literal:
                Advance();
                return new ValueOperand(token.Value, token.Position);
            case FilterTokenKind.Cast:
                return new ValueOperand(CastValue(), token.Position);
            case FilterTokenKind.Variable:
                Advance();
                var (value, isList) = Resolve(token);
                if (isList) throw Error(Messages.FilterListNotAllowed, token);
                return new ValueOperand(value, token.Position);
            case FilterTokenKind.OpenArray:
                throw Error(Messages.FilterListNotAllowed, token);
            case FilterTokenKind.OpenParen when !isLeft:
                throw Error(Messages.FilterParenthesizedOperand, token);
            default:
                throw Error(isLeft ? Messages.FilterConditionExpected : Messages.FilterValueExpected, token);
        }
    }

    private FilterOperand List()
    {
        var start = Current;
        if (start.Kind is FilterTokenKind.OpenArray or FilterTokenKind.OpenParen)
        {
            Advance();
            var items = start.Kind == FilterTokenKind.OpenArray && Current.Kind == FilterTokenKind.CloseParen
                ? new List<object?>()
                : Items().Values;
            if (Current.Kind != FilterTokenKind.CloseParen)
                throw Current.Kind == FilterTokenKind.End ? Error(Messages.FilterMissingClose, start) : Error(Messages.FilterListSeparatorExpected, Current);
            Advance();
            return new ListOperand(items, start.Position);
        }
        if (start.Kind == FilterTokenKind.Property) throw Error(Messages.FilterPropertyInList, start);
        var (values, fromListVariable) = Items();
        // One scalar stays a scalar (x -in 'a' prints back as written); a variable's list stays a list.
        return values.Count == 1 && !fromListVariable
            ? new ValueOperand(values[0], start.Position)
            : new ListOperand(values, start.Position);
    }

    private (List<object?> Values, bool FromListVariable) Items()
    {
        var items = new List<object?>();
        bool fromListVariable = false;
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case FilterTokenKind.Literal:
                    Advance();
                    items.Add(token.Value);
                    break;
                case FilterTokenKind.Cast:
                    items.Add(CastValue());
                    break;
                case FilterTokenKind.Variable:
                    Advance();
                    var (value, isList) = Resolve(token);
                    if (isList)
                    {
                        // A list variable is the whole list: inside another list it would be one nested item.
                        if (items.Count > 0 || fromListVariable || Current.Kind == FilterTokenKind.Comma)
                            throw Error(Messages.FilterNestedList(token.Text), token);
                        items.AddRange((IReadOnlyList<object?>)value!);
                        fromListVariable = true;
                    }
                    else items.Add(value);
                    break;
                case FilterTokenKind.Word:
                    throw Error(Messages.FilterBareWordValue(token.Text), token);
                case FilterTokenKind.Property:
                    throw Error(Messages.FilterPropertyInList, token);
                case FilterTokenKind.End:
                    throw Error(Messages.FilterValueExpected, token);
                default:
                    throw Error(Messages.FilterListValueExpected, token);
            }
            if (Current.Kind != FilterTokenKind.Comma) return (items, fromListVariable);
            var comma = Advance();
            if (Current.Kind == FilterTokenKind.End) throw Error(Messages.FilterEndsWithOperator("','"), comma);
        }
    }

    private object CastValue()
    {
        var cast = Advance();
        var literal = Current;
        if (literal.Kind != FilterTokenKind.Literal || literal.Value is not string text)
            throw Error(Messages.FilterCastNeedsString(cast.Text), cast);
        Advance();
        try
        {
            // Both branches boxed: a typed conditional would silently turn the DateTime into a DateTimeOffset.
            return cast.Text == "datetime"
                ? (object)DateTime.Parse(text, CultureInfo.InvariantCulture)
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw Error(Messages.FilterBadDate(text, cast.Text, e.Message), literal);
        }
    }

    private (object? Value, bool IsList) Resolve(FilterToken token)
    {
        if (_variables is null) throw Error(Messages.FilterNoVariables, token);
        object? raw;
        try
        {
            raw = _variables(token.Text);
        }
        catch (KeyNotFoundException)
        {
            raw = FilterExpression.NoSuchVariable;
        }
        if (ReferenceEquals(raw, FilterExpression.NoSuchVariable))
            throw Error(token.Text.StartsWith("env:", StringComparison.OrdinalIgnoreCase)
                ? Messages.FilterEnvironmentVariableNotSet(token.Text)
                : Messages.FilterUnknownVariable(token.Text), token);
        return FilterValues.TryFromVariable(token.Text, raw, out var value, out var isList, out var error)
            ? (value, isList)
            : throw Error(error!, token);
    }
}
