using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfiSync.Core.Store;

namespace OfiSync.PowerShell.Support;

/// <summary>Tab completion of names from the store named by -Store, or the default one.</summary>
public abstract class StoreNameCompleter : IArgumentCompleter
{
    private static readonly System.Buffers.SearchValues<char> NeedQuotes = System.Buffers.SearchValues.Create(" '$`,;(){}");

    protected abstract IEnumerable<string> Names(SyncStore store);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> names;
        try
        {
            var location = fakeBoundParameters["Store"] is string s ? StoreLocation.Parse(s) : StoreLocation.Default();
            names = Names(SyncStore.Open(location, StoreAccess.Read)).ToList();
        }
        catch (Exception)
        {
            // Completion must never throw at the user, nor create or change a store: no store, no suggestions.
            return Array.Empty<CompletionResult>();
        }
        return Results(names, wordToComplete);
    }

    /// <summary>The names that start with what was typed, quoted where PowerShell needs it.</summary>
    internal static IEnumerable<CompletionResult> Results(IEnumerable<string> names, string wordToComplete)
    {
        var typed = WildcardPattern.Escape(wordToComplete.Trim('\'', '"'));
        var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        return names.Where(pattern.IsMatch).Select(n =>
        {
            var text = n.Length == 0 || n.AsSpan().IndexOfAny(NeedQuotes) >= 0 ? "'" + n.Replace("'", "''", StringComparison.Ordinal) + "'" : n;
            return new CompletionResult(text, n.Length == 0 ? "''" : n, CompletionResultType.ParameterValue, n.Length == 0 ? "''" : n);
        });
    }
}

public sealed class LineNameCompleter : StoreNameCompleter
{
    protected override IEnumerable<string> Names(SyncStore store) => store.GetLines().Select(l => l.Name);
}

public sealed class ConnectionNameCompleter : StoreNameCompleter
{
    protected override IEnumerable<string> Names(SyncStore store) => store.GetConnections().Select(c => c.Name);
}
