namespace OfiSync.Core.Filtering;

internal enum FilterTokenKind
{
    Word,        // a bare identifier: a property name on the left of a comparison
    Property,    // $_.name or $PSItem.name
    Variable,    // $name, resolved through the caller's callback
    Literal,     // a quoted string, a number, $true, $false or $null
    Cast,        // [datetime] or [datetimeoffset]
    Comparison,
    And,
    Or,
    Not,         // -not or !
    OpenParen,
    CloseParen,
    OpenArray,   // @(
    Comma,
    OpenBrace,
    CloseBrace,
    End,
}

/// <param name="Text">The identifier (Word, Property, Variable), the type (Cast) or the source text.</param>
/// <param name="Value">The value of a Literal.</param>
/// <param name="CaseSensitive">A Comparison spelled with a c (-ceq, -clike...).</param>
internal readonly record struct FilterToken(
    FilterTokenKind Kind,
    int Position,
    int Length,
    string Text,
    object? Value = null,
    ComparisonOperator Operator = default,
    bool CaseSensitive = false)
{
    public bool IsConnector => Kind is FilterTokenKind.And or FilterTokenKind.Or;
}
