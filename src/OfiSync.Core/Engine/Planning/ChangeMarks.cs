using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine;

/// <summary>Follows the highest change value a plan has read, and says when it may become the line's mark.</summary>
internal sealed class ChangeMarks
{
    private readonly int _ordinal;
    private readonly Family _family;
    private readonly bool _windowed;
    private object? _highest;

    private ChangeMarks(int ordinal, Family family, bool windowed) => (_ordinal, _family, _windowed) = (ordinal, family, windowed);

    public static ChangeMarks? For(LineSession session) =>
        session.Window is { } window && session.Query.ChangeOrdinal >= 0
            ? new ChangeMarks(session.Query.ChangeOrdinal, TypeCompatibility.FamilyOf(window.Column), window.Windowed)
            : null;

    public void See(MappedRow row)
    {
        if (row.Source is null) return;
        var value = ChangeWindow.Normalize(row.Source[_ordinal], _family);
        if (value is not null && (_highest is null || ChangeWindow.Compare(value, _highest) > 0)) _highest = value;
    }

    /// <summary>After a batch: in change order, every row up to the highest value read has been read.</summary>
    public string? AfterBatch() => _windowed && _highest is not null ? ChangeWindow.Text(_highest) : null;

    /// <summary>At the end of the read, whatever its order.</summary>
    public string? AtEnd() => _highest is null ? null : ChangeWindow.Text(_highest);
}
