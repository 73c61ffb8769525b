using System.Text.RegularExpressions;
using MySqlConnector;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// What MariaDB's errors say: which are about a row's values, which are passing faults, and which column or
/// constraint a row error names (read from the server's English message text).
/// </summary>
internal static partial class MariaDbErrors
{
    /// <summary>Errors about the values of one row: constraints, conversions, values out of range or too long.</summary>
    private static readonly int[] RowErrorNumbers =
    {
        1048, // Column 'x' cannot be null
        1062, 1169, 1586, // Duplicate entry 'v' for key 'k'
        1216, 1217, 1451, 1452, // foreign keys: no parent row, or a row still referenced
        1263, // NULL supplied to NOT NULL column (a bulk load's warning)
        1264, 1690, // out of range
        1265, 1406, // data truncated, data too long
        1292, 1366, 1367, 1411, // incorrect value for a column or a function
        1300, // invalid character string for the column's character set
        1365, // division by 0 (strict mode)
        3819, 4025, // CHECK constraint failed (MySQL, MariaDB)
    };

    /// <summary>
    /// Passing faults: the server lost the session, is shutting down or restarting, has no connection to spare, or
    /// chose this transaction as a deadlock victim or timed out its lock wait (the transaction is tried again).
    /// </summary>
    private static readonly int[] TransientNumbers =
    {
        1040, // too many connections
        1042, // cannot reach the server
        1053, 1080, // server shutdown in progress, forcing close of a thread
        1152, 1153, 1154, 1155, 1156, 1157, 1158, 1159, 1160, 1161, // aborted connection, network read and write errors
        1205, // lock wait timeout
        1213, // deadlock
        1927, // connection was killed
        2002, 2003, 2006, 2013, 2055, // client: cannot connect, server gone away, lost connection
        4031, // disconnected by the server for inactivity
    };

    public static FaultKind Classify(MySqlException exception) =>
        RowErrorNumbers.Contains(exception.Number) ? FaultKind.Row
        : TransientNumbers.Contains(exception.Number) || exception.IsTransient ? FaultKind.Transient
        : FaultKind.None;

    public static bool IsRowError(int number) => RowErrorNumbers.Contains(number);

    /// <summary>What a row error's message names: a column, a unique index, a CHECK constraint, or a foreign key's first column.</summary>
    public enum Named { None, Column, Index, Check }

    public static (Named Kind, string? Name) Subject(int number, string message)
    {
        Match m;
        switch (number)
        {
            case 1048 or 1263:
                m = NullColumn().Match(message);
                return m.Success ? (Named.Column, m.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal)) : (Named.None, null);
            case 1264 or 1265 or 1406 or 1292 or 1366 or 1367 or 1300:
                m = ForColumn().Match(message);
                return !m.Success ? (Named.None, null)
                    : (Named.Column, m.Groups["plain"].Success ? m.Groups["plain"].Value.Replace("''", "'", StringComparison.Ordinal) : Unquote(m.Groups["quoted"].Value));
            case 1062 or 1586 or 1169:
                m = DuplicateKey().Match(message);
                return m.Success ? (Named.Index, m.Groups[1].Value) : (Named.None, null);
            case 1452 or 1216:
                m = ForeignKeyColumn().Match(message);
                return m.Success ? (Named.Column, Unquote(m.Groups[1].Value)) : (Named.None, null);
            case 4025 or 3819:
                m = CheckName().Match(message);
                return m.Success ? (Named.Check, Unquote(m.Groups[1].Value)) : (Named.None, null);
            default:
                return (Named.None, null);
        }
    }

    /// <summary>The last name of `db`.`table`.`column` (or of one name), without its backticks.</summary>
    private static string Unquote(string quoted)
    {
        var names = QuotedName().Matches(quoted)
            .Select(n => n.Groups[1].Success ? n.Groups[1].Value.Replace("``", "`", StringComparison.Ordinal) : n.Groups[2].Value).ToList();
        return names.Count > 0 ? names[^1] : quoted;
    }

    [GeneratedRegex(@"(?:^Column|NULL supplied to NOT NULL column) '(?<name>(?:[^']|'')+)'", RegexOptions.CultureInvariant)]
    private static partial Regex NullColumn();

    [GeneratedRegex(@"for column (?:'(?<plain>(?:[^']|'')+)'|(?<quoted>(?:`(?:[^`]|``)+`\.?)+)) at row \d+", RegexOptions.CultureInvariant)]
    private static partial Regex ForColumn();

    [GeneratedRegex(@"^Duplicate entry '.*' for key '((?:[^']|'')+)'$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DuplicateKey();

    [GeneratedRegex(@"FOREIGN KEY \((`(?:[^`]|``)+`)", RegexOptions.CultureInvariant)]
    private static partial Regex ForeignKeyColumn();

    [GeneratedRegex(@"^(?:CONSTRAINT|Check constraint) ((?:`(?:[^`]|``)+`|'[^']+')) (?:failed|is violated)", RegexOptions.CultureInvariant)]
    private static partial Regex CheckName();

    [GeneratedRegex(@"`((?:[^`]|``)+)`|'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();
}
