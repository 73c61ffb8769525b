using OfiSync.Core.Connections;
using OfiSync.Core.Store;

namespace OfiSync.Core.Lines;

/// <summary>What an import does with one connection or line of a file.</summary>
public enum ImportAction
{
    /// <summary>The store has it already, the same: nothing to do.</summary>
    Unchanged,
    Add,
    /// <summary>Replaces the store's one of the same name (-Force); a replaced line keeps its identity, so its sync state.</summary>
    Replace,
    /// <summary>Not imported: <see cref="ImportStep.Problem"/> says why.</summary>
    Refused,
}

/// <summary>Why an import refuses something: an id for the error, whether it is because the name is taken, and what to do.</summary>
public sealed record ImportProblem(string Id, string Message, bool NameTaken = false);

public sealed record ImportStep(ImportAction Action, ImportProblem? Problem = null);

/// <summary>
/// Reconciles an exported file with a store, one connection or line at a time, as Import-SyncLine applies them: the
/// checks New-SyncConnection and New-SyncLine make, names already taken (replaced only when forced), and identities (the
/// store's own id of a replaced line wins, and an imported id that another line has is renewed).
/// </summary>
public sealed class LineImporter
{
    private readonly SyncStore _store;
    private readonly LineDocument _document;
    private readonly bool _force;
    private readonly List<SyncLine> _existing;
    private readonly HashSet<string> _failedConnections = new(StringComparer.OrdinalIgnoreCase);

    public LineImporter(SyncStore store, LineDocument document, bool force)
    {
        _store = store;
        _document = document;
        _force = force;
        _existing = store.GetLines().ToList();
    }

    public ImportStep CheckConnection(SyncConnection connection)
    {
        var current = _store.GetConnection(connection.Name);
        if (current is not null && LineDocument.SameDefinition(current, connection)) return new(ImportAction.Unchanged);
        if (ConnectionDefinition.Check(connection) is { } problem) return Refuse(connection, new(problem.Code.ToString(), problem.Message));
        if (current is not null && !_force) return Refuse(connection, new("ConnectionDiffers", Messages.ImportedConnectionDiffers(connection.Name), NameTaken: true));
        return new(current is null ? ImportAction.Add : ImportAction.Replace);
    }

    private ImportStep Refuse(SyncConnection connection, ImportProblem problem)
    {
        _failedConnections.Add(connection.Name);
        return new(ImportAction.Refused, problem);
    }

    /// <summary>A connection that was not saved after all: the lines that use it are left out.</summary>
    public void ConnectionNotSaved(SyncConnection connection) => _failedConnections.Add(connection.Name);

    /// <summary>Whether and how a line is imported; its id is set to the one it gets in the store. Null: left out with its connection.</summary>
    public ImportStep? CheckLine(SyncLine line)
    {
        if (_failedConnections.Contains(line.Source) || _failedConnections.Contains(line.Target)) return null;
        var current = _existing.FirstOrDefault(l => string.Equals(l.Name, line.Name, StringComparison.OrdinalIgnoreCase));
        if (current is not null && !_force) return new(ImportAction.Refused, new("SyncLineExists", Messages.LineExists(line.Name), NameTaken: true));
        // The store's own identity wins, so a replaced line keeps its state, and an import never clashes with another line's id.
        line.Id = current?.Id ?? (_existing.Any(l => l.Id == line.Id) ? Guid.NewGuid() : line.Id);
        var universe = _existing.Where(l => l.Id != line.Id).Concat(_document.Lines).DistinctBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var problems = new LineChecker(_store.GetConnection, universe).CheckDefinition(line).Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (problems.Count > 0) return new(ImportAction.Refused, new("SyncLineInvalid", Messages.CheckFailed(line.Name, problems)));
        return new(current is null ? ImportAction.Add : ImportAction.Replace);
    }

    /// <summary>A line saved: the next ones are checked against it.</summary>
    public void Saved(SyncLine line)
    {
        _existing.RemoveAll(l => l.Id == line.Id);
        _existing.Add(line);
    }
}
