using OfiSync.Core.Tests.Infrastructure;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Tests.Filtering;

/// <summary>
/// A customer table of a few hundred rows, held in memory with the types the engine reads (string, decimal,
/// long, double, bool, DateTime) and stored in SQLite, PostgreSQL and MariaDB, to compare the SQL of a filter with
/// FilterExpression.Evaluate on the same rows.
/// </summary>
internal static class FilterTestData
{
    public const string Table = "clientes";

    /// <summary>A column whose name is itself an injection attempt; filters reach it through the name "rara".</summary>
    public const string NastyColumn = "x\"]; DROP TABLE clientes;--";

    /// <remarks>
    /// MariaDB's text columns take the collations a real database has, each wrong for PowerShell in its own way: the
    /// server's utf8mb4_unicode_ci (accents folded), latin1 with latin1_swedish_ci, utf8mb4_bin (trailing spaces
    /// ignored), utf8mb4_general_ci, and a CHAR column.
    /// </remarks>
    public static readonly (string Name, FilterValueType Type, string Sqlite, string Postgres, string SqlServer, string MariaDb)[] Columns =
    [
        ("id", FilterValueType.Integer, "INTEGER PRIMARY KEY", "bigint PRIMARY KEY", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"),
        ("nombre", FilterValueType.Text, "TEXT", "text", "nvarchar(200)", "VARCHAR(200)"),
        ("poblacion", FilterValueType.Text, "TEXT", "text", "nvarchar(200)", "VARCHAR(200) CHARACTER SET latin1"),
        ("email", FilterValueType.Text, "TEXT", "text", "varchar(200)", "VARCHAR(200) COLLATE utf8mb4_bin"),
        ("sector", FilterValueType.Text, "TEXT", "text", "nvarchar(200)", "VARCHAR(200) COLLATE utf8mb4_general_ci"),
        ("codigo", FilterValueType.Text, "TEXT", "text", "nvarchar(200)", "CHAR(10)"),
        ("importe", FilterValueType.Decimal, "NUMERIC", "numeric", "decimal(19,4)", "DECIMAL(19,4)"),
        ("cantidad", FilterValueType.Integer, "INTEGER", "bigint", "bigint", "BIGINT"),
        ("ratio", FilterValueType.Double, "REAL", "double precision", "float", "DOUBLE"),
        ("activo", FilterValueType.Boolean, "INTEGER", "boolean", "bit", "BOOLEAN"),
        ("fecha", FilterValueType.DateTime, "TEXT", "date", "date", "DATE"),
        ("fecha_modif", FilterValueType.DateTime, "TEXT", "timestamp", "datetime2(7)", "DATETIME(6)"),
        (NastyColumn, FilterValueType.Text, "TEXT", "text", "nvarchar(200)", "TEXT"),
    ];

    /// <summary>Names a filter may use: the columns (the nasty one as "rara") and "vip", a lookup SQL cannot read.</summary>
    public static readonly string[] AllowedNames =
        [.. Columns.Where(c => c.Name != NastyColumn).Select(c => c.Name), "rara", "vip"];

    private static string ColumnOf(string name) => name.Equals("rara", StringComparison.OrdinalIgnoreCase) ? NastyColumn : name;

    public static Func<string, FilterColumn?> ColumnsFor(DbKind kind)
    {
        var provider = kind.Provider();
        return name =>
        {
            if (name.Equals("vip", StringComparison.OrdinalIgnoreCase)) return null;
            var column = ColumnOf(name);
            var type = Columns.First(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase)).Type;
            return new FilterColumn(provider.QuoteIdentifier(column), type);
        };
    }

