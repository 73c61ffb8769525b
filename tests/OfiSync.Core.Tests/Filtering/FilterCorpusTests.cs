using Microsoft.SqlServer.TransactSql.ScriptDom;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OfiSync.Core.Tests.Filtering;

/// <summary>The PostgreSQL copy of the test table, created the first time a test needs it.</summary>
public sealed class FilterPostgresFixture : IDisposable
{
    private readonly Lazy<PostgresDatabase> _database = new(() =>
    {
        var db = new PostgresDatabase();
        using var c = db.Open();
        FilterTestData.LoadPostgres(c);
        return db;
    });

    public Npgsql.NpgsqlConnection Open() => _database.Value.Open();

    public void Dispose()
    {
        if (_database.IsValueCreated) _database.Value.Dispose();
    }
}

/// <summary>
/// For every filter of the corpus, the rows the SQL selects (then narrowed by the residual) are the rows
/// Evaluate selects in memory, on SQLite and on PostgreSQL; the SQL Server translation parses.
/// </summary>
public class FilterCorpusTests(FilterPostgresFixture postgres, ITestOutputHelper output) : IClassFixture<FilterPostgresFixture>
{
    public static readonly string[] Corpus =
    [
        "poblacion -eq 'Madrid'",
        "poblacion -eq 'ávila'",
        "poblacion -eq 'LOGROÑO'",
        "poblacion -ne 'Madrid'",
        "poblacion -eq $null",
        "poblacion -ne $null",
        "poblacion -eq ''",
        "poblacion -eq 'Madrid '",
        "poblacion -ieq 'MADRID'",
        "poblacion -like 'mad*'",
        "poblacion -like '*coruña'",
        "poblacion -like '?adrid'",
        "poblacion -like 'madrid'",
        "poblacion -notlike '*a*'",
        "poblacion -like ''",
        "poblacion -like '**'",
        "poblacion -like $patron",
        "email -like '*@gmail.com'",
        "email -like '*%*'",
        "email -like 'jose_garcia@*'",
        "email -notlike '*@*'",
        "email -like '*`*'",
        "nombre -like '[a-c]*'",
        "nombre -like '*[ñ]*'",
        "nombre -like '[[]*'",
        "nombre -like '*\\*'",
        "nombre -like '*'",
        "nombre -notlike '*'",
        "nombre -like '*Ñ*'",
        "nombre -eq $nombreVar",
        "nombre -eq 'STRASSE'",
        "nombre -gt $null",
        "sector -in 'HOT','AGE'",
        "sector -in $sectores",
        "sector -notin 'HOT', 'AGE'",
        "sector -in @('hot', $null)",
        "sector -notin @()",
        "sector -in $vacio",
        "importe -gt 100",
        "importe -ge 0.1",
        "importe -lt 0",
        "importe -eq 12.34",
        "importe -eq 50",
        "importe -le $limite",
        "importe -gt '50'",
        "importe -in 0, 50, 100",
        "cantidad -eq 5",
        "cantidad -lt 0",
        "cantidad -gt -1",
        "cantidad -le $null",
        "cantidad -in 1,2,3",
        "cantidad -in $cantidades",
        "cantidad -ge 2.5",
        "cantidad -eq $true",
        "ratio -lt 0.5",
        "ratio -eq 0.1",
        "ratio -gt 0",
        "activo -eq $true",
        "activo -eq $false",
        "activo -ne $true",
        "activo -eq 'false'",
        "activo",
        "-not activo",
        "!activo -and cantidad -gt 10",
        "fecha -ge $since",
        "fecha -eq [datetime]'2024-02-29'",
        "fecha -lt '2024-01-01'",
        "fecha -in [datetime]'2024-02-29', [datetime]'2025-01-01'",
        "fecha_modif -ge [datetime]'2024-12-31 23:59:59'",
        "fecha_modif -gt '2024-12-31 23:59:59.5'",
        "fecha_modif -le $since",
        "fecha_modif -eq $finDeAno",
        "fecha -ne $null -and fecha -lt [datetime]'2024-03-01'",
        "fecha",
        "poblacion -eq 'Madrid' -or poblacion -eq 'Ávila' -and activo -eq $true",
        "poblacion -eq 'Madrid' -or (poblacion -eq 'Ávila' -and activo -eq $true)",
        "-not (poblacion -eq 'Madrid')",
        "-not (cantidad -lt 5)",
        "-not (importe -gt 10 -or activo)",
        "-not -not (sector -eq 'hot')",
        "-not (codigo -gt '5')",
        "-not (fecha -lt $since) -and -not (ratio -ge 0.5)",
        "-not (email -like '*@*' -or sector -in 'HOT', $null)",
        "-not ('Madrid' -eq $_.poblacion)",
        "-not (activo -eq $false -and fecha)",
        "codigo -gt '5'",
        "codigo -eq 1",
        "codigo -lt 10",
        "'Madrid' -eq $_.poblacion",
        "$_.poblacion -like 'm*' -and $PSItem.activo",
        "$true -and poblacion -eq 'madrid'",
        "$incluir -or activo",
        "sector -eq 'hot' -and importe -ge 10 -and fecha -ge $since",
        "{ poblacion -eq 'Madrid' -and fecha_modif -ge $since }",
        "vip",
        "vip -or poblacion -eq 'Madrid'",
        "poblacion -eq 'Madrid' -and vip",
        "poblacion -eq 'Madrid' -and -not vip -and cantidad -gt 0",
        "rara -eq 'josé garcía'",
        "nombre -eq $ataque",
        "nombre -eq 'x''); DROP TABLE clientes; --'",
        "nombre -like '%'' OR 1=1 --'",
        "sector -in 'a'');DELETE FROM clientes;--', 'HOT'",
        "nombre -eq \"O'Brien\"",
        "poblacion -ceq 'Madrid'",
        "poblacion -ceq 'madrid'",
        "poblacion -ceq 'ÁVILA'",
        "poblacion -cne 'Madrid'",
        "poblacion -ceq $null",
        "poblacion -clike 'Mad*'",
        "poblacion -clike 'mad*'",
        "poblacion -clike '*Coruña'",
        "poblacion -cnotlike '*a*'",
        "nombre -clike '*Ñ*'",
        "nombre -clike '[A-J]*'",
        "nombre -clike '?a%b'",
        "nombre -ceq $nombreVar",
        "email -clike '*@GMAIL.COM'",
        "email -clike 'jose_garcia@*'",
        "sector -cin 'HOT', 'AGE'",
        "sector -cin $sectores",
        "sector -cnotin 'hot', $null",
        "codigo -cgt 'A'",
        "codigo -clt 'a1'",
        "codigo -cge '9'",
        "nombre -cle 'ángel'",
        "-not (poblacion -ceq 'Madrid' -or sector -cin 'hot')",
        "'Madrid' -ceq $_.poblacion",
        "poblacion -ceq 'Madrid' -and activo",
    ];

