using System.Data.Common;
using System.Globalization;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Engine;
using OfiSync.Core.Tests.Filtering;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OfiSync.Core.Tests.MariaDb;

/// <summary>The MariaDB copy of the filter test table, created the first time a test needs it.</summary>
public sealed class FilterMariaDbFixture : IDisposable
{
    private readonly Lazy<MariaDbDatabase> _database = new(() =>
    {
        var db = new MariaDbDatabase();
        using var c = db.Open();
        FilterTestData.LoadMariaDb(c);
        return db;
    });

    public DbConnection Open() => _database.Value.Open();

    public void Dispose()
    {
        if (_database.IsValueCreated) _database.Value.Dispose();
    }
}

/// <summary>
/// The filter corpora of the other databases (FilterCorpusTests, FilterRandomTests, FilterHostileTests) on MariaDB:
/// the rows the SQL selects, then narrowed by the residual, are the rows Evaluate selects in memory.
/// </summary>
public class MariaDbFilterTests(FilterMariaDbFixture mariaDb, ITestOutputHelper output) : IClassFixture<FilterMariaDbFixture>
{
    private static readonly DbKind Kind = DbKind.MariaDb;

    private static FilterExpression Parse(string text) =>
        FilterExpression.Parse(text, FilterTestData.Variable).Validate(FilterTestData.AllowedNames);

    private static SqlFilter Sql(FilterExpression filter) => filter.ToSql(Kind.Provider(), FilterTestData.ColumnsFor(Kind));

    public static IEnumerable<object[]> Corpus => FilterCorpusTests.Corpus.Concat(FilterCultureTests.CultureSensitive).Select(f => new object[] { f });

    [MariaDbTheory]
    [MemberData(nameof(Corpus))]
    public void MariaDb_selects_what_Evaluate_selects(string text)
    {
        var filter = Parse(text);
        using var connection = mariaDb.Open();
        var sql = Sql(filter);
        output.WriteLine($"WHERE {sql.Where}\nresidual: {sql.Residual}");
        Assert.Equal(FilterTestData.Expected(filter), FilterTestData.Selected(connection, sql));
    }

