using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine.Writers;

/// <summary>
/// SQL Server: SqlBulkCopy of the batch into a #staging table, then one MERGE by the key that also returns the CRM
/// ids. A batch that fails is rolled back and split in halves until the failing rows stand alone.
/// </summary>
public sealed class SqlServerTargetWriter : ITargetWriter
{
    private readonly SqlConnection _connection;
    private readonly WriterShape _shape;
    private readonly int _timeout;
    private bool _prepared;

    public SqlServerTargetWriter(DbConnection connection, WriterShape shape, int commandTimeout)
    {
        _connection = (SqlConnection)connection;
        _shape = shape;
        _timeout = commandTimeout;
    }

    public IReadOnlyList<ColumnInfo> Columns => _shape.Columns;

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

    public static string DeleteSql(WriterShape shape, DeletePolicy policy, string? flagColumn)
    {
        var where = string.Join(" AND ", shape.KeyIndexes.Select((i, n) => $"{shape.Quoted[i]} = @k{n}"));
        return policy == DeletePolicy.Flag
            ? $"UPDATE {shape.Table} SET {shape.Provider.QuoteIdentifier(flagColumn!)} = @flag WHERE {where};"
            : $"DELETE FROM {shape.Table} WHERE {where};";
    }

    public static string SelectCurrentSql(WriterShape shape) =>
        $"SELECT {string.Join(", ", shape.Quoted)} FROM {shape.Table} WHERE {string.Join(" AND ", shape.KeyIndexes.Select((i, n) => $"{shape.Quoted[i]} = @k{n}"))};";

    public async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        if (!_prepared)
        {
            await ExecuteAsync(CreateStageSql(_shape), null, cancel).ConfigureAwait(false);
            _prepared = true;
        }
        var outcomes = new WriteOutcome[rows.Count];
        await WriteSplittingAsync(rows, 0, rows.Count, outcomes, cancel).ConfigureAwait(false);
        return outcomes;
    }

    private async Task WriteSplittingAsync(IReadOnlyList<WriteRow> rows, int start, int count, WriteOutcome[] outcomes, CancellationToken cancel)
    {
        try
        {
            var ids = await WriteBatchAsync(rows, start, count, cancel).ConfigureAwait(false);
            for (var i = 0; i < count; i++) outcomes[start + i] = new WriteOutcome(true, ids?.GetValueOrDefault(start + i));
        }
        catch (Exception ex) when (TransientFaults.IsRowError(ex) && !cancel.IsCancellationRequested)
        {
            if (count == 1)
            {
                outcomes[start] = new WriteOutcome(false, Error: ex.Message);
                return;
            }
            var half = count / 2;
            await WriteSplittingAsync(rows, start, half, outcomes, cancel).ConfigureAwait(false);
            await WriteSplittingAsync(rows, start + half, count - half, outcomes, cancel).ConfigureAwait(false);
        }
    }

    private async Task<Dictionary<int, string>?> WriteBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel)
    {
        using var table = new DataTable();
        foreach (var c in _shape.Columns) table.Columns.Add(c.Name, Nullable.GetUnderlyingType(c.ClrType) ?? (c.ClrType == typeof(object) ? typeof(object) : c.ClrType));
        table.Columns.Add("ofisync_seq", typeof(int));
        for (var r = start; r < start + count; r++)
        {
            var values = new object?[_shape.Columns.Count + 1];
            for (var i = 0; i < _shape.Columns.Count; i++) values[i] = rows[r].Values[i] ?? DBNull.Value;
            values[^1] = r;
            table.Rows.Add(values);
        }
        await using var transaction = (SqlTransaction)await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await ExecuteAsync($"TRUNCATE TABLE {Stage};", transaction, cancel).ConfigureAwait(false);
        using (var bulk = new SqlBulkCopy(_connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = Stage, BulkCopyTimeout = _timeout })
        {
            foreach (DataColumn c in table.Columns) bulk.ColumnMappings.Add(c.ColumnName, c.ColumnName);
            await bulk.WriteToServerAsync(table, cancel).ConfigureAwait(false);
        }
        Dictionary<int, string>? ids = null;
        await using (var merge = new SqlCommand(MergeSql(_shape), _connection, transaction) { CommandTimeout = _timeout })
        await using (var reader = await merge.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            if (_shape.QuotedId is not null)
            {
                ids = new Dictionary<int, string>();
                while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                    if (!reader.IsDBNull(1)) ids[reader.GetInt32(0)] = RowKey.Text(reader.GetValue(1));
            }
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return ids;
    }

    public async Task<WriteOutcome[]> DeleteAsync(IReadOnlyList<WriteRow> keys, DeletePolicy policy, ColumnInfo? flagColumn, object? flagValue, CancellationToken cancel)
    {
        var outcomes = new WriteOutcome[keys.Count];
        for (var r = 0; r < keys.Count; r++)
        {
            try
            {
                await using var command = new SqlCommand(DeleteSql(_shape, policy, flagColumn?.Name), _connection) { CommandTimeout = _timeout };
                for (var n = 0; n < _shape.KeyIndexes.Length; n++) command.Parameters.AddWithValue("@k" + n, keys[r].Values[n] ?? DBNull.Value);
                if (policy == DeletePolicy.Flag) command.Parameters.AddWithValue("@flag", flagValue ?? DBNull.Value);
                await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                outcomes[r] = WriteOutcome.Ok;
            }
            catch (SqlException ex) when (TransientFaults.IsRowError(ex))
            {
                outcomes[r] = new WriteOutcome(false, Error: ex.Message);
            }
        }
        return outcomes;
    }

    public async Task<Dictionary<string, object?[]>> ReadCurrentAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            await using var command = new SqlCommand(SelectCurrentSql(_shape), _connection) { CommandTimeout = _timeout };
            var keys = _shape.KeyValues(row);
            for (var n = 0; n < keys.Length; n++) command.Parameters.AddWithValue("@k" + n, keys[n] ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) continue;
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            result[row.SourceKey] = values;
        }
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancel)
    {
        await using var command = new SqlCommand($"SELECT COUNT_BIG(*) FROM {_shape.Table};", _connection) { CommandTimeout = _timeout };
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false));
    }

    private async Task ExecuteAsync(string sql, SqlTransaction? transaction, CancellationToken cancel)
    {
        await using var command = new SqlCommand(sql, _connection, transaction) { CommandTimeout = _timeout };
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
