using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using OfiSync.Core.Engine;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers.SqlServer;

/// <summary>
/// SQL Server: SqlBulkCopy of the batch into a #staging table, then one MERGE by the key that also returns the CRM
/// ids. A batch that fails is rolled back and split in halves until the failing rows stand alone.
/// </summary>
public sealed partial class SqlServerTargetWriter : TargetWriterBase
{
    private readonly SqlConnection _connection;
    private bool _prepared;

    public SqlServerTargetWriter(DbConnection connection, WriterShape shape, int commandTimeout) : base(connection, shape, commandTimeout)
    {
        _connection = (SqlConnection)connection;
    }

    private const string Stage = "#ofisync_stage";

    /// <summary>The staging table: the target's columns and types, no constraints, plus the row's position in the batch.</summary>
    public static string CreateStageSql(WriterShape shape) =>
        $"SELECT TOP (0) {string.Join(", ", shape.Quoted)} INTO {Stage} FROM {shape.Table}; ALTER TABLE {Stage} ADD ofisync_seq INT NOT NULL;";

    public static string MergeSql(WriterShape shape)
    {
        var on = string.Join(" AND ", shape.KeyIndexes.Select(i => $"t.{shape.Quoted[i]} = s.{shape.Quoted[i]}"));
        var sets = shape.NonKeyIndexes.Select(i => $"t.{shape.Quoted[i]} = s.{shape.Quoted[i]}").ToList();
        var output = shape.QuotedId is null ? "" : $" OUTPUT s.ofisync_seq, inserted.{shape.QuotedId}";
        return $"MERGE {shape.Table} WITH (HOLDLOCK) AS t USING {Stage} AS s ON {on}" +
               (sets.Count > 0 ? $" WHEN MATCHED THEN UPDATE SET {string.Join(", ", sets)}" : "") +
               $" WHEN NOT MATCHED BY TARGET THEN INSERT ({string.Join(", ", shape.Quoted)}) VALUES ({string.Join(", ", shape.Quoted.Select(q => "s." + q))})" +
               output + ";";
    }

    public override async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        if (!_prepared)
        {
            await ExecuteAsync(CreateStageSql(Shape), null, cancel).ConfigureAwait(false);
            _prepared = true;
        }
        return await WriteSplittingAsync(rows, cancel).ConfigureAwait(false);
    }

    protected override async Task<Dictionary<int, string>?> WriteBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel)
    {
        // A DataTable converts a value to its column's type with its Locale, the current culture unless set.
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var c in Shape.Columns) table.Columns.Add(c.Name, Nullable.GetUnderlyingType(c.ClrType) ?? (c.ClrType == typeof(object) ? typeof(object) : c.ClrType));
        table.Columns.Add("ofisync_seq", typeof(int));
        for (var r = start; r < start + count; r++)
        {
            var values = new object?[Shape.Columns.Count + 1];
            for (var i = 0; i < Shape.Columns.Count; i++) values[i] = rows[r].Values[i] ?? DBNull.Value;
            values[^1] = r;
            table.Rows.Add(values);
        }
        await using var transaction = (SqlTransaction)await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await ExecuteAsync($"TRUNCATE TABLE {Stage};", transaction, cancel).ConfigureAwait(false);
        using (var bulk = new SqlBulkCopy(_connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = Stage, BulkCopyTimeout = Timeout })
        {
            foreach (DataColumn c in table.Columns) bulk.ColumnMappings.Add(c.ColumnName, c.ColumnName);
            await bulk.WriteToServerAsync(table, cancel).ConfigureAwait(false);
        }
        Dictionary<int, string>? ids = null;
        await using (var merge = new SqlCommand(MergeSql(Shape), _connection, transaction) { CommandTimeout = Timeout })
        await using (var reader = await merge.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            if (Shape.QuotedId is not null)
            {
                ids = new Dictionary<int, string>();
                while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                    if (!reader.IsDBNull(1)) ids[reader.GetInt32(0)] = RowKey.Text(reader.GetValue(1));
            }
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return ids;
    }

    private async Task ExecuteAsync(string sql, SqlTransaction? transaction, CancellationToken cancel)
    {
        await using var command = new SqlCommand(sql, _connection, transaction) { CommandTimeout = Timeout };
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    protected override Task<WriteOutcome> FailureAsync(Exception ex, WriteRow row, CancellationToken cancel)
    {
        if (ex is not SqlException sql) return base.FailureAsync(ex, row, cancel);
        var error = sql.Errors.Cast<SqlError>().FirstOrDefault(e => SqlServerProvider.IsRowErrorNumber(e.Number));
        var text = error?.Message ?? sql.Message;
        var named = error is null ? null : ColumnInError(error.Number, error.Message);
        var column = named is null ? null : Shape.Columns.FirstOrDefault(c => string.Equals(c.Name, named, StringComparison.OrdinalIgnoreCase))?.Name;
        return Task.FromResult(new WriteOutcome(false, Error: column is null ? text : $"{Shape.Describe(row, column)}: {text}", Column: column));
    }

    /// <summary>
    /// The target column a row error names, read from SQL Server's English message text: a CHECK conflict ("...conflicted
    /// with the CHECK constraint "ck_saldo". The conflict occurred in database "crm", table "dbo.cuenta", column 'saldo'."),
    /// a NULL into a NOT NULL column (515) and a truncated value (2628). A FOREIGN KEY conflict names the referenced
    /// table's column, not the target's, and a UNIQUE conflict names none: no column then, the message names the constraint.
    /// </summary>
    public static string? ColumnInError(int number, string message)
    {
        var pattern = number switch
        {
            547 when message.Contains(" CHECK constraint ", StringComparison.Ordinal) => CheckColumn(),
            515 => NullColumn(),
            2628 => TruncatedColumn(),
            _ => null,
        };
        var match = pattern?.Match(message);
        return match is { Success: true } ? match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;
    }

    [GeneratedRegex(@"The conflict occurred in database "".*?"", table "".*?"", column '((?:[^']|'')+)'\.", RegexOptions.CultureInvariant)]
    private static partial Regex CheckColumn();

    [GeneratedRegex(@"^Cannot insert the value NULL into column '((?:[^']|'')+)', table ", RegexOptions.CultureInvariant)]
    private static partial Regex NullColumn();

    [GeneratedRegex(@"^String or binary data would be truncated in table '.*?', column '((?:[^']|'')+)'\.", RegexOptions.CultureInvariant)]
    private static partial Regex TruncatedColumn();
}
