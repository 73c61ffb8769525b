using System.Data.Common;
using System.Globalization;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine.Writers;

/// <summary>
/// What every target writer does the same way: deletes and flags row by row, reading current values and counting
/// rows with plain parameterised SQL, and splitting a failed batch until the rows at fault stand alone.
/// Each database brings its bulk write (<see cref="UpsertAsync"/>) and how it reads its own errors.
/// </summary>
public abstract class TargetWriterBase : ITargetWriter
{
    protected DbConnection Connection { get; }
    protected WriterShape Shape { get; }
    protected int Timeout { get; }

    protected TargetWriterBase(DbConnection connection, WriterShape shape, int commandTimeout)
    {
        Connection = connection;
        Shape = shape;
        Timeout = commandTimeout;
    }

    public IReadOnlyList<ColumnInfo> Columns => Shape.Columns;

    public WritePaths Paths { get; } = new();

    public abstract Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel);

    /// <summary>The key columns compared with @k0, @k1...</summary>
    public static string KeyWhere(WriterShape shape) =>
        string.Join(" AND ", shape.KeyIndexes.Select((i, n) => $"{shape.Quoted[i]} = @k{n}"));

    public static string DeleteSql(WriterShape shape, DeletePolicy policy, string? flagColumn) => policy == DeletePolicy.Flag
        ? $"UPDATE {shape.Table} SET {shape.Provider.QuoteIdentifier(flagColumn!)} = @flag WHERE {KeyWhere(shape)};"
        : $"DELETE FROM {shape.Table} WHERE {KeyWhere(shape)};";

    public static string SelectCurrentSql(WriterShape shape) =>
        $"SELECT {string.Join(", ", shape.Quoted)} FROM {shape.Table} WHERE {KeyWhere(shape)};";

    /// <summary>A value as this database's driver wants it bound into (or compared with) the column.</summary>
    protected virtual object Parameter(object? value, ColumnInfo? column) => value ?? DBNull.Value;

    /// <summary>A value read from the column, as the engine compares it with the value it would write.</summary>
    protected virtual object FromDatabase(object value, ColumnInfo column) => value;

    protected DbCommand Command(string sql, DbTransaction? transaction = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = Timeout;
        command.Transaction = transaction;
        return command;
    }

    protected void Bind(DbCommand command, string name, object? value, ColumnInfo? column)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = Parameter(value, column);
        command.Parameters.Add(p);
    }

    private void BindKey(DbCommand command, object?[] keyValues)
    {
        command.Parameters.Clear();
        for (var n = 0; n < keyValues.Length; n++) Bind(command, "@k" + n, keyValues[n], Shape.Columns[Shape.KeyIndexes[n]]);
    }

    /// <summary>One statement per row, each on its own: a row that cannot be deleted or flagged fails alone.</summary>
    public async Task<WriteOutcome[]> DeleteAsync(IReadOnlyList<WriteRow> keys, DeletePolicy policy, ColumnInfo? flagColumn, object? flagValue, CancellationToken cancel)
    {
        var outcomes = new WriteOutcome[keys.Count];
        await using var command = Command(DeleteSql(Shape, policy, flagColumn?.Name));
        for (var r = 0; r < keys.Count; r++)
        {
            BindKey(command, keys[r].Values);
            if (policy == DeletePolicy.Flag) Bind(command, "@flag", flagValue, flagColumn);
            try
            {
                await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                outcomes[r] = WriteOutcome.Ok;
            }
            catch (DbException ex) when (Faults.IsRowError(ex))
            {
                outcomes[r] = new WriteOutcome(false, Error: ex.Message);
            }
        }
        return outcomes;
    }

    public async Task<Dictionary<string, object?[]>> ReadCurrentAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        await using var command = Command(SelectCurrentSql(Shape));
        foreach (var row in rows)
        {
            BindKey(command, Shape.KeyValues(row));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) continue;
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : FromDatabase(reader.GetValue(i), Shape.Columns[i]);
            result[row.SourceKey] = values;
        }
        return result;
    }

    public async Task<Dictionary<string, object?>> ReadColumnAsync(IReadOnlyList<WriteRow> keys, string column, CancellationToken cancel)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        await using var command = Command($"SELECT {Shape.Provider.QuoteIdentifier(column)} FROM {Shape.Table} WHERE {KeyWhere(Shape)}");
        foreach (var key in keys)
        {
            BindKey(command, key.Values);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (await reader.ReadAsync(cancel).ConfigureAwait(false)) result[key.SourceKey] = reader.IsDBNull(0) ? null : reader.GetValue(0);
        }
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancel)
    {
        await using var command = Command($"SELECT COUNT(*) FROM {Shape.Table}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes the rows as one batch; when the batch fails because of a row's values, its halves are written apart,
    /// and so on, until each failing row stands alone and fails with its own error. Passing faults are not caught.
    /// </summary>
    protected async Task<WriteOutcome[]> WriteSplittingAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        var outcomes = new WriteOutcome[rows.Count];
        await SplitAsync(rows, 0, rows.Count, outcomes, insert: false, cancel).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// Writes rows[start..start+count) as one batch, by the plain insert when <paramref name="insert"/> (a duplicate key
    /// sends the part through the upsert), else by the upsert; a part that fails for a row's values is halved until the
    /// failing row stands alone.
    /// </summary>
    private async Task SplitAsync(IReadOnlyList<WriteRow> rows, int start, int count, WriteOutcome[] outcomes, bool insert, CancellationToken cancel)
    {
        try
        {
            var ids = insert ? await InsertBatchAsync(rows, start, count, cancel).ConfigureAwait(false)
                             : await WriteBatchAsync(rows, start, count, cancel).ConfigureAwait(false);
            for (var i = 0; i < count; i++) outcomes[start + i] = new WriteOutcome(true, ids?.GetValueOrDefault(start + i));
            if (insert) Paths.BulkInserted += count;
            else Paths.Upserted += count;
        }
        catch (Exception ex) when (insert && IsDuplicateKey(ex) && !cancel.IsCancellationRequested)
        {
            Paths.FellBack += count;
            await SplitAsync(rows, start, count, outcomes, insert: false, cancel).ConfigureAwait(false);
        }
        catch (Exception ex) when (Faults.IsRowError(ex) && !cancel.IsCancellationRequested)
        {
            if (count == 1)
            {
                outcomes[start] = await FailureAsync(ex, rows[start], cancel).ConfigureAwait(false);
                return;
            }
            var half = count / 2;
            await SplitAsync(rows, start, half, outcomes, insert, cancel).ConfigureAwait(false);
            await SplitAsync(rows, start + half, count - half, outcomes, insert, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the rows the state says are new with the plain bulk insert (<see cref="InsertBatchAsync"/>), when
    /// <paramref name="insert"/> (the target rejects a second row with the same key), and the others through the upsert.
    /// A part of the inserted rows that meets a duplicate key (the store lost its state; the target holds the rows) is
    /// written again, as a whole, through the upsert; a part that fails for a row's values is split as the upsert is.
    /// </summary>
    protected async Task<WriteOutcome[]> WriteNewByInsertAsync(IReadOnlyList<WriteRow> rows, bool insert, CancellationToken cancel)
    {
        if (!insert || !rows.Any(r => r.LikelyNew)) return await WriteSplittingAsync(rows, cancel).ConfigureAwait(false);
        var outcomes = new WriteOutcome[rows.Count];
        var fresh = Enumerable.Range(0, rows.Count).Where(i => rows[i].LikelyNew).ToArray();
        var known = Enumerable.Range(0, rows.Count).Where(i => !rows[i].LikelyNew).ToArray();
        var freshOutcomes = new WriteOutcome[fresh.Length];
        await SplitAsync(fresh.Select(i => rows[i]).ToList(), 0, fresh.Length, freshOutcomes, insert: true, cancel).ConfigureAwait(false);
        for (var n = 0; n < fresh.Length; n++) outcomes[fresh[n]] = freshOutcomes[n];
        if (known.Length > 0)
        {
            var knownOutcomes = await WriteSplittingAsync(known.Select(i => rows[i]).ToList(), cancel).ConfigureAwait(false);
            for (var n = 0; n < known.Length; n++) outcomes[known[n]] = knownOutcomes[n];
        }
        return outcomes;
    }

    /// <summary>Plain INSERT of rows[start..start+count) in one transaction, rolled back whole when it fails; the CRM ids by row index.</summary>
    protected virtual Task<Dictionary<int, string>?> InsertBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel) =>
        throw new NotSupportedException();

    /// <summary>Whether the error is a unique key's violation, which the upsert may resolve.</summary>
    protected virtual bool IsDuplicateKey(Exception ex) => false;

    /// <summary>Writes rows[start..start+count) in one transaction; the CRM ids by row index, when the line reads them.</summary>
    protected virtual Task<Dictionary<int, string>?> WriteBatchAsync(IReadOnlyList<WriteRow> rows, int start, int count, CancellationToken cancel) =>
        throw new NotSupportedException();

    /// <summary>
    /// The failure of one row, naming the column and its value when the database says which. The batch's transaction
    /// is over: the database may be asked which columns a constraint covers.
    /// </summary>
    protected virtual Task<WriteOutcome> FailureAsync(Exception ex, WriteRow row, CancellationToken cancel) =>
        Task.FromResult(new WriteOutcome(false, Error: ex.Message));

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Connection.DisposeAsync();
    }
}
