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
    private static readonly string[] Reserved = { "Line", "Key", "Action", "Changes", "Error" };

    public static PSObject ToObject(PreviewRow row)
    {
        var o = new PSObject();
        o.TypeNames.Insert(0, TypeName);
        o.Properties.Add(new PSNoteProperty("Line", row.Line));
        o.Properties.Add(new PSNoteProperty("Key", row.Key));
        o.Properties.Add(new PSNoteProperty("Action", row.Action.ToString()));
        if (row.Action != RowAction.Delete)
            for (var i = 0; i < row.Columns.Count; i++)
                o.Properties.Add(new PSNoteProperty(PropertyName(row.Columns[i]), row.Values[i]));
        o.Properties.Add(new PSNoteProperty("Changes", row.Changes.ToArray()));
        o.Properties.Add(new PSNoteProperty("Error", row.Error));
        return o;
    }

    /// <summary>A target column called Line, Key, Action, Changes or Error shows as that name with a trailing underscore.</summary>
    public static string PropertyName(string column) => Reserved.Contains(column, StringComparer.OrdinalIgnoreCase) ? column + "_" : column;

    public static bool IsPreview(PSObject o) =>
        o.TypeNames.Contains(TypeName) || (o.Properties["Line"] is not null && o.Properties["Key"] is not null && o.Properties["Action"] is not null && o.BaseObject is PSCustomObject);

    /// <summary>The row as the user kept it: the action, and the value of every column property still present.</summary>
    public static SelectedRow ToSelected(PSObject o, IReadOnlyList<string> columns, out List<string> kept)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        kept = new List<string>();
        foreach (var column in columns)
        {
            if (o.Properties[PropertyName(column)] is not { } p) continue;
            values[column] = MapParser.Unwrap(p.Value);
            kept.Add(column);
        }
        return new SelectedRow
        {
            Key = o.Properties["Key"]!.Value?.ToString() ?? "",
            Action = Enum.Parse<RowAction>(o.Properties["Action"]!.Value?.ToString() ?? "Update", ignoreCase: true),
            Values = values,
            Error = o.Properties["Error"]?.Value as string,
        };
    }
}
