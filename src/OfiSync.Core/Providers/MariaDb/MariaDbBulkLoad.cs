using System.Data;
using System.Globalization;
using MySqlConnector;
using OfiSync.Core.Engine.Writers;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// A batch into the staging table with LOAD DATA LOCAL (MySqlBulkCopy). LOAD DATA does not fail on a bad value, strict
/// mode or not: it truncates a long text, clamps a number out of range, turns a NULL into a NOT NULL column's default,
/// and only warns. A warning (a note, such as a decimal rounded to the column's scale, is what any INSERT does too)
/// fails the batch as a row error, so that the batch is split down to the row that caused it.
/// </summary>
internal static class MariaDbBulkLoad
{
    public static async Task LoadAsync(MySqlConnection connection, MySqlTransaction transaction, string stage, WriterShape shape,
        IReadOnlyList<Engine.Writers.WriteRow> rows, int start, int count, int timeout, CancellationToken cancel)
    {
        // Object columns: each value goes as its own type, converted by the engine already; the invariant culture for anything else.
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var c in shape.Columns) table.Columns.Add(c.Name, typeof(object));
        table.Columns.Add("ofisync_seq", typeof(int));
        for (var r = start; r < start + count; r++)
        {
            var values = new object?[shape.Columns.Count + 1];
            for (var i = 0; i < shape.Columns.Count; i++) values[i] = rows[r].Values[i] ?? DBNull.Value;
            values[^1] = r;
            table.Rows.Add(values);
        }
        var bulk = new MySqlBulkCopy(connection, transaction) { DestinationTableName = shape.Provider.QuoteIdentifier(stage), BulkCopyTimeout = timeout };
        var result = await bulk.WriteToServerAsync(table, cancel).ConfigureAwait(false);
        var warning = result.Warnings.FirstOrDefault(w => !string.Equals(w.Level, "Note", StringComparison.OrdinalIgnoreCase));
        if (warning is not null) throw new MariaDbLoadWarningException((int)warning.ErrorCode, warning.Message);
        if (result.RowsInserted != count) throw new MariaDbLoadWarningException(0, Messages.Stored.BulkLoadIncomplete(count, result.RowsInserted));
    }
}

/// <summary>A warning of LOAD DATA about a row's value, which an INSERT in strict mode would have raised as an error.</summary>
public sealed class MariaDbLoadWarningException : Exception
{
    public MariaDbLoadWarningException(int number, string message) : base(message) => Number = number;

    public int Number { get; }
}
