using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine.Writers;

/// <summary>
/// SQLite: one transaction per batch, prepared UPDATE then INSERT per row. A failing statement fails its row only:
/// SQLite undoes that statement and the transaction goes on, so no batch split is needed.
/// </summary>
public sealed partial class SqliteTargetWriter : ITargetWriter
{
    private readonly SqliteConnection _connection;
    private readonly WriterShape _shape;
    private readonly int _timeout;

    public SqliteTargetWriter(DbConnection connection, WriterShape shape, int commandTimeout)
    {
        _connection = (SqliteConnection)connection;
        _shape = shape;
        _timeout = commandTimeout;
    }

    public IReadOnlyList<ColumnInfo> Columns => _shape.Columns;

    private string KeyWhere(int offset) => string.Join(" AND ", _shape.KeyIndexes.Select((i, n) => $"{_shape.Quoted[i]} = @k{n + offset}"));

    public async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        var outcomes = new WriteOutcome[rows.Count];
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var returning = _shape.QuotedId is null ? "" : " RETURNING " + _shape.QuotedId;
        var nonKey = _shape.NonKeyIndexes.ToArray();
        await using var update = Command(transaction, nonKey.Length == 0
            ? $"SELECT {(_shape.QuotedId ?? "1")} FROM {_shape.Table} WHERE {KeyWhere(0)}"
            : $"UPDATE {_shape.Table} SET {string.Join(", ", nonKey.Select(i => $"{_shape.Quoted[i]} = @v{i}"))} WHERE {KeyWhere(0)}{returning}");
        await using var insert = Command(transaction,
            $"INSERT INTO {_shape.Table} ({string.Join(", ", _shape.Quoted)}) VALUES ({string.Join(", ", _shape.Columns.Select((_, i) => "@v" + i))}){returning}");
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            try
            {
                Bind(update, row);
                var (found, id) = await RunAsync(update, cancel).ConfigureAwait(false);
                if (!found)
                {
                    Bind(insert, row);
                    (_, id) = await RunAsync(insert, cancel).ConfigureAwait(false);
                }
                outcomes[r] = new WriteOutcome(true, id);
            }
            catch (SqliteException ex) when (TransientFaults.IsRowError(ex))
            {
                outcomes[r] = Failure(ex, row, transaction);
            }
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return outcomes;
    }

    public async Task<WriteOutcome[]> DeleteAsync(IReadOnlyList<WriteRow> keys, DeletePolicy policy, ColumnInfo? flagColumn, object? flagValue, CancellationToken cancel)
    {
        var outcomes = new WriteOutcome[keys.Count];
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var where = string.Join(" AND ", _shape.KeyIndexes.Select((_, n) => $"{_shape.Quoted[_shape.KeyIndexes[n]]} = @k{n}"));
        await using var command = Command(transaction, policy == DeletePolicy.Flag
            ? $"UPDATE {_shape.Table} SET {_shape.Provider.QuoteIdentifier(flagColumn!.Name)} = @flag WHERE {where}"
            : $"DELETE FROM {_shape.Table} WHERE {where}");
        for (var r = 0; r < keys.Count; r++)
        {
            try
            {
                command.Parameters.Clear();
                for (var n = 0; n < _shape.KeyIndexes.Length; n++) command.Parameters.AddWithValue("@k" + n, keys[r].Values[n] ?? DBNull.Value);
                if (policy == DeletePolicy.Flag) command.Parameters.AddWithValue("@flag", flagValue ?? DBNull.Value);
                await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                outcomes[r] = WriteOutcome.Ok;
            }
            catch (SqliteException ex) when (TransientFaults.IsRowError(ex))
            {
                outcomes[r] = new WriteOutcome(false, Error: ex.SqliteErrorCode == 19 ? ConstraintText(ex) : ex.Message);
            }
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return outcomes;
    }

    public async Task<Dictionary<string, object?[]>> ReadCurrentAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        await using var command = _connection.CreateCommand();
        command.CommandTimeout = _timeout;
        command.CommandText = $"SELECT {string.Join(", ", _shape.Quoted)} FROM {_shape.Table} WHERE {KeyWhere(0)}";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
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
        await using var command = _connection.CreateCommand();
        command.CommandTimeout = _timeout;
        command.CommandText = $"SELECT COUNT(*) FROM {_shape.Table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false));
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = _timeout;
        command.CommandText = sql;
        for (var i = 0; i < _shape.Columns.Count; i++) command.Parameters.Add(new SqliteParameter("@v" + i, null));
        for (var n = 0; n < _shape.KeyIndexes.Length; n++) command.Parameters.Add(new SqliteParameter("@k" + n, null));
        return command;
    }

    private void Bind(SqliteCommand command, WriteRow row)
    {
        for (var i = 0; i < _shape.Columns.Count; i++) command.Parameters[i].Value = Sqlite(row.Values[i]);
        for (var n = 0; n < _shape.KeyIndexes.Length; n++) command.Parameters[_shape.Columns.Count + n].Value = Sqlite(row.Values[_shape.KeyIndexes[n]]);
    }

    /// <summary>Dates go in as ISO text without a 'T' or time zone, the form SQLite's date functions read.</summary>
    private static object Sqlite(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd") : d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF").TrimEnd('.'),
        _ => value,
    };

    private static async Task<(bool Found, string? Id)> RunAsync(SqliteCommand command, CancellationToken cancel)
    {
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (await reader.ReadAsync(cancel).ConfigureAwait(false))
            return (true, reader.FieldCount > 0 && !reader.IsDBNull(0) ? RowKey.Text(reader.GetValue(0)) : null);
        return (reader.RecordsAffected > 0, null);
    }

    private WriteOutcome Failure(SqliteException ex, WriteRow row, SqliteTransaction transaction)
    {
        if (ex.SqliteErrorCode != 19) return new WriteOutcome(false, Error: ex.Message);
        var match = ConstraintColumn().Match(ex.Message);
        var column = match.Success ? match.Groups[2].Value.Split(',')[0].Trim()
            : ex.Message.Contains("FOREIGN KEY", StringComparison.Ordinal) ? ForeignKeyAtFault(row, transaction) : null;
        var text = ConstraintText(ex);
        return new WriteOutcome(false, Error: column is null ? text : $"{_shape.Describe(row, column)}: {text}", Column: column);
    }

    /// <summary>SQLite does not say which foreign key failed: the first written one whose parent row is missing.</summary>
    private string? ForeignKeyAtFault(WriteRow row, SqliteTransaction transaction)
    {
        using var list = _connection.CreateCommand();
        list.Transaction = transaction;
        list.CommandText = $"SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(@t)";
        list.Parameters.AddWithValue("@t", _shape.TableName.Split('.')[^1]);
        var keys = new List<(string Parent, string From, string? To)>();
        using (var reader = list.ExecuteReader())
            while (reader.Read()) keys.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        foreach (var (parent, from, to) in keys)
        {
            var i = _shape.Columns.ToList().FindIndex(c => string.Equals(c.Name, from, StringComparison.OrdinalIgnoreCase));
            if (i < 0 || row.Values[i] is null) continue;
            using var probe = _connection.CreateCommand();
            probe.Transaction = transaction;
            var parentKey = to is null ? "rowid" : _shape.Provider.QuoteIdentifier(to);
            probe.CommandText = $"SELECT COUNT(*) FROM {_shape.Provider.QuoteIdentifier(parent)} WHERE {parentKey} = @v";
            probe.Parameters.AddWithValue("@v", Sqlite(row.Values[i]));
            if (Convert.ToInt64(probe.ExecuteScalar()) == 0) return _shape.Columns[i].Name;
        }
        return null;
    }

    private static string ConstraintText(SqliteException ex)
    {
        var m = Regex.Match(ex.Message, "'(.*)'");
        return m.Success ? m.Groups[1].Value : ex.Message;
    }

    [GeneratedRegex(@"constraint failed: ([^.\s]+)\.([^'\s]+)")]
    private static partial Regex ConstraintColumn();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
