using System.Globalization;
using System.Text;

namespace OfiSync.Core.Filtering;

/// <summary>The tokenizer's quoted strings, $variables, @(...) lists and [type] casts.</summary>
internal sealed partial class FilterTokenizer
{
    private FilterToken SingleQuoted()
    {
        int start = _pos;
        var value = new StringBuilder();
        int i = _pos + 1;
        while (true)
        {
            if (AtEnd(i)) throw Error(Messages.FilterUnterminatedString, start);
            char c = _text[i];
            if (c == '\'')
            {
                if (At(i + 1) != '\'') break;
                i++;
            }
            value.Append(c);
            i++;
        }
        _pos = i + 1;
        return new FilterToken(FilterTokenKind.Literal, start, _pos - start, _text[start.._pos], value.ToString());
    }

    private FilterToken DoubleQuoted()
    {
        int start = _pos;
        var value = new StringBuilder();
        int i = _pos + 1;
        while (true)
        {
            if (AtEnd(i)) throw Error(Messages.FilterUnterminatedString, start);
            char c = _text[i];
            if (c == '"')
            {
                if (At(i + 1) != '"') break;
                i++;
            }
            else if (c == '`') throw Error(Messages.FilterDoubleQuotedBacktick, i);
            else if (c == '$' && WouldExpand(At(i + 1))) throw Error(Messages.FilterDoubleQuotedDollar, i);
            value.Append(c);
            i++;
        }
        _pos = i + 1;
        return new FilterToken(FilterTokenKind.Literal, start, _pos - start, _text[start.._pos], value.ToString());
    }

    // What PowerShell would expand after a '$' inside double quotes: a variable, $( ), ${ }, $$, $?, $^.
    private static bool WouldExpand(char c) => IsIdentifierPart(c) || c is '(' or '{' or '$' or '?' or '^' or ':';

    private FilterToken Dollar()
    {
        int start = _pos;
        char next = At(_pos + 1);
        if (next == '(') throw Error(Messages.FilterSubExpression, start);
        if (next == '{') throw Error(Messages.FilterBracedVariable, start);
        if (!IsIdentifierStart(next)) throw Error(Messages.FilterBadVariable, start);
        int i = _pos + 1;
        while (IsIdentifierPart(At(i))) i++;
        var name = _text[(_pos + 1)..i];
        if (At(i) == ':' && Scopes.Contains(name, StringComparer.OrdinalIgnoreCase) && IsIdentifierStart(At(i + 1)))
        {
            i++;
            while (IsIdentifierPart(At(i))) i++;
            name = _text[(_pos + 1)..i];
        }
        else if (At(i) == ':') throw Error(Messages.FilterBadVariable, start);

        if (name == "_" || name.Equals("PSItem", StringComparison.OrdinalIgnoreCase))
        {
            if (At(i) != '.' || !IsIdentifierStart(At(i + 1)))
                throw Error(At(i) is '.' or '[' or '(' ? Messages.FilterPropertyPath : Messages.FilterDollarUnderscoreAlone, At(i) is '.' or '[' or '(' ? i : start);
            int nameStart = i + 1;
            int end = nameStart;
            while (IsIdentifierPart(At(end))) end++;
            if (At(end) is '.' or '[' or '(') throw Error(Messages.FilterPropertyPath, end);
            _pos = end;
            return new FilterToken(FilterTokenKind.Property, start, end - start, _text[nameStart..end]);
        }

        if (At(i) is '.' or '[' or '(') throw Error(Messages.FilterVariableMember, i);
        _pos = i;
        object? literal;
        switch (name.ToLowerInvariant())
        {
            case "true": literal = true; break;
            case "false": literal = false; break;
            case "null": literal = null; break;
            default: return new FilterToken(FilterTokenKind.Variable, start, i - start, name);
        }
        return new FilterToken(FilterTokenKind.Literal, start, i - start, _text[start..i], literal);
    }

    private FilterToken AtSign()
    {
        int start = _pos;
        switch (At(_pos + 1))
        {
            case '(':
                _pos += 2;
                return new FilterToken(FilterTokenKind.OpenArray, start, 2, "@(");
            case '\'' or '"': throw Error(Messages.FilterHereString, start);
            case '{': throw Error(Messages.FilterHashtable, start);
            default: throw Error(Messages.FilterUnexpectedCharacter("'@'"), start);
        }
    }

    private FilterToken Cast()
    {
        int start = _pos;
        int i = _pos + 1;
        while (IsIdentifierPart(At(i)) || At(i) == '.') i++;
        var type = _text[(_pos + 1)..i];
        if (At(i) != ']' || type.Length == 0)
            throw Error(Messages.FilterUnexpectedCharacter("'['"), start);
        if (At(i + 1) == ':' && At(i + 2) == ':') throw Error(Messages.FilterStaticMember, start);
        var normalized = type.ToLowerInvariant() switch
        {
            "datetime" or "system.datetime" => "datetime",
            "datetimeoffset" or "system.datetimeoffset" => "datetimeoffset",
            _ => throw Error(Messages.FilterTypeNotAllowed(type), start),
        };
        _pos = i + 1;
        return new FilterToken(FilterTokenKind.Cast, start, _pos - start, normalized);
    }
}
