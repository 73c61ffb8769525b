using OfiSync.Core.Lines;

namespace OfiSync.Core.Engine;

/// <summary>A preview row as it came back from the user (through Where-Object, Select-Object, Import-Clixml...).</summary>
public sealed class PickedRow
{
    public string Line { get; init; } = "";
    public string Key { get; init; } = "";
    public string Action { get; init; } = "";
    /// <summary>Every other property still on the row, by name: the columns the user kept, with their values.</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();
    public string? Error { get; init; }
    /// <summary>The row went through text that keeps neither types nor NULLs (Export-Csv and Import-Csv).</summary>
    public bool FromText { get; init; }
    /// <summary>The object the user gave, as the target of an error about it.</summary>
    public object? Source { get; init; }
}

/// <summary>The picked rows of one line that kept the same columns: applied together, with exactly those columns.</summary>
public sealed record PickedRun(SyncLine Line, IReadOnlyList<SelectedRow> Rows, IReadOnlyList<string> Columns);

/// <summary>Why some picked rows are not applied: an error id, the object at fault, and a message that says what to do.</summary>
public sealed record PickProblem(string Id, object? Target, string Message, bool LineNotFound = false);

/// <summary>Turns the preview rows a user kept into runs of exactly those rows and columns, refusing what cannot be applied as shown.</summary>
public static class PreviewPicks
{
    /// <summary>How a target column shows as a property of a preview row: Line, Key, Action, Changes and Error are taken.</summary>
    public static string PropertyName(string column) => Reserved.Contains(column, StringComparer.OrdinalIgnoreCase) ? column + "_" : column;

    public static readonly IReadOnlyList<string> Reserved = new[] { "Line", "Key", "Action", "Changes", "Error" };

    public static (List<PickedRun> Runs, List<PickProblem> Problems) Plan(IEnumerable<PickedRow> picked, Func<string, SyncLine?> findLine)
    {
        var runs = new List<PickedRun>();
        var problems = new List<PickProblem>();
        foreach (var group in picked.GroupBy(r => r.Line, StringComparer.OrdinalIgnoreCase))
        {
            var line = findLine(group.Key);
            if (line is null)
            {
                problems.Add(new PickProblem("SyncLineNotFound", group.Key, Messages.LineNotFound(group.Key), LineNotFound: true));
                continue;
            }
            var fromText = group.Where(r => r.FromText).ToList();
            if (fromText.Count > 0)
                problems.Add(new PickProblem("PreviewRowsFromText", fromText[0].Source, Messages.PreviewRowsFromText(line.Name, fromText.Count)));
            var columns = line.Columns.Select(c => c.TargetColumn).ToList();
            var byProperty = columns.ToDictionary(PropertyName, c => c, StringComparer.OrdinalIgnoreCase);
            var kept = new List<(SelectedRow Row, List<string> Kept)>();
            foreach (var row in group.Where(r => !r.FromText))
            {
                if (!Enum.TryParse<RowAction>(row.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
                {
                    problems.Add(new PickProblem("PreviewRowActionInvalid", row.Source, Messages.PreviewRowActionInvalid(line.Name, row.Key, row.Action)));
                    continue;
                }
                if (action == RowAction.Unchanged) continue; // shown by -IncludeUnchanged: nothing to do
                var unknown = row.Properties.Keys.Where(p => !byProperty.ContainsKey(p)).ToList();
                if (unknown.Count > 0)
                {
                    problems.Add(new PickProblem("PreviewRowPropertyUnknown", row.Source, Messages.PreviewRowPropertyUnknown(line.Name, row.Key, unknown, columns)));
                    continue;
                }
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var (property, value) in row.Properties) values[byProperty[property]] = value;
                var selected = new SelectedRow { Key = row.Key, Action = action, Values = values, Error = string.IsNullOrWhiteSpace(row.Error) ? null : row.Error };
                // A delete or a flag needs only the key; the other rows are written with exactly the columns they kept.
                kept.Add((selected, action is RowAction.Delete or RowAction.Flag ? columns : columns.Where(values.ContainsKey).ToList()));
            }
            foreach (var same in kept.GroupBy(k => string.Join("\u001F", k.Kept)))
                runs.Add(new PickedRun(line, same.Select(k => k.Row).ToList(), same.First().Kept));
        }
        return (runs, problems);
    }
}
