namespace OfiSync.Core;

public static partial class Messages
{
    public const string FilterEmpty = "The filter is empty: write a condition such as poblacion -eq 'Madrid'.";
    public static string FilterTooLong(int max) => $"The filter is longer than {max} characters.";
    public static string FilterTooManyConditions(int max) => $"The filter has more than {max} conditions joined by -and / -or.";
    public static string FilterTooDeep(int max) => $"The filter nests parentheses or -not more than {max} levels deep.";
    public static string FilterUnexpectedCharacter(string shown) => $"The character {shown} is not allowed in a filter.";
    public const string FilterSemicolon = "';' is not allowed: a filter is one condition, not a list of statements.";
    public const string FilterPipe = "'|' is not allowed: a filter cannot run commands or pipelines.";
    public const string FilterAmpersand = "'&' is not allowed: a filter cannot run commands (combine conditions with -and).";
    public const string FilterAssignment = "'=' is not allowed: compare with -eq (a filter cannot assign).";
    public static string FilterSymbolOperator(string symbol, string use) => $"'{symbol}' is not a PowerShell comparison: use {use}.";
    public const string FilterComment = "Comments are not allowed in a filter.";
    public const string FilterDoubleDash = "'--' is not allowed in a filter.";
    public const string FilterBacktick = "Backticks (escapes, line continuations) are not allowed in a filter.";
    public const string FilterScriptBlock = "Script blocks are not allowed inside a filter.";
    public const string FilterHashtable = "Hashtables (@{ }) are not allowed in a filter.";
    public const string FilterHereString = "Here-strings are not allowed in a filter: use a single-quoted string.";
    public const string FilterSubExpression = "Sub-expressions $( ) are not allowed in a filter: put the value in a variable.";
    public const string FilterBracedVariable = "Braced variable names ${ } are not allowed in a filter.";
    public const string FilterBadVariable = "A '$' must start a variable ($since), a property ($_.name), $true, $false or $null.";
    public const string FilterDollarUnderscoreAlone = "$_ needs a property name after it: $_.name.";
    public const string FilterPropertyPath = "Only one plain property name is allowed: property paths (a.b), method calls and indexing are not.";
    public const string FilterVariableMember = "Members of variables ($x.y, $x[0], $x.Method()) are not allowed: put the value itself in a variable.";
    public const string FilterCommand = "Commands are not allowed in a filter.";
    public static string FilterUnknownVariable(string name) => $"The variable ${name} is not defined.";
    public const string FilterNoVariables = "Variables are not available here: write the value itself.";
    public static string FilterVariableType(string name, string type) =>
        $"The variable ${name} holds a {type}: a filter takes text, numbers, booleans, dates or a list of those.";
    public static string FilterVariableNotFinite(string name) => $"The variable ${name} holds a number that is not finite (NaN or infinity).";
    public static string FilterNestedList(string name) => $"The variable ${name} holds a list inside a list.";
    public const string FilterListNotAllowed = "A list of values is only allowed after -in or -notin.";
    public const string FilterUnterminatedString = "The string is not closed: a quote is missing.";
    public const string FilterDoubleQuotedDollar =
        "Double-quoted strings are not expanded in a filter: use single quotes ('...') or put the value in a variable.";
    public const string FilterDoubleQuotedBacktick = "Escapes with a backtick are not allowed in strings: use single quotes.";
    public static string FilterBadNumber(string text) =>
        $"'{text}' is not a plain number: write digits with an optional decimal point, such as 12 or -3.5 (no kb, no hexadecimal).";
    public static string FilterUnknownOperator(string op) => $"-{op} is not an operator a filter knows.";
    public static string FilterUnsupportedOperator(string op) =>
        $"-{op} is not supported in a filter. Use -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin (or their case-sensitive forms -ceq, -clike...), -and, -or, -not.";
    public const string FilterLoneDash = "A '-' must start an operator (-eq, -and, ...) or a negative number.";
    public static string FilterTypeNotAllowed(string type) =>
        $"The type [{type}] is not allowed: only [datetime] or [datetimeoffset] followed by a quoted value, such as [datetime]'2024-01-31'.";
    public const string FilterStaticMember = "Static members ([type]::Member) are not allowed in a filter.";
    public static string FilterCastNeedsString(string type) => $"[{type}] must be followed by a quoted value, such as [{type}]'2024-01-31'.";
    public static string FilterBadDate(string text, string type, string reason) => $"'{text}' cannot be converted to [{type}]: {reason}";
    public static string FilterBareWordValue(string word) =>
        $"Quote the value: '{word}'. A bare word is a property name only on the left of a comparison (write $_.{word} to compare with another property).";
    public const string FilterValueExpected = "A value is missing here.";
    public const string FilterConditionExpected = "A condition is missing here.";
    public static string FilterEndsWithOperator(string op) => $"The filter ends with {op}: a condition or value is missing after it.";
    public const string FilterConnectorExpected = "Expected -and, -or, ')' or the end of the filter here.";
    public const string FilterListSeparatorExpected = "Expected ',' or ')' here.";
    public const string FilterMissingClose = "This '(' is never closed: a ')' is missing.";
    public const string FilterUnmatchedClose = "This ')' has no matching '('.";
    public const string FilterNotNeedsParentheses =
        "-not applies to the value next to it, not to the comparison: write -not (name -eq 'value').";
    public const string FilterChainedComparison = "A comparison cannot be compared again: combine conditions with -and or -or.";
    public const string FilterParenthesizedOperand =
        "A comparison compares a property with a value, not a parenthesised condition: remove the parentheses.";
    public const string FilterListValueExpected = "Only quoted values, numbers, $true, $false, $null, dates and variables can be listed after -in.";
    public const string FilterPropertyInList = "After -in, list values, not properties.";
    public static string FilterUnknownName(string name, string? closest, IEnumerable<string> allowed)
    {
        var list = allowed.ToList();
        return list.Count == 0
            ? $"Unknown name '{name}': this filter cannot use any name."
            : $"Unknown name '{name}'.{DidYouMean(closest)} The names you can use are: {string.Join(", ", list)}.";
    }
    public static string FilterInvalidWildcard(string pattern) =>
        $"'{pattern}' is not a valid wildcard pattern: a '[' must be closed by ']', and a range such as [a-z] cannot be empty or reversed.";
    public static string FilterComparisonFailed(string left, string right, string reason) => $"Could not compare \"{left}\" to \"{right}\": {reason}";
    public static string FilterCannotConvert(string value, string type) => $"Cannot convert the value \"{value}\" to type \"{type}\".";
    public static string FilterValueNotComparable(string type) => $"A value of type {type} cannot be compared by a filter.";
    public const string FilterBadParameterPrefix = "The parameter prefix must be letters, digits or '_'.";
    public static string FilterUnknownNameIn(string name, string? closest, IEnumerable<(string Title, IReadOnlyList<string> Names)> groups)
    {
        var shown = groups.Where(g => g.Names.Count > 0).Select(g => $"{g.Title} ({string.Join(", ", g.Names)})").ToList();
        return shown.Count == 0
            ? $"Unknown name '{name}': this filter cannot use any name."
            : $"Unknown name '{name}'.{DidYouMean(closest)} A filter can name {string.Join(", or ", shown)}.";
    }
    public static string DidYouMean(string? closest) => closest is null ? "" : $" Did you mean '{closest}'?";
    public const string FilterTargetColumns = "the line's target columns, as mapped";
    public static string FilterSourceColumns(string source) => $"the other columns of {source}";
    public static string FilterEnvironmentVariableNotSet(string name) =>
        $"The environment variable ${name} is not set. Set it before giving the filter (it is read then, and the filter keeps its value), or write the value itself.";
}
