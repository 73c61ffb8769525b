using System.Globalization;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OfiSync.Core.Tests.Filtering;

/// <summary>
/// Random filters (fixed seed) over the test table, mixing columns with values of every type, $null, lists,
/// -not and nesting: the SQL plus residual must select what Evaluate selects. Filters PowerShell itself could not
/// evaluate on some row (an ordering it cannot convert) are skipped.
/// </summary>
public class FilterRandomTests(FilterPostgresFixture postgres, ITestOutputHelper output) : IClassFixture<FilterPostgresFixture>
{
    private const int Count = 400;

    private static readonly string[] Names = ["nombre", "poblacion", "email", "sector", "codigo", "importe", "cantidad", "ratio", "activo", "fecha", "fecha_modif"];

    private static readonly string[] Values =
    [
        "'Madrid'", "'ávila'", "'ÁVILA'", "''", "' '", "'hot'", "'5'", "'10'", "'abc'", "'2024-02-29'", "'2024-12-31 23:59:59'",
        "'true'", "'false'", "'0'", "'1,000'", "' 50 '", "0", "1", "-1", "5", "50", "100", "2.5", "0.1", "12.34", "50.01d", "-5.5",
        "$true", "$false", "$null", "[datetime]'2024-02-29'", "[datetime]'2024-12-31 23:59:59.999'", "[datetime]'2025-01-01'",
        "[datetimeoffset]'2024-02-29T00:00:00+00:00'",
    ];

    private static readonly string[] Patterns =
    [
        "'*'", "''", "'m*'", "'*a*'", "'?adrid'", "'*%*'", "'*_*'", "'[a-c]*'", "'*[ñn]*'", "'MADRID'", "'5*'", "'*`**'", "'**'", "$null", "5",
    ];

    private static readonly string[] Comparisons = ["-eq", "-ne", "-gt", "-ge", "-lt", "-le"];

    private static string Condition(Random r, int depth)
    {
        int kind = r.Next(depth > 2 ? 8 : 11);
        string name = Names[r.Next(Names.Length)];
        string Value() => Values[r.Next(Values.Length)];
        return kind switch
        {
            < 4 => $"{name} {Comparisons[r.Next(Comparisons.Length)]} {Value()}",
            4 => $"{name} {(r.Next(2) == 0 ? "-like" : "-notlike")} {Patterns[r.Next(Patterns.Length)]}",
            5 => $"{name} {(r.Next(2) == 0 ? "-in" : "-notin")} {string.Join(", ", Enumerable.Range(0, r.Next(1, 4)).Select(_ => Value()))}",
            6 => name,
            7 => $"{Value()} {(r.Next(2) == 0 ? "-eq" : "-ne")} $_.{name}",
            8 => $"-not ({Condition(r, depth + 1)})",
            _ => $"({Condition(r, depth + 1)} {(r.Next(2) == 0 ? "-and" : "-or")} {Condition(r, depth + 1)})",
        };
    }

    public static IReadOnlyList<string> Generate()
    {
        var r = new Random(7);
        return Enumerable.Range(0, Count).Select(_ =>
        {
            var text = Condition(r, 0);
            for (int more = r.Next(3); more > 0; more--)
                text += (r.Next(2) == 0 ? " -and " : " -or ") + Condition(r, 1);
            return text;
        }).ToList();
    }

    private static FilterExpression? Usable(string text, out SortedSet<long> expected)
    {
        expected = [];
        var filter = FilterExpression.Parse(text).Validate(FilterTestData.AllowedNames);
        try
        {
            expected = FilterTestData.Expected(filter);
            return filter;
        }
        catch (FilterException)
        {
            return null;
        }
    }

    private void Check(DbKind kind, System.Data.Common.DbConnection connection)
    {
        var failures = new List<string>();
        int used = 0, whole = 0;
        foreach (var text in Generate())
        {
            if (Usable(text, out var expected) is not { } filter) continue;
            used++;
            var sql = filter.ToSql(kind.Provider(), FilterTestData.ColumnsFor(kind));
            if (sql.Residual is null) whole++;
            var selected = FilterTestData.Selected(connection, sql);
            if (!expected.SetEquals(selected))
                failures.Add($"{text}\n  WHERE {sql.Where}\n  residual {sql.Residual}\n  expected {expected.Count}, got {selected.Count}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: {used} filters evaluated, {whole} entirely in SQL"));
        Assert.True(used >= Count / 2, $"only {used} usable filters");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void Sqlite_agrees_with_Evaluate_on_random_filters()
    {
        using var connection = FilterTestData.OpenSqlite();
        Check(DbKind.Sqlite, connection);
    }

    [PostgresFact]
    public void PostgreSql_agrees_with_Evaluate_on_random_filters()
    {
        using var connection = postgres.Open();
        Check(DbKind.PostgreSql, connection);
    }
}
