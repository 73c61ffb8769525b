using OfiSync.Core.Tests.Infrastructure;
using System.Globalization;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Engine;
using Xunit;

namespace OfiSync.Core.Tests.Filtering;

/// <summary>
/// A filter means the same under every culture. What PowerShell 7.6 does, checked in pwsh with [cultureinfo]::CurrentCulture
/// set to each of these: -eq, -ne and the orderings of text use the invariant culture; text compared with a number is
/// read with the invariant culture ('1,5' -eq 1.5 is False under de-DE too; '1,000' is 1000); [datetime]'...' and text
/// compared with a date are read with the invariant culture (month first); only -like follows the current culture
/// ('ISTANBUL' -like 'i*' is False under tr-TR), which OfiSync does not follow (see PowerShellWildcard). So every
/// filter of the corpus, and the culture-sensitive ones below, select the same rows in memory, on SQLite and on
/// PostgreSQL, print the same canonical text (the one a line stores), and send the same parameters, under each culture.
/// </summary>
[Collection(ProcessCultureCollection.Name)]
public class FilterCultureTests(FilterPostgresFixture postgres) : IClassFixture<FilterPostgresFixture>
{
    internal static readonly string[] CultureSensitive =
    [
        "nombre -like 'i*'",
        "nombre -like 'I?AKI'",
        "nombre -like '[i]*'",
        "nombre -notlike '*i*'",
        "nombre -eq 'iñaki'",
        "nombre -in 'IÑAKI', 'zoë'",
        "nombre -gt 'i'",
        "nombre -lt 'J'",
        "codigo -ge 'a'",
        "importe -gt '12.34'",
        "importe -eq '12,34'",
        "importe -ge '1,000'",
        "importe -lt 50.005",
        "importe -eq 0.1d",
        "ratio -lt '0.5'",
        "ratio -ge 1e-7",
        "cantidad -eq '5'",
        "cantidad -gt '2.5'",
        "fecha -eq '02/29/2024'",
        "fecha -lt [datetime]'03/01/2024'",
        "fecha -ge [datetime]'2024-02-29'",
        "fecha_modif -ge '2024-12-31 23:59:59.5'",
        "fecha_modif -lt [datetime]'2024-12-31T23:59:59.9990000'",
        "fecha -in [datetime]'2024-02-29', '2025-01-01'",
        "fecha -eq $since -or fecha_modif -eq $finDeAno",
        "importe -le $limite",
    ];

    public static TheoryData<string> Cultures => new() { "th-TH", "ar-SA", "fa-IR", "tr-TR", "de-DE" };

    private static IEnumerable<string> All => FilterCorpusTests.Corpus.Concat(CultureSensitive);

    private static FilterExpression Parse(string text) =>
        FilterExpression.Parse(text, FilterTestData.Variable).Validate(FilterTestData.AllowedNames);

    /// <summary>What a filter is, and selects, as invariant text.</summary>
    private List<string> Describe(bool withPostgres)
    {
        var result = new List<string>();
        using var sqlite = FilterTestData.OpenSqlite();
        using var pg = withPostgres ? postgres.Open() : null;
        foreach (var text in All)
        {
            var filter = Parse(text);
            result.Add($"{text} => {filter}");
            result.Add($"{text} in memory: {string.Join(",", FilterTestData.Expected(filter))}");
            var onSqlite = filter.ToSql(DbKind.Sqlite.Provider(), FilterTestData.ColumnsFor(DbKind.Sqlite));
            result.Add($"{text} SQLite: {onSqlite.Where} {Parameters(onSqlite)} | {onSqlite.Residual}");
            result.Add($"{text} SQLite selects: {string.Join(",", FilterTestData.Selected(sqlite, onSqlite))}");
            if (pg is null) continue;
            var onPostgres = filter.ToSql(DbKind.PostgreSql.Provider(), FilterTestData.ColumnsFor(DbKind.PostgreSql));
            result.Add($"{text} PostgreSQL: {onPostgres.Where} {Parameters(onPostgres)} | {onPostgres.Residual}");
            result.Add($"{text} PostgreSQL selects: {string.Join(",", FilterTestData.Selected(pg, onPostgres))}");
        }
        return result;
    }

    private static string Parameters(SqlFilter sql) => string.Join(", ", sql.Parameters.Select(p => p.Key + "=" + p.Value switch
    {
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture) + " (DateTime)",
        null => "NULL",
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) + " (" + v.GetType().Name + ")",
    }));

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Every_filter_selects_prints_and_translates_the_same_under_any_culture(string culture)
    {
        var withPostgres = !string.IsNullOrEmpty(Infrastructure.PostgresDatabase.ServerConnectionString);
        var invariant = await ProcessCultureCollection.InCulture("", () => Task.FromResult(Describe(withPostgres)));
        // The invariant answers are PowerShell's (PowerShellSemanticsTests pins them); a few culture-sensitive ones here.
        Assert.Contains("nombre -like 'i*' => nombre -like 'i*'", invariant);
        Assert.Contains("importe -eq '12,34' in memory: ", invariant);
        Assert.DoesNotContain("importe -gt '12.34' in memory: ", invariant);
        var other = await ProcessCultureCollection.InCulture(culture, () => Task.FromResult(Describe(withPostgres)));
        Assert.Equal(invariant, other);
    }

    [Fact]
    public async Task Like_folds_case_with_the_invariant_culture_where_a_culture_has_rules_of_its_own()
    {
        var answers = await ProcessCultureCollection.InCulture("tr-TR", () => Task.FromResult(new[]
        {
            Parse("nombre -like 'i*'").Evaluate(_ => "ISTANBUL"),
            Parse("nombre -like 'istanbul'").Evaluate(_ => "ISTANBUL"),
            Parse("nombre -like 'i?tanbul'").Evaluate(_ => "ISTANBUL"),
            Parse("nombre -like '[i]stanbul'").Evaluate(_ => "ISTANBUL"),
            Parse("nombre -like 'I*'").Evaluate(_ => "ılıca"),
            Parse("nombre -eq 'istanbul'").Evaluate(_ => "ISTANBUL"),
        }));
        Assert.Equal([true, true, true, true, false, true], answers);
    }
}
