namespace OfiSync.Core.Filtering;

/// <summary>
/// What a column's values are once read into memory, which decides how PowerShell converts the other side of a
/// comparison, and so which SQL gives the same answer.
/// </summary>
public enum FilterValueType
{
    /// <summary>Read as string.</summary>
    Text,
    /// <summary>Read as an integer type (int, long...).</summary>
    Integer,
    /// <summary>Read as decimal. SQLite keeps NUMERIC values as REAL: exact up to 15 significant digits.</summary>
    Decimal,
    /// <summary>Read as double.</summary>
    Double,
    /// <summary>Read as bool (SQLite 0/1, PostgreSQL boolean, SQL Server bit).</summary>
    Boolean,
    /// <summary>
    /// Read as DateTime: SQLite text in its date formats ('2024-02-29', '2024-02-29 10:30:00'...) or julian day
    /// numbers, PostgreSQL date or timestamp, SQL Server date, datetime or datetime2.
    /// </summary>
    DateTime,
    /// <summary>Anything else: only -eq $null and -ne $null go to SQL.</summary>
    Other,
}

/// <param name="Sql">The column as SQL, already quoted (IDatabaseProvider.QuoteIdentifier), such as "c"."poblacion".</param>
/// <param name="Type">What its values are in memory.</param>
public sealed record FilterColumn(string Sql, FilterValueType Type);
