using System.Management.Automation;
using OfiSync.Core.Engine;

namespace OfiSync.PowerShell.Support;

/// <summary>The progress of a whole sync: a parent bar for the set, and one child bar per running line, written from the pipeline thread.</summary>
internal sealed class SetProgress
{
    private const int ParentId = 1;
    private readonly Cmdlet _cmdlet;
    private readonly SyncSet _set;
    private readonly int _lines;
    private readonly ProgressRecord _parent;
    private readonly Dictionary<int, ProgressRecord> _children = new();
    private int _ended;
    private long _last = long.MinValue / 2;

    public SetProgress(Cmdlet cmdlet, SyncSet set, int lines)
    {
        _cmdlet = cmdlet;
        _set = set;
        _lines = lines;
        _parent = new ProgressRecord(ParentId, Core.Messages.ProgressSet(lines), Core.Messages.ProgressSetStatus(0, lines, Array.Empty<string>()));
    }

    public void Started(LineStarted started)
    {
        var child = new ProgressRecord(ParentId + 1 + started.Index, Core.Messages.ProgressSync(started.Line.Name), Core.Messages.ProgressReading)
        {
            ParentActivityId = ParentId,
        };
        _children[started.Index] = child;
        _cmdlet.WriteProgress(child);
    }

    public void Ended(LineEnded ended)
    {
        _ended++;
        if (!_children.Remove(ended.Index, out var child)) return;
        child.RecordType = ProgressRecordType.Completed;
        _cmdlet.WriteProgress(child);
    }

    /// <summary>At most four times a second: the set's bar, and each running line's rows.</summary>
    public void Report()
    {
        // Called for every row: a tick count, not a clock, decides.
        if (Environment.TickCount64 - _last < 250) return;
        _last = Environment.TickCount64;
        var running = _set.Running;
        _parent.StatusDescription = Core.Messages.ProgressSetStatus(_ended, _lines, running.Select(r => r.Line.Name));
        _parent.PercentComplete = _lines > 0 ? 100 * _ended / _lines : -1;
        _cmdlet.WriteProgress(_parent);
        foreach (var (_, index, latest) in running)
        {
            if (latest is not { } p || !_children.TryGetValue(index, out var child)) continue;
            child.StatusDescription = Core.Messages.ProgressRowsOf(p.Done, p.Total, p.RowsPerSecond);
            child.PercentComplete = p.Total is > 0 ? (int)Math.Min(100, 100 * p.Done / p.Total.Value) : -1;
            _cmdlet.WriteProgress(child);
        }
    }

    public void Done()
    {
        foreach (var child in _children.Values)
        {
            child.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(child);
        }
        _children.Clear();
        _parent.RecordType = ProgressRecordType.Completed;
        _cmdlet.WriteProgress(_parent);
    }
}
