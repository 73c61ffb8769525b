using OfiSync.Core.Lines;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// The CRM ids another line recorded, by its source key (how a sales statistics row finds its customer's record),
/// and, for a key without one, the true reason: each tells what to do.
/// </summary>
internal sealed class LineTargetIds
{
    private readonly string _name;
    private readonly SyncLine? _line;
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    /// <summary>Keys the line has a state for but no usable id: their status, or "" when written without an id.</summary>
    private readonly Dictionary<string, StateStatus> _withoutId = new(StringComparer.Ordinal);
    private readonly Func<HashSet<string>>? _readDeleted;
    private HashSet<string>? _deleted;

    private LineTargetIds(string name, SyncLine? line, Func<HashSet<string>>? readDeleted)
    {
        _name = name;
        _line = line;
        _readDeleted = readDeleted;
    }

    /// <summary>Reads the line's states once; its deleted keys only when a key is missing.</summary>
    public static LineTargetIds Read(SyncStore store, string lineName)
    {
        var line = store.GetLine(lineName);
        if (line is null) return new LineTargetIds(lineName, null, null);
        var result = new LineTargetIds(line.Name, line, () => store.GetDeletedKeys(line.Id));
        foreach (var state in store.StreamStates(line.Id))
        {
            if (state.Status == StateStatus.Succeeded && state.TargetId is not null) result._ids[state.SourceKey] = state.TargetId;
            else result._withoutId[state.SourceKey] = state.Status;
        }
        return result;
    }

    public bool TryGetId(string key, out string id) => _ids.TryGetValue(key, out id!);

    /// <summary>Why the line gives no CRM id for this key, and what to do.</summary>
    public string WhyMissing(string column, string key)
    {
        if (_line is null) return Messages.Stored.IdLineNotFound(column, key, _name);
        if (_line.TargetId is null) return Messages.Stored.IdLineRecordsNoIds(column, key, _name);
        if (_withoutId.TryGetValue(key, out var status))
            return status switch
            {
                StateStatus.Succeeded => Messages.Stored.IdRecordedBeforeTargetId(column, key, _name),
                StateStatus.Failed => Messages.Stored.IdLineWriteFailed(column, key, _name),
                _ => Messages.Stored.IdLineWriteInterrupted(column, key, _name),
            };
        _deleted ??= _readDeleted!();
        if (_deleted.Contains(key))
            return _line.DeletePolicy == DeletePolicy.Flag
                ? Messages.Stored.IdLineFlagged(column, key, _name, _line.FlagColumn ?? "", _line.FlagValue)
                : Messages.Stored.IdLineDeleted(column, key, _name);
        return Messages.Stored.NotYetInTarget(column, key, _name);
    }
}
