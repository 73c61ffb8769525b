namespace OfiSync.Core.Lines;

/// <summary>The order lines run in: dependencies first, then by Order, then by name.</summary>
public static class LineOrder
{
    public static List<SyncLine> Sort(IEnumerable<SyncLine> selected, IReadOnlyList<SyncLine> all)
    {
        var byName = all.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
        var pending = selected.OrderBy(l => l.Order).ThenBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var chosen = new HashSet<string>(pending.Select(l => l.Name), StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<SyncLine>();
        void Visit(SyncLine line, int depth)
        {
            if (done.Contains(line.Name) || depth > all.Count + 1) return;
            foreach (var dependency in line.DependsOn)
                if (chosen.Contains(dependency) && byName.TryGetValue(dependency, out var d)) Visit(d, depth + 1);
            if (done.Add(line.Name)) result.Add(line);
        }
        foreach (var line in pending) Visit(line, 0);
        return result;
    }

    /// <summary>The names along a dependency cycle through <paramref name="line"/>, or null.</summary>
    public static IReadOnlyList<string>? FindCycle(SyncLine line, IReadOnlyList<SyncLine> all)
    {
        var byName = all.Where(l => l.Id != line.Id).ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
        byName[line.Name] = line;
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List<string>? Walk(SyncLine current)
        {
            path.Add(current.Name);
            onPath.Add(current.Name);
            foreach (var dependency in current.DependsOn)
            {
                if (onPath.Contains(dependency))
                {
                    var start = path.FindIndex(n => string.Equals(n, dependency, StringComparison.OrdinalIgnoreCase));
                    return path.Skip(start).Append(dependency).ToList();
                }
                if (visited.Add(dependency) && byName.TryGetValue(dependency, out var next) && Walk(next) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            onPath.Remove(current.Name);
            return null;
        }
        var cycle = Walk(line);
        return cycle is not null && cycle.Contains(line.Name, StringComparer.OrdinalIgnoreCase) ? cycle : null;
    }
}