    public static IEnumerable<object[]> Filters => Corpus.Select(f => new object[] { f });

    private static FilterExpression Parse(string text) =>
        FilterExpression.Parse(text, FilterTestData.Variable).Validate(FilterTestData.AllowedNames);

    [Fact]
    public void The_corpus_has_at_least_60_filters_and_selects_varied_rows()
    {
        Assert.True(Corpus.Length >= 60, $"{Corpus.Length} filters");
        var counts = Corpus.Select(f => FilterTestData.Expected(Parse(f)).Count).ToList();
        // Not a corpus of filters that select nothing or everything.
        Assert.True(counts.Count(c => c > 0 && c < FilterTestData.Rows.Count) >= Corpus.Length * 3 / 4);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Sqlite_selects_what_Evaluate_selects(string text)
    {
        var filter = Parse(text);
        using var connection = FilterTestData.OpenSqlite();
        var sql = filter.ToSql(DbKind.Sqlite.Provider(), FilterTestData.ColumnsFor(DbKind.Sqlite));
        output.WriteLine($"WHERE {sql.Where}\nresidual: {sql.Residual}");
        Assert.Equal(FilterTestData.Expected(filter), FilterTestData.Selected(connection, sql));
        // Every name but the lookup "vip" can be read in SQL, and SQLite can then translate everything.
        if (!filter.Names.Contains("vip")) Assert.Null(sql.Residual);
    }

    [PostgresTheory]
    [MemberData(nameof(Filters))]
    public void PostgreSql_selects_what_Evaluate_selects(string text)
    {
        var filter = Parse(text);
        using var connection = postgres.Open();
        var sql = filter.ToSql(DbKind.PostgreSql.Provider(), FilterTestData.ColumnsFor(DbKind.PostgreSql));
        output.WriteLine($"WHERE {sql.Where}\nresidual: {sql.Residual}");
        Assert.Equal(FilterTestData.Expected(filter), FilterTestData.Selected(connection, sql));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void SqlServer_translation_parses(string text)
    {
        var sql = Parse(text).ToSql(DbKind.SqlServer.Provider(), FilterTestData.ColumnsFor(DbKind.SqlServer));
        if (sql.Where is null) return;
        var statement = $"SELECT * FROM [{FilterTestData.Table}] WHERE {sql.Where}";
        output.WriteLine(statement);
        new TSql160Parser(true).Parse(new StringReader(statement), out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")) + "\n" + statement);
    }

    /// <summary>Runs the corpus on a real SQL Server when OFISYNC_TEST_SQLSERVER names one (none can run here).</summary>
    [SqlServerFact]
    public void SqlServer_selects_what_Evaluate_selects()
    {
        using var connection = new Microsoft.Data.SqlClient.SqlConnection(Environment.GetEnvironmentVariable("OFISYNC_TEST_SQLSERVER"));
        connection.Open();
        var table = "ofisync_filter_" + Guid.NewGuid().ToString("N")[..8];
        FilterTestData.LoadSqlServer(connection, table);
        try
        {
            var failures = new List<string>();
            foreach (var text in Corpus)
            {
                var filter = Parse(text);
                var sql = filter.ToSql(DbKind.SqlServer.Provider(), FilterTestData.ColumnsFor(DbKind.SqlServer));
                var expected = FilterTestData.Expected(filter);
                var selected = FilterTestData.Selected(connection, sql, table);
                if (!expected.SetEquals(selected)) failures.Add($"{text}: WHERE {sql.Where}");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            FilterTestData.Execute(connection, $"DROP TABLE {table}");
        }
    }

    // The brief's question: does this cluster's lower() (collation C.UTF-8) fold accented capitals? It does.
    [PostgresFact]
    public void PostgreSql_lower_folds_accented_letters_in_the_test_cluster()
    {
        using var connection = postgres.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT lower('ÁVILA ÑANDÚ ÇÜ'), lower('Ñ') = lower('ñ'), current_setting('lc_ctype')";
        using var r = command.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal("ávila ñandú çü", r.GetString(0));
        Assert.True(r.GetBoolean(1));
        output.WriteLine("lc_ctype: " + r.GetString(2));
    }

    /// <summary>
    /// A known, documented difference: PowerShell's -eq is a culture comparison and equals compatibility characters
    /// ('Nº 5' -eq 'NO 5' is True in pwsh 7.6.9); PostgreSQL's lower() does not. SQLite, through its registered
    /// functions, agrees with PowerShell. This test pins the difference so that it is not forgotten.
    /// </summary>
    [PostgresFact]
    public void PostgreSql_known_difference_compatibility_characters()
    {
        var filter = FilterExpression.Parse("nombre -eq 'NO 5'").Validate(FilterTestData.AllowedNames);
        Assert.Contains(FilterTestData.Rows.First(r => (string?)r["nombre"] == "Nº 5")["id"], FilterTestData.Expected(filter).Cast<object>());
        using var sqlite = FilterTestData.OpenSqlite();
        Assert.Equal(FilterTestData.Expected(filter), FilterTestData.Selected(sqlite, filter.ToSql(DbKind.Sqlite.Provider(), FilterTestData.ColumnsFor(DbKind.Sqlite))));
        using var connection = postgres.Open();
        Assert.Empty(FilterTestData.Selected(connection, filter.ToSql(DbKind.PostgreSql.Provider(), FilterTestData.ColumnsFor(DbKind.PostgreSql))));
    }

    [Fact]
    public void Most_of_the_corpus_goes_to_PostgreSql_and_SqlServer_whole()
    {
        foreach (var kind in new[] { DbKind.PostgreSql, DbKind.SqlServer })
        {
            var whole = Corpus.Count(f => !f.Contains("vip") && Parse(f).ToSql(kind.Provider(), FilterTestData.ColumnsFor(kind)).Residual is null);
            output.WriteLine($"{kind}: {whole} of {Corpus.Count(f => !f.Contains("vip"))} filters entirely in SQL");
            Assert.True(whole >= Corpus.Length * 3 / 4, $"{kind}: {whole}");
        }
    }
}
