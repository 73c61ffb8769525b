using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Profiling;
using OfiSync.Core.Store;

namespace OfiSync.PowerShell.Support;

/// <summary>
/// Tab completion from the databases: what a parameter names is read from the connection the command line already
/// binds (-Source, -Target), else from the line it names (Set-SyncLine, Get-SyncColumn...). The store is opened
/// read-only and the databases through <see cref="DatabaseCatalog"/>: never a prompt, never an error, at most about a second.
/// </summary>
public abstract class DatabaseCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Names(SyncStore store, IDictionary bound);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        List<string> names;
        try
        {
            var location = fakeBoundParameters["Store"] is string s ? StoreLocation.Parse(s) : StoreLocation.Default();
            names = Names(SyncStore.Open(location, StoreAccess.Read), fakeBoundParameters).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
        catch (Exception)
        {
            // Completion must never throw at the user, nor create or change a store: nothing to suggest.
            return Array.Empty<CompletionResult>();
        }
        return StoreNameCompleter.Results(names, wordToComplete);
    }

    /// <summary>A bound parameter's text: a string, or the first of several.</summary>
    protected static string? Text(IDictionary bound, string name) => bound[name] switch
    {
        string s => s,
        IEnumerable e and not string => e.Cast<object?>().FirstOrDefault()?.ToString(),
        var o => o?.ToString(),
    };

    /// <summary>The line the command line names (-Name, -Line), when it exists.</summary>
    protected static SyncLine? LineOf(SyncStore store, IDictionary bound)
    {
        var name = Text(bound, "Name") ?? Text(bound, "Line");
        return name is null || WildcardPattern.ContainsWildcardCharacters(name) ? null : store.GetLine(name);
    }

    /// <summary>The source side: -Source and -SourceTable (or -SourceQuery) as bound, else the line's.</summary>
    protected static (SyncConnection? Connection, string? Table, string? Query) SourceSide(SyncStore store, IDictionary bound)
    {
        var line = LineOf(store, bound);
        var connection = Text(bound, "Source") ?? line?.Source;
        var table = Text(bound, "SourceTable") ?? (bound.Contains("SourceQuery") ? null : line?.SourceTable);
        var query = Text(bound, "SourceQuery") ?? (bound.Contains("SourceTable") ? null : line?.SourceQuery);
        return (connection is null ? null : store.GetConnection(connection), table, query);
    }

    /// <summary>The target side: -Target and -TargetTable as bound, else the line's.</summary>
    protected static (SyncConnection? Connection, string? Table) TargetSide(SyncStore store, IDictionary bound)
    {
        var line = LineOf(store, bound);
        var connection = Text(bound, "Target") ?? line?.Target;
        return (connection is null ? null : store.GetConnection(connection), Text(bound, "TargetTable") ?? line?.TargetTable);
    }
}

/// <summary>-SourceTable: the tables and views of -Source's connection.</summary>
public sealed class SourceTableCompleter : DatabaseCompleter
{
    protected override IEnumerable<string> Names(SyncStore store, IDictionary bound) =>
        SourceSide(store, bound).Connection is { } c ? DatabaseCatalog.Tables(c) : Array.Empty<string>();
}

/// <summary>-TargetTable: the tables and views of -Target's connection.</summary>
public sealed class TargetTableCompleter : DatabaseCompleter
{
    protected override IEnumerable<string> Names(SyncStore store, IDictionary bound) =>
        TargetSide(store, bound).Connection is { } c ? DatabaseCatalog.Tables(c) : Array.Empty<string>();
}

/// <summary>-Key, Get-SyncColumn's -Column: the source table's (or query's) columns.</summary>
public sealed class SourceColumnCompleter : DatabaseCompleter
{
    protected override IEnumerable<string> Names(SyncStore store, IDictionary bound)
    {
        var (connection, table, query) = SourceSide(store, bound);
        return connection is null ? Array.Empty<string>() : DatabaseCatalog.Columns(connection, table, query);
    }
}

/// <summary>-TargetKey, -TargetId, -FlagColumn: the target table's columns.</summary>
public sealed class TargetColumnCompleter : DatabaseCompleter
{
    protected override IEnumerable<string> Names(SyncStore store, IDictionary bound)
    {
        var (connection, table) = TargetSide(store, bound);
        return connection is null || table is null ? Array.Empty<string>() : DatabaseCatalog.Columns(connection, table, null);
    }
}

/// <summary>-FlagValue: the values the flag column holds in the target table, most frequent first.</summary>
public sealed class FlagValueCompleter : DatabaseCompleter
{
    protected override IEnumerable<string> Names(SyncStore store, IDictionary bound)
    {
        var (connection, table) = TargetSide(store, bound);
        var column = Text(bound, "FlagColumn") ?? LineOf(store, bound)?.FlagColumn;
        return connection is null || table is null || column is null ? Array.Empty<string>() : DatabaseCatalog.Values(connection, table, column);
    }
}

/// <summary>-ExcludeColumn: the target columns of the lines named by -Line (every line when none is named). Reads only the store.</summary>
public sealed class ExcludeColumnCompleter : DatabaseCompleter
{
    protected override IEnumerable<string> Names(SyncStore store, IDictionary bound)
    {
        var patterns = (bound["Line"] ?? bound["Name"]) switch
        {
            string s => new[] { s },
            IEnumerable e => e.Cast<object?>().Select(o => o?.ToString() ?? "").ToArray(),
            _ => new[] { "*" },
        };
        return store.GetLines().Where(l => patterns.Any(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase).IsMatch(l.Name)))
                    .SelectMany(l => l.Columns.Select(c => c.TargetColumn));
    }
}
