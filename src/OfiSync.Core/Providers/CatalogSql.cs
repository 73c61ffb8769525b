namespace OfiSync.Core.Providers;

/// <summary>
/// The SQL that lists a database's tables and profiles a line's source columns (Get-SyncColumn, tab completion). The
/// defaults are standard SQL (INFORMATION_SCHEMA, LIMIT, window functions) that SQLite, PostgreSQL and MariaDB share;
/// each provider overrides only what its database spells differently.
/// </summary>
public class CatalogSql
{
    public CatalogSql(string? defaultSchema = null) => DefaultSchema = defaultSchema;

    /// <summary>
    /// The stored connection string as tab completion opens it: never creating a database (a SQLite connection stored
    /// with Mode=ReadWriteCreate stays read-only there). Server databases are only read by completion's queries.
    /// </summary>
    public virtual string ForCompletion(string connectionString) => connectionString;

    /// <summary>A query whose rows are (schema, name) of every table and view a user may read; schema NULL when there is only one.</summary>
    public virtual string TablesQuery =>
        "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA NOT IN ('information_schema', 'pg_catalog', 'sys', 'INFORMATION_SCHEMA') ORDER BY 1, 2";

    /// <summary>The schema whose tables are named without it (public, dbo), or null.</summary>
    public string? DefaultSchema { get; }

    /// <summary>At most <paramref name="rows"/> rows of SELECT <paramref name="columns"/> <paramref name="rest"/> (FROM ... WHERE ...).</summary>
    public virtual string FirstRows(string columns, string rest, int rows) =>
        $"SELECT {columns} {rest} LIMIT {rows.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A value as text, so the most frequent values of columns of any type fit one column of one query.</summary>
    public virtual string AsText(string expression) => $"CAST({expression} AS TEXT)";

    /// <summary>
    /// A text column as what tells its values apart exactly, for COUNT(DISTINCT) and GROUP BY: a case-insensitive
    /// collation would count 'Madrid' and 'MADRID' as one value.
    /// </summary>
    public virtual string ExactText(string column) => column;
}
