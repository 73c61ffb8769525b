using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OfiSync.Core.Engine;

/// <summary>
/// Which errors are about the data of a row (the row fails, the others go on), which are passing faults of the
/// connection or the server (the batch is retried on a new connection), and which end the line.
/// </summary>
public static class TransientFaults
{
    private static readonly int[] SqlServerTransient = { -2, 20, 64, 233, 1205, 4060, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920 };
    private static readonly int[] SqlServerRowErrors = { 242, 245, 515, 547, 2601, 2627, 2628, 8114, 8115, 8152, 220, 241, 295 };

    public static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                                || pg.SqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01",
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException,
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerTransient.Contains(e.Number)),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        IOException or SocketException or TimeoutException => true,
        _ => ex.InnerException is not null && IsTransient(ex.InnerException),
    };

    /// <summary>Whether a SQL Server error number is about a row's values (a constraint, a conversion, a value out of range).</summary>
    public static bool IsRowErrorNumber(int number) => SqlServerRowErrors.Contains(number);

    /// <summary>SQLite's "database is locked" (busy) and "table is locked": another connection holds the lock.</summary>
    public static bool IsLocked(Exception ex) => ex is SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>Errors caused by the values of a row: a constraint, a conversion, a value out of range.</summary>
    public static bool IsRowError(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal),
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerRowErrors.Contains(e.Number)),
        SqliteException sqlite => sqlite.SqliteErrorCode is 18 or 19 or 20 or 25,
        InvalidCastException or FormatException or OverflowException => true,
        _ => false,
    };
}
