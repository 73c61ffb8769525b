namespace OfiSync.Core.Engine;

/// <summary>A row picked from a preview: its key, the action shown, and the values as the preview kept them.</summary>
public sealed class SelectedRow
{
    public string Key { get; init; } = "";
    public RowAction Action { get; init; }
    public IReadOnlyDictionary<string, object?> Values { get; init; } = new Dictionary<string, object?>();
    public string? Error { get; init; }
}
