using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Filtering;
using OfiSync.Core.Lines;
using OfiSync.Core.Profiling;
using OfiSync.Core.Tests.Filtering;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OfiSync.Core.Tests.Profiling;

/// <summary>
/// Get-SyncColumn's profile, computed inside each database under the line's pre-filter, equals what counting the same
/// rows in memory gives: rows, NULLs, distinct values (case and trailing spaces told apart, whatever the collation),
/// min and max, and the most frequent values with their counts.
/// </summary>
public class ColumnProfilerTests(ITestOutputHelper output)
{
    private const string Filter = "activo -eq $true -or cantidad -gt 10";

    private static SyncLine Line() => new()
    {
        Name = "Clientes", Source = "SRC", SourceTable = FilterTestData.Table, Target = "SRC", TargetTable = FilterTestData.Table,
        Key = ["id"], Filter = Filter,
        Columns = [new ColumnMapping { TargetColumn = "ciudad", SourceColumn = "poblacion", Kind = MappingKind.Column }],
    };

    private static ColumnProfiler Profiler(DbKind kind, string connectionString) =>
        new(name => name == "SRC" ? new SyncConnection { Name = "SRC", Provider = kind.ToString(), ConnectionString = connectionString } : null,
            ConnectionOpener.WithoutCredentials);

    [Fact]
    public void Sqlite_profile_equals_counts_in_memory()
    {
        using var dir = new TempDirectory();
        var file = dir.File("erp.db");
        using (var c = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            c.Open();
            FilterTestData.LoadSqlite(c);
        }
        Check(DbKind.Sqlite, "Data Source=" + file);
    }

    [PostgresFact]
    public void PostgreSql_profile_equals_counts_in_memory()
    {
        using var db = new PostgresDatabase();
        using (var c = db.Open()) FilterTestData.LoadPostgres(c);
        Check(DbKind.PostgreSql, db.ConnectionString);
    }

    [MariaDbFact]
    public void MariaDb_profile_equals_counts_in_memory()
    {
        using var db = new MariaDbDatabase();
        using (var c = db.Open()) FilterTestData.LoadMariaDb(c);
        Check(DbKind.MariaDb, db.ConnectionString);
    }

    private void Check(DbKind kind, string connectionString)
    {
        var profiler = Profiler(kind, connectionString);
        var listed = profiler.GetAsync(Line(), new ProfileOptions(), CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(FilterTestData.Columns.Select(c => c.Name), listed.Select(c => c.Name));
        Assert.All(listed, c => Assert.False(c.Profiled));
        Assert.Equal("ciudad", listed.Single(c => c.Name == "poblacion").TargetColumn);
        Assert.Equal(FilterValueType.Decimal, listed.Single(c => c.Name == "importe").FilterType);

        var profiled = profiler.GetAsync(Line(), new ProfileOptions { Profile = true, Top = 3 }, CancellationToken.None).GetAwaiter().GetResult();
        var filter = FilterExpression.Parse(Filter);
        var rows = FilterTestData.Rows.Where(r => filter.Evaluate(n => r[n])).ToList();
        Assert.InRange(rows.Count, 50, FilterTestData.Rows.Count - 50);
        // SQLite keeps fecha_modif in three text forms on purpose (FilterTestData): the same instant counts as several values there.
        var exact = FilterTestData.Columns.Select(c => c.Name).Where(n => !(kind == DbKind.Sqlite && n == "fecha_modif")).ToList();
        foreach (var name in exact)
        {
            var column = profiled.Single(c => c.Name == name);
            output.WriteLine($"{name}: {column.Summary}; min {column.Min}, max {column.Max}");
            var values = rows.Select(r => r[name]).ToList();
            var counts = values.Where(v => v is not null).GroupBy(v => v is string s ? (object)("s:" + s) : v!).Select(g => (Value: g.First()!, Count: (long)g.Count()))
                               .OrderByDescending(g => g.Count).ToList();
            Assert.True(column.Profiled);
            Assert.Equal(rows.Count, column.Rows);
            Assert.Equal(values.Count(v => v is null), column.Nulls);
            Assert.Equal(counts.Count, column.Distinct);
            Assert.Equal(counts.Take(3).Select(c => c.Count), column.Top.Select(t => t.Count));
            if (name != "ratio") // a REAL as text is rounded to 15 digits by SQLite: only its count is compared
                foreach (var top in column.Top)
                    Assert.Equal(counts.Single(c => Same(c.Value, top.Value)).Count, top.Count);
            Assert.False(column.Limited);
        }
        Assert.Equal(rows.Min(r => (long?)r["cantidad"]), profiled.Single(c => c.Name == "cantidad").Min);
        Assert.Equal(rows.Max(r => (decimal?)r["importe"]), (decimal?)profiled.Single(c => c.Name == "importe").Max);
        if (kind != DbKind.Sqlite) // a TEXT column in SQLite: text has no min and max in the profile
            Assert.Equal(rows.Min(r => (DateTime?)r["fecha"]), profiled.Single(c => c.Name == "fecha").Min);
        Assert.Null(profiled.Single(c => c.Name == "poblacion").Min);

        var limited = profiler.GetAsync(Line(), new ProfileOptions { Profile = true, RowLimit = 10, Columns = (n, _) => n == "sector" }, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(10, Assert.Single(limited).Rows);
        Assert.True(limited[0].Limited);
    }

    private static bool Same(object expected, object? actual) => expected switch
    {
        string s => actual is string a && string.Equals(s, a, StringComparison.Ordinal),
        // SQLite's fecha is a TEXT column: its values come back as the text stored.
        DateTime d => actual is DateTime a ? a == d : actual is string t && DateTime.Parse(t, System.Globalization.CultureInfo.InvariantCulture) == d,
        // SQLite's activo is an INTEGER column holding 0 and 1: the filter reads it as a number there.
        bool b => actual is bool a ? a == b : Convert.ToInt64(actual, System.Globalization.CultureInfo.InvariantCulture) == (b ? 1 : 0),
        _ => actual is not null and not string && Convert.ToDecimal(expected, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDecimal(actual, System.Globalization.CultureInfo.InvariantCulture),
    };
}
