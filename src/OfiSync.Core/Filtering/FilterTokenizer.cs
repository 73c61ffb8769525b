using System.Globalization;
using System.Text;

namespace OfiSync.Core.Filtering;

/// <summary>
/// Splits filter text into tokens, refusing anything outside the filter language before the parser sees it:
/// statements, commands, comments, escapes, sub-expressions, member access, casts other than dates.
/// </summary>
internal sealed partial class FilterTokenizer
{
    private static readonly string[] Scopes = ["global", "local", "script", "private", "using", "env"];

    private readonly string _text;
    private int _pos;

    private FilterTokenizer(string text) => _text = text;

    public static List<FilterToken> Tokenize(string text)
    {
        var tokenizer = new FilterTokenizer(text);
        var tokens = new List<FilterToken>();
        FilterToken token;
        do
        {
            token = tokenizer.Next();
            tokens.Add(token);
        } while (token.Kind != FilterTokenKind.End);
        return tokens;
    }

    private FilterException Error(string reason, int position) => new(reason, _text, position);

    private char At(int i) => i < _text.Length ? _text[i] : '\0';

    private bool AtEnd(int i) => i >= _text.Length;

    // PowerShell reads the en dash, em dash and horizontal bar as '-' in operators.
    private static bool IsDash(char c) => c is '-' or '\u2013' or '\u2014' or '\u2015';

