using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;

namespace OfiSync.PowerShell.Support;

/// <summary>Finds the lines named by -Line patterns, writing an error for a name that matches nothing.</summary>
internal static class LineSelection
{
    public static List<SyncLine> Resolve(PSCmdlet cmdlet, SyncStore store, IEnumerable<string> patterns)
    {
        var all = store.GetLines();
        var chosen = new List<SyncLine>();
        foreach (var pattern in patterns)
        {
            var matches = Wildcards.Match(all, l => l.Name, pattern);
            if (matches.Count == 0)
                cmdlet.WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern,
                    WildcardPattern.ContainsWildcardCharacters(pattern) ? Core.Messages.NoLineMatches(pattern) : Core.Messages.LineNotFound(pattern)));
            chosen.AddRange(matches.Where(m => chosen.All(c => c.Id != m.Id)));
        }
        return LineOrder.Sort(chosen, all);
    }

    /// <summary>The opener for a set of lines: the secrets of both sides of each, gathered on the pipeline thread.</summary>
    public static ConnectionOpener Opener(PSCmdlet cmdlet, SyncStore store, IEnumerable<SyncLine> lines, PSCredential? credential) =>
        CredentialResolver.BuildOpener(cmdlet, lines.SelectMany(l => new[] { l.Source, l.Target })
            .Select(store.GetConnection).OfType<SyncConnection>(), credential);
}