    [MariaDbFact]
    public void MariaDb_agrees_with_Evaluate_on_random_filters()
    {
        using var connection = mariaDb.Open();
        var failures = new List<string>();
        int used = 0, whole = 0;
        foreach (var text in FilterRandomTests.Generate())
        {
            var filter = FilterExpression.Parse(text).Validate(FilterTestData.AllowedNames);
            SortedSet<long> expected;
            try { expected = FilterTestData.Expected(filter); }
            catch (FilterException) { continue; } // PowerShell itself could not evaluate it on some row
            used++;
            var sql = Sql(filter);
            if (sql.Residual is null) whole++;
            var selected = FilterTestData.Selected(connection, sql);
            if (!expected.SetEquals(selected))
                failures.Add($"{text}\n  WHERE {sql.Where}\n  residual {sql.Residual}\n  expected {expected.Count}, got {selected.Count}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{used} filters evaluated, {whole} entirely in SQL"));
        Assert.True(used >= 200, $"only {used} usable filters");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    public static IEnumerable<object[]> Refused => FilterHostileTests.RefusedData;

    [MariaDbTheory]
    [MemberData(nameof(Refused))]
    public void MariaDb_refuses_a_malformed_or_hostile_filter_before_running_anything(string text)
    {
        using var connection = mariaDb.Open();
        var before = FilterTestData.Snapshot(connection);
        var e = Assert.Throws<FilterException>(() => FilterTestData.Selected(connection, Sql(Parse(text))));
        Assert.Equal(text, e.Expression);
        Assert.Equal(before, FilterTestData.Snapshot(connection));
    }

    public static IEnumerable<object[]> HostileValues => FilterHostileTests.HostileValueData;

    [MariaDbTheory]
    [MemberData(nameof(HostileValues))]
    public void MariaDb_keeps_hostile_values_as_parameters(string text)
    {
        using var connection = mariaDb.Open();
        var before = FilterTestData.Snapshot(connection);
        var filter = Parse(text);
        var sql = Sql(filter);
        var where = sql.Where ?? "";
        foreach (var (_, value) in sql.Parameters)
            if (value is string s && s.Length > 3) Assert.DoesNotContain(s, where);
        Assert.DoesNotContain("DROP", where.Replace(FilterTestData.NastyColumn, ""));
        Assert.Equal(FilterTestData.Expected(filter), FilterTestData.Selected(connection, sql));
        Assert.Equal(before, FilterTestData.Snapshot(connection));
    }

    [Fact]
    public void Most_of_the_corpus_goes_to_MariaDb_whole()
    {
        var filters = FilterCorpusTests.Corpus.Where(f => !f.Contains("vip")).ToList();
        var whole = filters.Count(f => Sql(Parse(f)).Residual is null);
        output.WriteLine($"{whole} of {filters.Count} filters entirely in SQL");
        Assert.True(whole >= FilterCorpusTests.Corpus.Length * 3 / 4, $"{whole}");
    }

    /// <summary>
    /// The difference PostgreSQL has too (FilterCorpusTests pins it there): PowerShell's -eq is a culture comparison and
    /// equals compatibility characters ('Nº 5' -eq 'NO 5' is True in pwsh 7.6.9); MariaDB's LOWER() and a byte
    /// comparison do not. Pinned here so that it is not forgotten.
    /// </summary>
    [MariaDbFact]
    public void MariaDb_known_difference_compatibility_characters()
    {
        var filter = Parse("nombre -eq 'NO 5'");
        Assert.Contains(FilterTestData.Rows.First(r => (string?)r["nombre"] == "Nº 5")["id"], FilterTestData.Expected(filter).Cast<object>());
        using var connection = mariaDb.Open();
        Assert.Empty(FilterTestData.Selected(connection, Sql(filter)));
    }

    [Fact]
    public void Text_is_compared_as_lowered_bytes_and_like_escapes_with_an_exclamation_mark()
    {
        var eq = Sql(Parse("poblacion -eq 'Madrid'"));
        Assert.Equal("CAST(LOWER(CONVERT(`poblacion` USING utf8mb4) COLLATE utf8mb4_bin) AS BINARY) = CAST(LOWER(CONVERT(@f0 USING utf8mb4) COLLATE utf8mb4_bin) AS BINARY)", eq.Where);
        var like = Sql(Parse("email -like '*100%!_*'"));
        Assert.Equal("LOWER(CONVERT(`email` USING utf8mb4) COLLATE utf8mb4_bin) LIKE LOWER(CONVERT(@f0 USING utf8mb4) COLLATE utf8mb4_bin) ESCAPE '!'", like.Where);
        Assert.Equal("%100!%!!!_%", like.Parameters.Single().Value);
        // Sets and text ordering stay in memory.
        Assert.NotNull(Sql(Parse("nombre -like '[a-c]*'")).Residual);
        Assert.NotNull(Sql(Parse("codigo -gt '5'")).Residual);
    }
}

/// <summary>Every filter of the corpus translates, and selects on MariaDB, the same under every culture.</summary>
[Collection(ProcessCultureCollection.Name)]
public class MariaDbFilterCultureTests(FilterMariaDbFixture mariaDb) : IClassFixture<FilterMariaDbFixture>
{
    public static TheoryData<string> Cultures => new() { "th-TH", "ar-SA", "fa-IR", "tr-TR", "de-DE" };

    private List<string> Describe()
    {
        var result = new List<string>();
        using var connection = mariaDb.Open();
        foreach (var text in FilterCorpusTests.Corpus.Concat(FilterCultureTests.CultureSensitive))
        {
            var filter = FilterExpression.Parse(text, FilterTestData.Variable).Validate(FilterTestData.AllowedNames);
            var sql = filter.ToSql(DbKind.MariaDb.Provider(), FilterTestData.ColumnsFor(DbKind.MariaDb));
            var parameters = string.Join(", ", sql.Parameters.Select(p => p.Key + "=" + p.Value switch
            {
                DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                null => "NULL",
                var v => Convert.ToString(v, CultureInfo.InvariantCulture) + " (" + v.GetType().Name + ")",
            }));
            result.Add($"{text} MariaDB: {sql.Where} {parameters} | {sql.Residual}");
            result.Add($"{text} MariaDB selects: {string.Join(",", FilterTestData.Selected(connection, sql))}");
            result.Add($"{text} in memory: {string.Join(",", FilterTestData.Expected(filter))}");
        }
        return result;
    }

    [MariaDbTheory]
    [MemberData(nameof(Cultures))]
    public async Task Every_filter_selects_and_translates_the_same_on_MariaDb_under_any_culture(string culture)
    {
        var invariant = await ProcessCultureCollection.InCulture("", () => Task.FromResult(Describe()));
        var other = await ProcessCultureCollection.InCulture(culture, () => Task.FromResult(Describe()));
        Assert.Equal(invariant, other);
        // And on MariaDB what PowerShell selects, under the invariant culture as under this one.
        for (var i = 1; i < invariant.Count; i += 3)
            Assert.Equal(invariant[i][(invariant[i].IndexOf(" MariaDB selects: ", StringComparison.Ordinal) + 18)..],
                invariant[i + 1][(invariant[i + 1].IndexOf(" in memory: ", StringComparison.Ordinal) + 12)..]);
    }
}
