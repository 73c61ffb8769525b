namespace OfiSync.Core;

public static partial class Messages
{
    public static string FilterEmpty => Text.Get(nameof(FilterEmpty));
    public static string FilterTooLong(int max) => Text.Format(nameof(FilterTooLong), max);
    public static string FilterTooManyConditions(int max) => Text.Format(nameof(FilterTooManyConditions), max);
    public static string FilterTooDeep(int max) => Text.Format(nameof(FilterTooDeep), max);
    public static string FilterUnexpectedCharacter(string shown) => Text.Format(nameof(FilterUnexpectedCharacter), shown);
    public static string FilterSemicolon => Text.Get(nameof(FilterSemicolon));
    public static string FilterPipe => Text.Get(nameof(FilterPipe));
    public static string FilterAmpersand => Text.Get(nameof(FilterAmpersand));
    public static string FilterAssignment => Text.Get(nameof(FilterAssignment));
    public static string FilterSymbolOperator(string symbol, string use) => Text.Format(nameof(FilterSymbolOperator), symbol, use);
    public static string FilterComment => Text.Get(nameof(FilterComment));
    public static string FilterDoubleDash => Text.Get(nameof(FilterDoubleDash));
    public static string FilterBacktick => Text.Get(nameof(FilterBacktick));
    public static string FilterScriptBlock => Text.Get(nameof(FilterScriptBlock));
    public static string FilterHashtable => Text.Get(nameof(FilterHashtable));
    public static string FilterHereString => Text.Get(nameof(FilterHereString));
    public static string FilterSubExpression => Text.Get(nameof(FilterSubExpression));
    public static string FilterBracedVariable => Text.Get(nameof(FilterBracedVariable));
    public static string FilterBadVariable => Text.Get(nameof(FilterBadVariable));
    public static string FilterDollarUnderscoreAlone => Text.Get(nameof(FilterDollarUnderscoreAlone));
    public static string FilterPropertyPath => Text.Get(nameof(FilterPropertyPath));
    public static string FilterVariableMember => Text.Get(nameof(FilterVariableMember));
    public static string FilterCommand => Text.Get(nameof(FilterCommand));
    public static string FilterUnknownVariable(string name) => Text.Format(nameof(FilterUnknownVariable), name);
    public static string FilterNoVariables => Text.Get(nameof(FilterNoVariables));
    public static string FilterVariableType(string name, string type) => Text.Format(nameof(FilterVariableType), name, type);
    public static string FilterVariableNotFinite(string name) => Text.Format(nameof(FilterVariableNotFinite), name);
    public static string FilterNestedList(string name) => Text.Format(nameof(FilterNestedList), name);
    public static string FilterListNotAllowed => Text.Get(nameof(FilterListNotAllowed));
    public static string FilterUnterminatedString => Text.Get(nameof(FilterUnterminatedString));
    public static string FilterDoubleQuotedDollar => Text.Get(nameof(FilterDoubleQuotedDollar));
    public static string FilterDoubleQuotedBacktick => Text.Get(nameof(FilterDoubleQuotedBacktick));
    public static string FilterBadNumber(string text) => Text.Format(nameof(FilterBadNumber), text);
    public static string FilterUnknownOperator(string op) => Text.Format(nameof(FilterUnknownOperator), op);
    public static string FilterUnsupportedOperator(string op) => Text.Format(nameof(FilterUnsupportedOperator), op);
    public static string FilterLoneDash => Text.Get(nameof(FilterLoneDash));
    public static string FilterTypeNotAllowed(string type) => Text.Format(nameof(FilterTypeNotAllowed), type);
    public static string FilterStaticMember => Text.Get(nameof(FilterStaticMember));
    public static string FilterCastNeedsString(string type) => Text.Format(nameof(FilterCastNeedsString), type);
    public static string FilterBadDate(string text, string type, string reason) => Text.Format(nameof(FilterBadDate), text, type, reason);
    public static string FilterBareWordValue(string word) => Text.Format(nameof(FilterBareWordValue), word);
    public static string FilterValueExpected => Text.Get(nameof(FilterValueExpected));
    public static string FilterConditionExpected => Text.Get(nameof(FilterConditionExpected));
    public static string FilterEndsWithOperator(string op) => Text.Format(nameof(FilterEndsWithOperator), op);
    public static string FilterConnectorExpected => Text.Get(nameof(FilterConnectorExpected));
    public static string FilterListSeparatorExpected => Text.Get(nameof(FilterListSeparatorExpected));
    public static string FilterMissingClose => Text.Get(nameof(FilterMissingClose));
    public static string FilterUnmatchedClose => Text.Get(nameof(FilterUnmatchedClose));
    public static string FilterNotNeedsParentheses => Text.Get(nameof(FilterNotNeedsParentheses));
    public static string FilterChainedComparison => Text.Get(nameof(FilterChainedComparison));
    public static string FilterParenthesizedOperand => Text.Get(nameof(FilterParenthesizedOperand));
    public static string FilterListValueExpected => Text.Get(nameof(FilterListValueExpected));
    public static string FilterPropertyInList => Text.Get(nameof(FilterPropertyInList));
    public static string FilterUnknownName(string name, string? closest, IEnumerable<string> allowed)
    {
        var list = allowed.ToList();
        return list.Count == 0
            ? Text.Format("FilterUnknownNameNone", name)
            : Text.Format(nameof(FilterUnknownName), name, DidYouMean(closest), string.Join(", ", list));
    }
    public static string FilterInvalidWildcard(string pattern) => Text.Format(nameof(FilterInvalidWildcard), pattern);
    public static string FilterComparisonFailed(string left, string right, string reason) => Text.Format(nameof(FilterComparisonFailed), left, right, reason);
    public static string FilterCannotConvert(string value, string type) => Text.Format(nameof(FilterCannotConvert), value, type);
    public static string FilterValueNotComparable(string type) => Text.Format(nameof(FilterValueNotComparable), type);
    public static string FilterBadParameterPrefix => Text.Get(nameof(FilterBadParameterPrefix));
    public static string FilterUnknownNameIn(string name, string? closest, IEnumerable<(string Title, IReadOnlyList<string> Names)> groups)
    {
        var shown = groups.Where(g => g.Names.Count > 0).Select(g => Text.Format("FilterNameGroup", g.Title, string.Join(", ", g.Names))).ToList();
        return shown.Count == 0
            ? Text.Format("FilterUnknownNameNone", name)
            : Text.Format(nameof(FilterUnknownNameIn), name, DidYouMean(closest), string.Join(Text.Get("FilterNameGroupSeparator"), shown));
    }
    public static string DidYouMean(string? closest) => closest is null ? "" : Text.Format(nameof(DidYouMean), closest);
    public static string FilterTargetColumns => Text.Get(nameof(FilterTargetColumns));
    public static string FilterSourceColumns(string source) => Text.Format(nameof(FilterSourceColumns), source);
    public static string FilterEnvironmentVariableNotSet(string name) => Text.Format(nameof(FilterEnvironmentVariableNotSet), name);
}
