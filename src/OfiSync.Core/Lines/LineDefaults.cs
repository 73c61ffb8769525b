using OfiSync.Core.Connections;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Lines;

/// <summary>Fills in what a user may leave out when adding a line: the target key and, without a map, the map itself.</summary>
public static class LineDefaults
{
    /// <summary>Target key columns default to where the key's source columns are mapped, or the same names; unmapped key columns are mapped.</summary>
    public static void CompleteKey(SyncLine line)
    {
        if (line.TargetKey.Count == 0)
        {
            line.TargetKey = line.Key.Select(k => line.Columns.FirstOrDefault(c => c.Kind is MappingKind.Column or MappingKind.LineTargetId
                && string.Equals(c.SourceColumn, k, StringComparison.OrdinalIgnoreCase))?.TargetColumn ?? k).ToList();
        }
        for (var i = 0; i < Math.Min(line.Key.Count, line.TargetKey.Count); i++)
        {
            if (!line.Columns.Any(c => string.Equals(c.TargetColumn, line.TargetKey[i], StringComparison.OrdinalIgnoreCase)))
                line.Columns.Insert(i, new ColumnMapping { TargetColumn = line.TargetKey[i], SourceColumn = line.Key[i] });
        }
    }

    /// <summary>Maps every source column to the target column of the same name (case-insensitive).</summary>
    public static async Task<string?> AutoMapAsync(SyncLine line, SyncConnection source, SyncConnection target, ConnectionOpener opener, CancellationToken cancel)
    {
        IReadOnlyList<ColumnInfo>? sourceColumns, targetColumns;
        await using (var db = await opener.OpenAsync(source, cancel).ConfigureAwait(false))
            sourceColumns = await SchemaReader.ReadColumnsAsync(db, Providers.DatabaseProviders.Get(source.Provider), line.SourceTable, line.SourceQuery, cancel).ConfigureAwait(false);
        await using (var db = await opener.OpenAsync(target, cancel).ConfigureAwait(false))
            targetColumns = await SchemaReader.ReadColumnsAsync(db, Providers.DatabaseProviders.Get(target.Provider), line.TargetTable, null, cancel).ConfigureAwait(false);
        if (sourceColumns is null) return Messages.TableNotFound(line.SourceTable!, source.Name);
        if (targetColumns is null) return Messages.TableNotFound(line.TargetTable, target.Name);
        foreach (var s in sourceColumns)
        {
            var t = LineChecker.Find(targetColumns, s.Name);
            if (t is not null && !line.Columns.Any(c => string.Equals(c.TargetColumn, t.Name, StringComparison.OrdinalIgnoreCase)))
                line.Columns.Add(new ColumnMapping { TargetColumn = t.Name, SourceColumn = s.Name });
        }
        return line.Columns.Count == 0 ? Messages.NoCommonColumns(line.SourceTable ?? Messages.TheSourceQuery, line.TargetTable) : null;
    }
}
