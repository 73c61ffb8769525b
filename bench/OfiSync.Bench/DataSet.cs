using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OfiSync.Bench;

/// <summary>
/// The generated ERP: one SQLite table of customer-like rows, deterministic for a given row count. Text is Spanish
/// (accents, ñ), dates are stored as SQLite text, the balance is NUMERIC (SQLite keeps it as REAL or INTEGER), the
/// flag an INTEGER; about 5 % of NIFs and trade names are NULL.
/// </summary>
internal static class DataSet
{
    public const string Table = "cliente";

    /// <summary>The source columns, in table order; the same names on the CRM side.</summary>
    public static readonly string[] Columns =
    {
        "codigo", "razon_social", "nombre_comercial", "nif", "direccion", "poblacion", "provincia", "fecha_alta", "fecha_modif", "saldo", "activo",
    };

    private static readonly string[] Surnames =
    {
        "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
        "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
        "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Suárez",
        "Molina", "Castro", "Ortega", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Ibáñez", "Peña",
    };

    private static readonly string[] Trades =
    {
        "Viajes", "Hostelería", "Construcciones", "Distribuciones", "Asesoría", "Transportes", "Electricidad", "Panadería",
        "Óptica", "Ferretería", "Agencia", "Cafetería", "Carpintería", "Farmacia", "Librería", "Peluquería",
    };

    private static readonly string[] Forms = { "S.L.", "S.A.", "S.L.U.", "S.Coop.", "C.B." };

    private static readonly (string Town, string Province)[] Towns =
    {
        ("Madrid", "Madrid"), ("Alcalá de Henares", "Madrid"), ("Ávila", "Ávila"), ("A Coruña", "A Coruña"), ("Logroño", "La Rioja"),
        ("Cádiz", "Cádiz"), ("Jerez de la Frontera", "Cádiz"), ("Málaga", "Málaga"), ("Córdoba", "Córdoba"), ("León", "León"),
        ("Cáceres", "Cáceres"), ("Castellón de la Plana", "Castellón"), ("Donostia-San Sebastián", "Gipuzkoa"), ("Almería", "Almería"),
        ("Jaén", "Jaén"), ("Mérida", "Badajoz"), ("Santa Cruz de Tenerife", "Santa Cruz de Tenerife"), ("Gijón", "Asturias"),
        ("Peñíscola", "Castellón"), ("Sevilla", "Sevilla"), ("Valencia", "Valencia"), ("Zaragoza", "Zaragoza"), ("Bilbao", "Bizkaia"),
    };

    private static readonly string[] Streets =
    {
        "Calle de Alcalá", "Avenida de la Constitución", "Plaza de España", "Calle Mayor", "Paseo de la Castellana",
        "Calle del Carmen", "Ronda de Triana", "Camino Real", "Calle San Andrés", "Avenida de Andalucía", "Calle Peñuelas",
    };

    public static string Code(int i) => "430" + i.ToString("D8", CultureInfo.InvariantCulture);

    /// <param name="changeColumn">fecha_modif declared DATETIME and indexed, as a user who reads by a change column has it
    /// (the values are the same text); otherwise TEXT, as an ERP that keeps dates as text.</param>
    public static void Create(string file, int rows, bool changeColumn = false)
    {
        Files.Delete(file);
        using var c = new SqliteConnection($"Data Source={file};Pooling=false");
        c.Open();
        Exec(c, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
        Exec(c, $@"CREATE TABLE {Table} (codigo TEXT PRIMARY KEY, razon_social TEXT NOT NULL, nombre_comercial TEXT, nif TEXT, direccion TEXT,
                  poblacion TEXT, provincia TEXT, fecha_alta TEXT, fecha_modif {(changeColumn ? "DATETIME" : "TEXT")}, saldo NUMERIC, activo INTEGER NOT NULL DEFAULT 1)");
        using var tx = c.BeginTransaction();
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {Table} VALUES ({string.Join(", ", Columns.Select((_, i) => "@p" + i))})";
        var parameters = Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
        var random = new Random(20240531);
        var start = new DateTime(2005, 1, 1);
        for (var i = 1; i <= rows; i++)
        {
            var s1 = Surnames[random.Next(Surnames.Length)];
            var s2 = Surnames[random.Next(Surnames.Length)];
            var (town, province) = Towns[random.Next(Towns.Length)];
            var trade = Trades[random.Next(Trades.Length)];
            var alta = start.AddDays(random.Next(7000));
            var modif = alta.AddDays(random.Next(400)).AddSeconds(random.Next(86400));
            var values = new object?[]
            {
                Code(i),
                $"{trade} {s1} {s2}, {Forms[random.Next(Forms.Length)]}",
                random.Next(20) == 0 ? null : $"{trade} {s1}",
                random.Next(20) == 0 ? null : "B" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                $"{Streets[random.Next(Streets.Length)]}, {random.Next(1, 300)}, {random.Next(1, 9)}º {(char)('A' + random.Next(4))}",
                town, province,
                alta.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                modif.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                // Bound as text: the NUMERIC column stores it as REAL (or INTEGER for a whole amount), as ERPs do.
                (random.Next(-500_000, 5_000_000) / 100m).ToString(CultureInfo.InvariantCulture),
                random.Next(10) == 0 ? 0 : 1,
            };
            for (var p = 0; p < values.Length; p++) parameters[p].Value = values[p] ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        if (changeColumn) Exec(c, $"CREATE INDEX ix_{Table}_fecha_modif ON {Table} (fecha_modif)");
    }

    /// <summary>
    /// Changes 1 % of the rows (every hundredth, shifted by <paramref name="round"/>) as an ERP does when they are edited:
    /// balance changed, modification time moved to <paramref name="day"/>, spread over that day one second per row, so
    /// the change column's mark moves past the previous change and the overlap re-reads only its last minutes.
    /// </summary>
    public static int MoveOnePercent(string file, int round, DateTime day)
    {
        using var c = new SqliteConnection($"Data Source={file};Pooling=false");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = $@"UPDATE {Table} SET saldo = saldo + 1,
                                 fecha_modif = datetime(@day, '+' || ((CAST(substr(codigo, 4) AS INTEGER) / 100) % 86400) || ' seconds')
                                 WHERE (CAST(substr(codigo, 4) AS INTEGER) % 100) = @r";
        command.Parameters.AddWithValue("@day", day.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@r", round % 100);
        return command.ExecuteNonQuery();
    }

    /// <summary>Changes 1 % of the rows (every hundredth, shifted by <paramref name="round"/>): balance and modification time.</summary>
    public static int ChangeOnePercent(string file, int round)
    {
        using var c = new SqliteConnection($"Data Source={file};Pooling=false");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = $@"UPDATE {Table} SET saldo = saldo + 1, fecha_modif = datetime(fecha_modif, '+1 day')
                                 WHERE (CAST(substr(codigo, 4) AS INTEGER) % 100) = @r";
        command.Parameters.AddWithValue("@r", round % 100);
        return command.ExecuteNonQuery();
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

internal static class Files
{
    public static void Delete(string file)
    {
        foreach (var f in new[] { file, file + "-journal", file + "-wal", file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }
}
