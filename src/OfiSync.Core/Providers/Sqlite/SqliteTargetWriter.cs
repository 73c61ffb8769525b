using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Engine;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Providers.Sqlite;

/// <summary>
/// SQLite: one transaction per batch; a row the state says is new costs one prepared plain INSERT (its id from
/// last_insert_rowid), any other a prepared UPDATE then INSERT. A failing statement fails its row only:
/// SQLite undoes that statement and the transaction goes on, so no batch split is needed.
/// </summary>
public sealed partial class SqliteTargetWriter : TargetWriterBase
{
    private readonly SqliteConnection _connection;
    private readonly bool[] _dateOnly;
    private SqliteTargetTable? _table;

    public SqliteTargetWriter(DbConnection connection, WriterShape shape, int commandTimeout) : base(connection, shape, commandTimeout)
    {
        _connection = (SqliteConnection)connection;
        _dateOnly = shape.Columns.Select(TypeCompatibility.IsDateOnly).ToArray();
    }

    public override async Task<WriteOutcome[]> UpsertAsync(IReadOnlyList<WriteRow> rows, CancellationToken cancel)
    {
        _table ??= SqliteTargetTable.Read(_connection, Shape);
        var outcomes = new WriteOutcome[rows.Count];
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var returning = Shape.QuotedId is null ? "" : " RETURNING " + Shape.QuotedId;
        var nonKey = Shape.NonKeyIndexes.ToArray();
        await using var update = Command(transaction, nonKey.Length == 0
            ? $"SELECT {(Shape.QuotedId ?? "1")} FROM {Shape.Table} WHERE {KeyWhere(Shape)}"
            : $"UPDATE {Shape.Table} SET {string.Join(", ", nonKey.Select(i => $"{Shape.Quoted[i]} = @v{i}"))} WHERE {KeyWhere(Shape)}{returning}");
        var insertSql = $"INSERT INTO {Shape.Table} ({string.Join(", ", Shape.Quoted)}) VALUES ({string.Join(", ", Shape.Columns.Select((_, i) => "@v" + i))})";
        await using var insert = Command(transaction, insertSql + returning);
        // The plain INSERT of the rows the state says are new, reused for the batch: the id is the rowid, no RETURNING.
        await using var plain = Command(transaction, insertSql);
        var rowid = Shape.QuotedId is null || _table.IdIsRowid;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            try
            {
                // Without a unique key a plain INSERT of a row the target holds would write it twice: UPDATE first.
                outcomes[r] = new WriteOutcome(true, row.LikelyNew && _table.KeyIsUnique
                    ? await InsertElseUpdateAsync(rowid ? plain : insert, rowid, update, row, cancel).ConfigureAwait(false)
                    : await UpdateElseInsertAsync(update, insert, row, cancel).ConfigureAwait(false));
            }
            catch (SqliteException ex) when (DatabaseProviders.Classify(ex) == FaultKind.Row)
            {
                outcomes[r] = Failure(ex, row, transaction);
            }
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<string?> UpdateElseInsertAsync(SqliteCommand update, SqliteCommand insert, WriteRow row, CancellationToken cancel)
    {
        Bind(update, row);
        var (found, id) = await RunAsync(update, cancel).ConfigureAwait(false);
        if (!found)
        {
            Bind(insert, row);
            id = (await RunAsync(insert, cancel).ConfigureAwait(false)).Id;
        }
        Paths.Upserted++;
        return id;
    }

    /// <summary>A new row costs one INSERT; if the target has it already (the store lost its state), the UPDATE follows.</summary>
    private async Task<string?> InsertElseUpdateAsync(SqliteCommand insert, bool rowid, SqliteCommand update, WriteRow row, CancellationToken cancel)
    {
        try
        {
            Bind(insert, row);
            string? id;
            if (!rowid) id = (await RunAsync(insert, cancel).ConfigureAwait(false)).Id;
            else
            {
                await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                id = Shape.QuotedId is null ? null : SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle).ToString(CultureInfo.InvariantCulture);
            }
            Paths.BulkInserted++;
            return id;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            Bind(update, row);
            var (found, id) = await RunAsync(update, cancel).ConfigureAwait(false);
            if (!found) throw; // not there: the INSERT's own constraint error is the row's
            Paths.FellBack++;
            Paths.Upserted++;
            return id;
        }
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = Timeout;
        command.CommandText = sql;
        for (var i = 0; i < Shape.Columns.Count; i++) command.Parameters.Add(new SqliteParameter("@v" + i, null));
        for (var n = 0; n < Shape.KeyIndexes.Length; n++) command.Parameters.Add(new SqliteParameter("@k" + n, null));
        return command;
    }

    private void Bind(SqliteCommand command, WriteRow row)
    {
        for (var i = 0; i < Shape.Columns.Count; i++) command.Parameters[i].Value = Sqlite(row.Values[i], _dateOnly[i]);
        for (var n = 0; n < Shape.KeyIndexes.Length; n++)
            command.Parameters[Shape.Columns.Count + n].Value = Sqlite(row.Values[Shape.KeyIndexes[n]], _dateOnly[Shape.KeyIndexes[n]]);
    }

    protected override object Parameter(object? value, ColumnInfo? column) => Sqlite(value, column is not null && TypeCompatibility.IsDateOnly(column));

