using OfiSync.Core.Providers;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine.Writers;

/// <summary>The quoted names a writer's SQL is made of: the table, the written columns, the key columns, the id column.</summary>
public sealed class WriterShape
{
    public WriterShape(IDatabaseProvider provider, string table, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<string> keyColumns, ColumnInfo? idColumn)
    {
        Provider = provider;
        Table = provider.QuoteTable(table);
        TableName = table;
        Columns = columns;
        KeyIndexes = keyColumns.Select(k => columns.ToList().FindIndex(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (KeyIndexes.Any(i => i < 0)) throw new ArgumentException(Messages.EveryKeyColumnWritten, nameof(keyColumns));
        IdColumn = idColumn;
        Quoted = columns.Select(c => provider.QuoteIdentifier(c.Name)).ToArray();
    }

    public IDatabaseProvider Provider { get; }
    public string Table { get; }
    public string TableName { get; }
    public IReadOnlyList<ColumnInfo> Columns { get; }
    public int[] KeyIndexes { get; }
    public ColumnInfo? IdColumn { get; }
    public string[] Quoted { get; }
    public string? QuotedId => IdColumn is null ? null : Provider.QuoteIdentifier(IdColumn.Name);
    public IEnumerable<int> NonKeyIndexes => Enumerable.Range(0, Columns.Count).Except(KeyIndexes);
    public object?[] KeyValues(WriteRow row) => KeyIndexes.Select(i => row.Values[i]).ToArray();

    /// <summary>The value of a column in a row, for an error message that names it.</summary>
    public string Describe(WriteRow row, string column)
    {
        var i = Columns.ToList().FindIndex(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
        return i < 0 ? column : $"{Columns[i].Name} = {(row.Values[i] is null ? "NULL" : "'" + RowKey.Text(row.Values[i]) + "'")}";
    }
}
