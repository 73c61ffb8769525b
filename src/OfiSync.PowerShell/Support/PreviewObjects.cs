using System.Management.Automation;
using OfiSync.Core.Engine;

namespace OfiSync.PowerShell.Support;

/// <summary>
/// Preview rows as pipeline objects: Line, Key, Action, then each mapped target column as a property (so Where-Object
/// works on them), then Changes and Error. Invoke-OfiSync reads them back: the properties still there are the columns kept.
/// </summary>
internal static class PreviewObjects
{
    public const string TypeName = "OfiSync.PreviewRow";

    public static PSObject ToObject(PreviewRow row)
    {
        var o = new PSObject();
        o.TypeNames.Insert(0, TypeName);
        o.Properties.Add(new PSNoteProperty("Line", row.Line));
        o.Properties.Add(new PSNoteProperty("Key", row.Key));
        o.Properties.Add(new PSNoteProperty("Action", row.Action.ToString()));
        for (var i = 0; i < row.Columns.Count && i < row.Values.Length; i++)
            o.Properties.Add(new PSNoteProperty(PreviewPicks.PropertyName(row.Columns[i]), row.Values[i]));
        o.Properties.Add(new PSNoteProperty("Changes", row.Changes.ToArray()));
        o.Properties.Add(new PSNoteProperty("Error", row.Error));
        return o;
    }

    /// <summary>
    /// Whether an object is a preview row: made by Get-SyncPreview (also after Select-Object or Import-Clixml, which keep
    /// its type name as Selected.* or Deserialized.*), or any object with Line, Key and Action, as Import-Csv gives.
    /// </summary>
    public static bool IsPreview(PSObject o) =>
        HasPreviewType(o) || (o.Properties["Line"] is not null && o.Properties["Key"] is not null && o.Properties["Action"] is not null && o.BaseObject is PSCustomObject);

    private static bool HasPreviewType(PSObject o) =>
        o.TypeNames.Any(t => t == TypeName || (t.EndsWith("." + TypeName, StringComparison.Ordinal) && !t.StartsWith("CSV:", StringComparison.Ordinal)));

    /// <summary>
    /// Whether the row went through Export-Csv and Import-Csv: Import-Csv names its type CSV:OfiSync.PreviewRow when the file
    /// has a #TYPE line, and otherwise gives every property as text, Changes included (an array becomes its type's name).
    /// </summary>
    private static bool CameThroughText(PSObject o) =>
        o.TypeNames.Any(t => t.StartsWith("CSV:", StringComparison.Ordinal))
        || (!HasPreviewType(o) && o.Properties["Changes"]?.Value is string && o.Properties.OfType<PSNoteProperty>().All(p => p.Value is null or string));

    public static PickedRow ToPicked(PSObject o)
    {
        var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in o.Properties.OfType<PSNoteProperty>())
            if (!PreviewPicks.Reserved.Contains(p.Name, StringComparer.OrdinalIgnoreCase)) properties[p.Name] = MapParser.Unwrap(p.Value);
        return new PickedRow
        {
            Line = o.Properties["Line"]?.Value?.ToString() ?? "",
            Key = o.Properties["Key"]?.Value?.ToString() ?? "",
            Action = o.Properties["Action"]?.Value?.ToString() ?? "",
            Error = o.Properties["Error"]?.Value as string,
            Properties = properties,
            FromText = CameThroughText(o),
            Source = o,
        };
    }
}
