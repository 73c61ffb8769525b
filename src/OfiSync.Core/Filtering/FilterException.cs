namespace OfiSync.Core.Filtering;

/// <summary>
/// A filter that cannot be parsed, names something unknown, or cannot be evaluated. The message quotes the
/// expression and points at the place: "reason\n  poblacion -eq 'x';\n                    ^".
/// </summary>
public sealed class FilterException : Exception
{
    public FilterException(string reason, string expression, int position)
        : base(Format(reason, expression, position))
    {
        Reason = reason;
        Expression = expression;
        Position = position;
    }

    /// <summary>
    /// What the same refusal says in English, for the run history: <paramref name="again"/> repeats the parse or check
    /// that refused the filter, under the invariant UI culture.
    /// </summary>
    public static string InEnglish(FilterException shown, Action again) => Messages.InEnglish(() =>
    {
        try
        {
            again();
        }
        catch (FilterException english)
        {
            return english.Message;
        }
        return shown.Message;
    });

    /// <summary>What is wrong, without the quoted expression.</summary>
    public string Reason { get; }

    /// <summary>The filter text the position refers to.</summary>
    public string Expression { get; }

    /// <summary>0-based index into <see cref="Expression"/>; -1 when the problem is not at one place.</summary>
    public int Position { get; }

    private static string Format(string reason, string expression, int position)
    {
        if (position < 0 || position > expression.Length)
            return reason + "\n  " + OneLine(expression);
        int start = expression.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        if (position == 0) start = 0;
        int end = expression.IndexOf('\n', position);
        var line = expression[start..(end < 0 ? expression.Length : end)].TrimEnd('\r');
        // The caret line copies tabs so that it stays aligned under a line that contains them.
        var pad = new string(line.Take(position - start).Select(c => c == '\t' ? '\t' : ' ').ToArray());
        return reason + "\n  " + Visible(line) + "\n  " + pad + "^";
    }

    private static string OneLine(string text) => Visible(text.Replace("\r", " ").Replace('\n', ' '));

    // Control characters would break the caret alignment or the terminal: show them as spaces.
    private static string Visible(string text) => new(text.Select(c => char.IsControl(c) && c != '\t' ? ' ' : c).ToArray());
}