    internal static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    internal static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private FilterToken Next()
    {
        while (!AtEnd(_pos) && char.IsWhiteSpace(_text[_pos])) _pos++;
        if (AtEnd(_pos)) return new FilterToken(FilterTokenKind.End, _text.Length, 0, "");

        int start = _pos;
        char c = _text[_pos];
        char next = At(_pos + 1);
        switch (c)
        {
            case '(': _pos++; return new FilterToken(FilterTokenKind.OpenParen, start, 1, "(");
            case ')': _pos++; return new FilterToken(FilterTokenKind.CloseParen, start, 1, ")");
            case ',': _pos++; return new FilterToken(FilterTokenKind.Comma, start, 1, ",");
            case '{': _pos++; return new FilterToken(FilterTokenKind.OpenBrace, start, 1, "{");
            case '}': _pos++; return new FilterToken(FilterTokenKind.CloseBrace, start, 1, "}");
            case '\'': return SingleQuoted();
            case '"': return DoubleQuoted();
            case '$': return Dollar();
            case '@': return AtSign();
            case '[': return Cast();
            case '!':
                if (next == '=') throw Error(Messages.FilterSymbolOperator("!=", "-ne"), start);
                _pos++;
                return new FilterToken(FilterTokenKind.Not, start, 1, "!");
            case ';': throw Error(Messages.FilterSemicolon, start);
            case '|': throw Error(next == '|' ? Messages.FilterSymbolOperator("||", "-or") : Messages.FilterPipe, start);
            case '&': throw Error(next == '&' ? Messages.FilterSymbolOperator("&&", "-and") : Messages.FilterAmpersand, start);
            case '=': throw Error(next == '=' ? Messages.FilterSymbolOperator("==", "-eq") : Messages.FilterAssignment, start);
            case '>': throw Error(next == '=' ? Messages.FilterSymbolOperator(">=", "-ge") : Messages.FilterSymbolOperator(">", "-gt"), start);
            case '<':
                if (next == '#') throw Error(Messages.FilterComment, start);
                throw Error(next == '=' ? Messages.FilterSymbolOperator("<=", "-le") : Messages.FilterSymbolOperator("<", "-lt"), start);
            case '#': throw Error(Messages.FilterComment, start);
            case '`': throw Error(Messages.FilterBacktick, start);
            case '/' when next == '*': throw Error(Messages.FilterComment, start);
        }
        if (IsDash(c)) return Dash();
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next))) return Number(start, negative: false);
        if (IsIdentifierStart(c)) return Word();
        throw Error(Messages.FilterUnexpectedCharacter(Shown(c)), start);
    }

    private static string Shown(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private FilterToken Dash()
    {
        int start = _pos;
        char next = At(_pos + 1);
        if (IsDash(next)) throw Error(Messages.FilterDoubleDash, start);
        if (char.IsAsciiDigit(next) || (next == '.' && char.IsAsciiDigit(At(_pos + 2))))
        {
            _pos++;
            return Number(start, negative: true);
        }
        if (!char.IsLetter(next)) throw Error(Messages.FilterLoneDash, start);
        int wordStart = _pos + 1;
        int end = wordStart;
        while (IsIdentifierPart(At(end))) end++;
        var word = _text[wordStart..end];
        _pos = end;
        int length = end - start;
        switch (word.ToLowerInvariant())
        {
            case "and": return new FilterToken(FilterTokenKind.And, start, length, "-and");
            case "or": return new FilterToken(FilterTokenKind.Or, start, length, "-or");
            case "not": return new FilterToken(FilterTokenKind.Not, start, length, "-not");
        }
        if (ComparisonOperators.TryGet(word, out var op, out var caseSensitive))
            return new FilterToken(FilterTokenKind.Comparison, start, length, op.Text(caseSensitive), Operator: op, CaseSensitive: caseSensitive);
        if (ComparisonOperators.IsKnownUnsupported(word)) throw Error(Messages.FilterUnsupportedOperator(word), start);
        throw Error(Messages.FilterUnknownOperator(word), start);
    }

    private FilterToken Number(int start, bool negative)
    {
        int digitsStart = _pos;
        int i = _pos;
        while (char.IsAsciiDigit(At(i))) i++;
        bool real = false;
        if (At(i) == '.' && char.IsAsciiDigit(At(i + 1)))
        {
            real = true;
            i++;
            while (char.IsAsciiDigit(At(i))) i++;
        }
        if ((At(i) is 'e' or 'E') && (char.IsAsciiDigit(At(i + 1)) || (At(i + 1) is '+' or '-' && char.IsAsciiDigit(At(i + 2)))))
        {
            real = true;
            i += 2;
            while (char.IsAsciiDigit(At(i))) i++;
        }
        int numberEnd = i;
        bool decimalSuffix = At(i) is 'd' or 'D' && !IsIdentifierPart(At(i + 1)) && At(i + 1) != '.';
        if (decimalSuffix) i++;
        if (IsIdentifierPart(At(i)) || At(i) == '.')
        {
            int bad = i;
            while (IsIdentifierPart(At(bad)) || At(bad) == '.') bad++;
            throw Error(Messages.FilterBadNumber(_text[start..bad]), start);
        }
        _pos = i;
        var digits = (negative ? "-" : "") + _text[digitsStart..numberEnd];
        object value = decimalSuffix ? ParseDecimal(digits, start)
            : real ? double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture)
            : IntegerValue(digits);
        return new FilterToken(FilterTokenKind.Literal, start, i - start, _text[start..i], value);
    }

    private decimal ParseDecimal(string digits, int start)
    {
        if (decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        throw Error(Messages.FilterBadNumber(digits + "d"), start);
    }

    /// <summary>The type PowerShell gives an integer literal: int, else long, else decimal, else double.</summary>
    internal static object IntegerValue(string digits)
    {
        if (int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (decimal.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return d;
        return double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private FilterToken Word()
    {
        int start = _pos;
        while (IsIdentifierPart(At(_pos))) _pos++;
        var word = _text[start.._pos];
        char after = At(_pos);
        if (after == '.' || after == '[') throw Error(Messages.FilterPropertyPath, _pos);
        if (after == '(' || after == ':' || (IsDash(after) && char.IsLetter(At(_pos + 1)))) throw Error(Messages.FilterCommand, start);
        return new FilterToken(FilterTokenKind.Word, start, _pos - start, word);
    }
}
