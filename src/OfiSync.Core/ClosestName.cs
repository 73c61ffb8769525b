namespace OfiSync.Core;

/// <summary>The known name a misspelt one most likely meant, for "did you mean" in messages.</summary>
internal static class ClosestName
{
    /// <summary>
    /// The candidate nearest to <paramref name="name"/>, ignoring case, when it is near enough to be a slip (at most one
    /// edit in three characters: a letter missing, extra, wrong or two swapped); the first such candidate on a tie.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        var wanted = name.ToLowerInvariant();
        var limit = Math.Max(1, wanted.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) continue;
            var distance = Distance(wanted, candidate.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) that turn a into b: the optimal string alignment distance.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