    public static readonly Dictionary<string, object?> VariableValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["since"] = new DateTime(2024, 2, 29),
        ["finDeAno"] = new DateTime(2024, 12, 31, 23, 59, 59),
        ["sectores"] = new[] { "HOT", "AGE" },
        ["cantidades"] = new List<int> { 1, 2, 3 },
        ["limite"] = 50.01m,
        ["nombreVar"] = "josé garcía",
        ["patron"] = "*coruña",
        ["incluir"] = false,
        ["vacio"] = Array.Empty<string>(),
        ["ataque"] = "x'); DROP TABLE clientes; --",
    };

    public static object? Variable(string name) =>
        VariableValues.TryGetValue(name, out var v) ? v : FilterExpression.NoSuchVariable;

    private static readonly string?[] Nombres =
    [
        "José García", "JOSÉ GARCÍA", "josé garcía", "Jose Garcia", "María Núñez", "MARÍA NÚÑEZ", "Ángel", "ángel", "Zoë",
        "Iñaki", "IÑAKI", "Ana_Belén", "50% Descuento", "100%", "a_b", "a%b", "ab", "Nº 5", "Café*", "O'Brien", "",
        " ", "Madrid ", null, "Çelik", "straße", "STRASSE", "Ñu", "ñu", "[corchete]", "back\\slash", "x'); DROP TABLE clientes; --",
    ];

    private static readonly string?[] Poblaciones =
    [
        "Madrid", "MADRID", "madrid", "Madrid ", "Ávila", "ÁVILA", "ávila", "Avila", "Logroño", "LOGROÑO", "A Coruña",
        "Cádiz", "Móstoles", "Alcalá de Henares", "", null,
    ];

    private static readonly string?[] Emails =
    [
        "ana@gmail.com", "ANA@GMAIL.COM", "jose_garcia@empresa.es", "josexgarcia@empresa.es", "100%real@x.com", "a%b@c.es",
        "sin-arroba", "x*y@z.com", null, "",
    ];

    private static readonly string?[] Sectores = ["HOT", "AGE", "hot", "Age", "IND", null];
    private static readonly string?[] Codigos = ["001", "1", "10", "9", "A1", "a1", "B-7", null];
    private static readonly decimal?[] Importes = [0m, 0.1m, 12.34m, -5.5m, 1000m, 99999.99m, 100m, 50m, 50.01m, 50.0m, null];
    private static readonly long?[] Cantidades = [-3, 0, 1, 2, 3, 5, 10, 11, 100, null];
    private static readonly double?[] Ratios = [0.1, 0.30000000000000004, 0.5, 1.0, -0.25, 1e-7, 0, null];
    private static readonly bool?[] Booleans = [true, false, null];

    private static readonly DateTime?[] Fechas =
    [
        new(2024, 2, 29), new(2023, 12, 31), new(2024, 1, 1), new(2024, 12, 31), new(2025, 1, 1), new(2023, 2, 28),
        new(2024, 3, 1), null,
    ];

    private static readonly DateTime?[] FechasModif =
    [
        new(2024, 2, 29, 23, 59, 59), new DateTime(2024, 12, 31, 23, 59, 59).AddMilliseconds(999), new(2025, 1, 1),
        new(2024, 1, 1, 10, 0, 0), new(2023, 12, 31, 23, 59, 59), new(2024, 2, 29), new DateTime(2024, 12, 31, 23, 59, 59).AddMilliseconds(500), null,
    ];

    public static readonly IReadOnlyList<Dictionary<string, object?>> Rows = Generate();

    private static List<Dictionary<string, object?>> Generate()
    {
        var random = new Random(20240229);
        var rows = new List<Dictionary<string, object?>>();
        for (int i = 0; i < 320; i++)
        {
            // The first rows walk every pool in step, so each edge value is certainly present; the rest are random.
            T Pick<T>(T[] pool) => i < 40 ? pool[i % pool.Length] : pool[random.Next(pool.Length)];
            rows.Add(new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["id"] = (long)(i + 1),
                ["nombre"] = Pick(Nombres),
                ["poblacion"] = Pick(Poblaciones),
                ["email"] = Pick(Emails),
                ["sector"] = Pick(Sectores),
                ["codigo"] = Pick(Codigos),
                ["importe"] = Pick(Importes),
                ["cantidad"] = Pick(Cantidades),
                ["ratio"] = Pick(Ratios),
                ["activo"] = Pick(Booleans),
                ["fecha"] = Pick(Fechas),
                ["fecha_modif"] = Pick(FechasModif),
                [NastyColumn] = Pick(Nombres),
                ["vip"] = i % 7 == 0,
            });
        }
        return rows;
    }

    public static object? Get(Dictionary<string, object?> row, string name) => row[ColumnOf(name)];

    /// <summary>How SQLite holds a value: dates as text in the forms SQLite's date functions use.</summary>
    private static object? ForSqlite(string column, object? value, long id) => value switch
    {
        null => DBNull.Value,
        DateTime d when column == "fecha" => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => (id % 3) switch
        {
            0 => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            _ when d.Millisecond != 0 => d.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        },
        bool b => b ? 1 : 0,
        _ => value,
    };

    public static SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        OfiSync.Core.Providers.Sqlite.SqliteFilterFunctions.Register(connection);
        Load(connection, DbKind.Sqlite, (column, value, id) => ForSqlite(column, value, id));
        return connection;
    }

    /// <summary>The table in a SQLite database of its own (a file a connection can name), with the same values as OpenSqlite.</summary>
    public static void LoadSqlite(SqliteConnection connection) => Load(connection, DbKind.Sqlite, (column, value, id) => ForSqlite(column, value, id));

    public static void LoadPostgres(NpgsqlConnection connection) =>
        Load(connection, DbKind.PostgreSql, (column, value, _) => value is DateTime d && column == "fecha" ? d.Date : value ?? DBNull.Value);

    public static void LoadMariaDb(DbConnection connection) =>
        Load(connection, DbKind.MariaDb, (column, value, _) => value is DateTime d && column == "fecha" ? d.Date : value ?? DBNull.Value);

    public static void LoadSqlServer(DbConnection connection, string table) =>
        Load(connection, DbKind.SqlServer, (_, value, _) => value ?? DBNull.Value, table);

    private static void Load(DbConnection connection, DbKind kind, Func<string, object?, long, object?> store, string table = Table)
    {
        var provider = kind.Provider();
        var quoted = Columns.Select(c => provider.QuoteIdentifier(c.Name)).ToList();
        string TypeOf((string, FilterValueType, string Sqlite, string Postgres, string SqlServer, string MariaDb) c) =>
            kind switch { DbKind.Sqlite => c.Sqlite, DbKind.PostgreSql => c.Postgres, DbKind.MariaDb => c.MariaDb, _ => c.SqlServer };
        Execute(connection, $"CREATE TABLE {table} ({string.Join(", ", Columns.Select((c, i) => quoted[i] + " " + TypeOf(c)))})");
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", quoted)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "@p" + i))})";
        var parameters = Columns.Select((_, i) =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = "@p" + i;
            insert.Parameters.Add(p);
            return p;
        }).ToList();
        foreach (var row in Rows)
        {
            for (int i = 0; i < Columns.Length; i++)
            {
                parameters[i].Value = store(Columns[i].Name, row[Columns[i].Name], (long)row["id"]!);
                if (parameters[i].Value is DateTime) parameters[i].DbType = System.Data.DbType.DateTime2;
            }
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The ids PowerShell's semantics select, computed in memory.</summary>
    public static SortedSet<long> Expected(FilterExpression filter) =>
        new(Rows.Where(r => filter.Evaluate(n => Get(r, n))).Select(r => (long)r["id"]!));

    /// <summary>The ids the SQL selects, then narrowed by the residual in memory, as the engine would.</summary>
    public static SortedSet<long> Selected(DbConnection connection, SqlFilter sql, string table = Table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM {table}" + (sql.Where is null ? "" : " WHERE " + sql.Where);
        foreach (var (name, value) in sql.Parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            // SQL Server's default for DateTime is datetime, which rounds to 1/300 s.
            if (value is DateTime) p.DbType = System.Data.DbType.DateTime2;
            command.Parameters.Add(p);
        }
        var ids = new List<long>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) ids.Add(reader.GetInt64(0));
        var byId = Rows.ToDictionary(r => (long)r["id"]!);
        return new(ids.Where(id => sql.Residual?.Evaluate(n => Get(byId[id], n)) ?? true));
    }

    /// <summary>Every row and column as text: equal before and after means nothing was changed.</summary>
    public static string Snapshot(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Table} ORDER BY id";
        using var reader = command.ExecuteReader();
        var b = new System.Text.StringBuilder();
        while (reader.Read())
            for (int i = 0; i < reader.FieldCount; i++)
                b.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
        return b.ToString();
    }
}
