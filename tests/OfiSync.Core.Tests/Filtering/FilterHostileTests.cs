using System.Data.Common;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Filtering;

/// <summary>
/// Hostile or malformed filters are refused with a FilterException before any SQL runs, and the table is the same
/// afterwards; hostile VALUES in valid filters are parameters, select what Evaluate selects and change nothing.
/// </summary>
public class FilterHostileTests(FilterPostgresFixture postgres) : IClassFixture<FilterPostgresFixture>
{
    public static readonly string[] Refused =
    [
        "nombre -eq a; Write-Host x",
        "nombre -eq 'a'; DROP TABLE clientes",
        "nombre -eq 'a' -and",
        "nombre -eq 'a' -or",
        "nombre -eq 'a' -and -or sector -eq 'b'",
        "-not",
        "!",
        "nombre -eq",
        "nombre -in",
        "nombre -in 'a',",
        "nombre -eq 'a' -- comment",
        "nombre -eq 'a' /* comment */",
        "nombre -eq 'a' # comment",
        "nombre -eq 'a' <# comment #>",
        "nombre -eq $(Get-Date)",
        "nombre -in @(Get-Process)",
        "nombre -eq @{ a = 1 }",
        "(nombre -eq 'a'",
        "nombre -eq 'a')",
        "((nombre -eq 'a') -or (sector -eq 'b')",
        "nombre -eq 'a",
        "nombre -eq \"a",
        "name]; DROP TABLE x;-- -eq 1",
        "[nombre] -eq 1",
        "\"x\" + \"y\" -eq nombre",
        "$_.nombre.ToUpper() -eq 'A'",
        "$_.nombre.Length -gt 3",
        "nombre.Length -gt 3",
        "$_['nombre'] -eq 'a'",
        "[IO.File]::Delete('x')",
        "nombre -eq [IO.Path]::GetTempPath()",
        "nombre -eq [string]'a'",
        "& cmd",
        "nombre -eq 'a' | Remove-Item",
        "nombre -eq 'a' && sector -eq 'b'",
        "@'\nhere\n'@",
        "nombre -eq @\"\nhere\n\"@",
        "nombre -eq \"$env:USERNAME\"",
        "nombre -eq \"$(whoami)\"",
        "nombre -eq \"`$x\"",
        "nombre -eq `\n'a'",
        "nombre = 'a'",
        "nombre == 'a'",
        "nombre > 5",
        "nombre -match 'a.*'",
        "nombre -cmatch 'a'",
        "nombre -cieq 'a'",
        "nombre -contains 'a'",
        "nombre -replace 'a', 'b'",
        "nombre -eq Madrid",
        "Get-ChildItem",
        "Remove-Item -Recurse C:\\",
        "nombre -eq 'a' 'b'",
        "nombre -eq 'a' -eq 'b'",
        "-not nombre -eq 'a'",
        "nombre -eq ('a')",
        "nombre -eq 'a', 'b'",
        "nombre -eq ${x}",
        "nombre -eq $ataque[0]",
        "nombre -eq $ataque.Length",
        "nombre -eq $noExiste",
        "$_ -eq 'a'",
        "nombre -eq 0x10",
        "nombre -eq 5kb",
        "nombre -eq [datetime]'no es una fecha'",
        "nombre -like 'a[b'",
        "{ nombre -eq 'a' } { sector -eq 'b' }",
        "nombre -eq { 'a' }",
        "nombre -eq ‘a’",
        "nombre\0 -eq 'a'",
        "",
        "   \n\t ",
        "drop -eq 1",
        "nombre -eq 'a' -and clientes -eq 'b'",
        new string('(', 100) + "nombre -eq 'a'" + new string(')', 100),
    ];

    public static readonly string[] HostileValues =
    [
        "nombre -eq 'x''); DROP TABLE clientes; --'",
        "nombre -eq $ataque",
        "nombre -like '%'' OR 1=1 --'",
        "nombre -like '*'' OR ''1''=''1*'",
        "sector -in 'a'');DELETE FROM clientes;--', 'HOT'",
        "nombre -eq \"'; UPDATE clientes SET nombre = 'x'; --\"",
        "nombre -eq '\\'' OR 1=1; --'",
        "rara -eq 'josé garcía' -or rara -eq $ataque",
        "poblacion -gt 'a'' OR ''a''=''a'",
        "email -like '*]; DROP TABLE clientes;--*'",
    ];

    public static IEnumerable<object[]> RefusedData => Refused.Select(t => new object[] { t });
    public static IEnumerable<object[]> HostileValueData => HostileValues.Select(t => new object[] { t });

    private static SqlFilter Translate(string text, DbKind kind) =>
        FilterExpression.Parse(text, FilterTestData.Variable)
            .Validate(FilterTestData.AllowedNames)
            .ToSql(kind.Provider(), FilterTestData.ColumnsFor(kind));

    private static void AssertRefused(string text, DbConnection connection, DbKind kind)
    {
        var before = FilterTestData.Snapshot(connection);
        var e = Assert.Throws<FilterException>(() => FilterTestData.Selected(connection, Translate(text, kind)));
        Assert.Equal(text, e.Expression);
        Assert.InRange(e.Position, 0, text.Length);
        Assert.Contains("^", e.Message);
        Assert.Equal(before, FilterTestData.Snapshot(connection));
    }

    [Fact]
    public void There_are_at_least_40_refused_filters()
    {
        Assert.True(Refused.Length >= 40, $"{Refused.Length}");
    }

    [Theory]
    [MemberData(nameof(RefusedData))]
    public void Sqlite_refuses_before_running_anything(string text)
    {
        using var connection = FilterTestData.OpenSqlite();
        AssertRefused(text, connection, DbKind.Sqlite);
    }

    [PostgresTheory]
    [MemberData(nameof(RefusedData))]
    public void PostgreSql_refuses_before_running_anything(string text)
    {
        using var connection = postgres.Open();
        AssertRefused(text, connection, DbKind.PostgreSql);
    }

    [Theory]
    [MemberData(nameof(HostileValueData))]
    public void Sqlite_keeps_hostile_values_as_parameters(string text)
    {
        using var connection = FilterTestData.OpenSqlite();
        AssertHarmless(text, connection, DbKind.Sqlite);
    }

    [PostgresTheory]
    [MemberData(nameof(HostileValueData))]
    public void PostgreSql_keeps_hostile_values_as_parameters(string text)
    {
        using var connection = postgres.Open();
        AssertHarmless(text, connection, DbKind.PostgreSql);
    }

    private static void AssertHarmless(string text, DbConnection connection, DbKind kind)
    {
        var before = FilterTestData.Snapshot(connection);
        var filter = FilterExpression.Parse(text, FilterTestData.Variable).Validate(FilterTestData.AllowedNames);
        var sql = filter.ToSql(kind.Provider(), FilterTestData.ColumnsFor(kind));
        var where = sql.Where ?? "";
        foreach (var (_, value) in sql.Parameters)
            if (value is string s && s.Length > 3) Assert.DoesNotContain(s, where);
        Assert.DoesNotContain("DROP", where.Replace(FilterTestData.NastyColumn.Replace("\"", "\"\""), ""));
        Assert.Equal(FilterTestData.Expected(filter), FilterTestData.Selected(connection, sql));
        Assert.Equal(before, FilterTestData.Snapshot(connection));
    }
}