    /// <summary>
    /// Dates go in as ISO text without a 'T' or time zone, the form SQLite's date functions read, in the Gregorian
    /// calendar whatever this machine's culture, and in ONE shape per column, chosen by its declared type: a DATE
    /// column holds 'yyyy-MM-dd' (the time of day is dropped, as a date column of any other database drops it);
    /// any other column (DATETIME, TIMESTAMP...) holds 'yyyy-MM-dd HH:mm:ss', midnight included, with the fraction of
    /// a second only when there is one. SQLite compares text, so one shape per column keeps its order and its
    /// comparisons ("ts >= '2000-02-29 00:00:00'") right.
    /// </summary>
    private static object Sqlite(object? value, bool dateOnly) => value switch
    {
        null => DBNull.Value,
        DateTime d => d.ToString(dateOnly ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>A date column's text read back as the DateTime it holds, so that a preview compares it with the new value.</summary>
    protected override object FromDatabase(object value, ColumnInfo column) =>
        value is string s && TypeCompatibility.FamilyOf(column) == Family.Date
        && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : value;

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
        var text = ConstraintText(ex);
        var match = ConstraintColumn().Match(ex.Message);
        var column = ex.SqliteExtendedErrorCode == SqliteCheckFailed ? CheckAtFault(text, transaction)
            : match.Success ? match.Groups[2].Value.Split(',')[0].Trim()
            : ex.Message.Contains("FOREIGN KEY", StringComparison.Ordinal) ? ForeignKeyAtFault(row, transaction) : null;
        return new WriteOutcome(false, Error: column is null ? text : $"{Shape.Describe(row, column)}: {text}", Column: column);
    }

    /// <summary>SQLite does not say which foreign key failed: the first written one whose parent row is missing.</summary>
    private string? ForeignKeyAtFault(WriteRow row, SqliteTransaction transaction)
    {
        using var list = _connection.CreateCommand();
        list.Transaction = transaction;
        list.CommandText = $"SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(@t)";
        list.Parameters.AddWithValue("@t", Shape.TableName.Split('.')[^1]);
        var keys = new List<(string Parent, string From, string? To)>();
        using (var reader = list.ExecuteReader())
            while (reader.Read()) keys.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        foreach (var (parent, from, to) in keys)
        {
            var i = Shape.Columns.ToList().FindIndex(c => string.Equals(c.Name, from, StringComparison.OrdinalIgnoreCase));
            if (i < 0 || row.Values[i] is null) continue;
            using var probe = _connection.CreateCommand();
            probe.Transaction = transaction;
            var parentKey = to is null ? "rowid" : Shape.Provider.QuoteIdentifier(to);
            probe.CommandText = $"SELECT COUNT(*) FROM {Shape.Provider.QuoteIdentifier(parent)} WHERE {parentKey} = @v";
            probe.Parameters.AddWithValue("@v", Sqlite(row.Values[i], _dateOnly[i]));
            if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) == 0) return Shape.Columns[i].Name;
        }
        return null;
    }

    private const int SqliteCheckFailed = 275; // SQLITE_CONSTRAINT_CHECK

    /// <summary>
    /// SQLite names a failed CHECK by its constraint name, or by its expression when it has none ("CHECK constraint
    /// failed: saldo >= 0"). The column to blame is the first written column the expression names; a named
    /// constraint's expression is read from the table's definition.
    /// </summary>
    private string? CheckAtFault(string text, SqliteTransaction transaction)
    {
        var failed = text.StartsWith(CheckPrefix, StringComparison.Ordinal) ? text[CheckPrefix.Length..] : text;
        using var definition = _connection.CreateCommand();
        definition.Transaction = transaction;
        definition.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = @t COLLATE NOCASE";
        definition.Parameters.AddWithValue("@t", Shape.TableName.Split('.')[^1]);
        var expression = definition.ExecuteScalar() is string sql ? NamedCheck(sql, failed) ?? failed : failed;
        return ColumnsNamedIn(expression).Select(name => Shape.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(c => c is not null)?.Name;
    }

    private const string CheckPrefix = "CHECK constraint failed: ";

    /// <summary>The expression of CONSTRAINT name CHECK (...) in a CREATE TABLE statement, or null when it has no such constraint.</summary>
    internal static string? NamedCheck(string createTable, string name)
    {
        foreach (Match m in NamedCheckStart().Matches(createTable))
        {
            var declared = m.Groups[1].Value;
            if (declared.Length > 1 && declared[0] is '"' or '[' or '`') declared = declared[1..^1];
            if (!string.Equals(declared, name, StringComparison.OrdinalIgnoreCase)) continue;
            var start = m.Index + m.Length; // just after the opening parenthesis
            var depth = 1;
            var quote = '\0';
            for (var i = start; i < createTable.Length; i++)
            {
                var c = createTable[i];
                if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
                if (c is '\'' or '"' or '`') quote = c;
                else if (c == '[') quote = ']';
                else if (c == '(') depth++;
                else if (c == ')' && --depth == 0) return createTable[start..i];
            }
        }
        return null;
    }

    /// <summary>The identifiers an SQL expression names, in order, outside its string literals.</summary>
    internal static IEnumerable<string> ColumnsNamedIn(string expression) =>
        Identifier().Matches(expression).Where(m => !m.Groups["literal"].Success)
            .Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bracket"].Success ? m.Groups["bracket"].Value : m.Groups["word"].Value);

    [GeneratedRegex(@"CONSTRAINT\s+(""[^""]+""|\[[^\]]+\]|`[^`]+`|[^\s(]+)\s+CHECK\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedCheckStart();

    [GeneratedRegex(@"(?<literal>'(?:[^']|'')*')|""(?<quoted>(?:[^""]|"""")+)""|\[(?<bracket>[^\]]+)\]|`(?<quoted>[^`]+)`|(?<word>[A-Za-z_][A-Za-z0-9_$]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    private static string ConstraintText(SqliteException ex)
    {
        var m = Regex.Match(ex.Message, "'(.*)'");
        return m.Success ? m.Groups[1].Value : ex.Message;
    }

    [GeneratedRegex(@"constraint failed: ([^.\s]+)\.([^'\s]+)")]
    private static partial Regex ConstraintColumn();

}
