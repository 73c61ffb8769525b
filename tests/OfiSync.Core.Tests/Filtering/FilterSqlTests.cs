using OfiSync.Core.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Filtering;
using OfiSync.Core.Providers;
using Xunit;

namespace OfiSync.Core.Tests.Filtering;

public class FilterSqlTests
{
    private static SqlFilter Sql(string text, DbKind kind = DbKind.PostgreSql, string prefix = "f") =>
        FilterExpression.Parse(text, FilterTestData.Variable)
            .Validate(FilterTestData.AllowedNames)
            .ToSql(kind.Provider(), FilterTestData.ColumnsFor(kind), prefix);

    [Fact]
    public void Parameters_are_named_with_the_prefix_and_hold_the_values()
    {
        var sql = Sql("poblacion -eq 'Madrid' -and cantidad -gt 5", prefix: "w_1");
        Assert.Equal("lower(\"poblacion\") = lower(@w_10) AND \"cantidad\" > @w_11", sql.Where);
        Assert.Equal([new("@w_10", "Madrid"), new KeyValuePair<string, object?>("@w_11", 5L)], sql.Parameters);
        Assert.Null(sql.Residual);
        Assert.Throws<ArgumentException>(() => Sql("cantidad -gt 5", prefix: "f; DROP"));
        Assert.Throws<ArgumentException>(() => Sql("cantidad -gt 5", prefix: ""));
    }

    [Fact]
    public void Top_level_conditions_split_and_the_rest_stays_whole()
    {
        var sql = Sql("poblacion -eq 'Madrid' -and vip -and cantidad -gt 5");
        Assert.Equal("lower(\"poblacion\") = lower(@f0) AND \"cantidad\" > @f1", sql.Where);
        Assert.Equal(["@f0", "@f1"], sql.Parameters.Select(p => p.Key));
        Assert.Equal("vip", sql.Residual!.ToString());

        var or = Sql("(cantidad -gt 5 -or vip) -and poblacion -eq 'Madrid'");
        Assert.Equal("lower(\"poblacion\") = lower(@f0)", or.Where);
        Assert.Equal(["@f0"], or.Parameters.Select(p => p.Key));
        Assert.Equal("cantidad -gt 5 -or vip", or.Residual!.ToString());

        var not = Sql("-not (cantidad -gt 5 -and vip)");
        Assert.Null(not.Where);
        Assert.Empty(not.Parameters);
        Assert.Equal("-not (cantidad -gt 5 -and vip)", not.Residual!.ToString());
    }

    [Fact]
    public void Not_is_pushed_down_so_nulls_keep_PowerShell_answers()
    {
        // -not (x -eq 'a') is x -ne 'a', true for NULL; -not (n -lt 5) is n -ge 5, false for NULL ($null -lt 5 is true).
        Assert.Equal("(\"poblacion\" IS NULL OR NOT (lower(\"poblacion\") = lower(@f0)))", Sql("-not (poblacion -eq 'a')").Where);
        Assert.Equal("\"cantidad\" >= @f0", Sql("-not (cantidad -lt 5)").Where);
        Assert.Equal("(\"cantidad\" IS NULL OR \"cantidad\" < @f0)", Sql("cantidad -lt 5").Where);
        Assert.Equal("((\"cantidad\" IS NULL OR \"cantidad\" <= @f0) AND (\"activo\" IS NULL OR NOT (\"activo\" = @f1)))",
            Sql("-not (cantidad -gt 5 -or activo)").Where);
    }

    [Fact]
    public void Constants_fold_away()
    {
        Assert.Equal("lower(\"poblacion\") = lower(@f0)", Sql("$true -and poblacion -eq 'x'").Where);
        var none = Sql("poblacion -eq 'x' -and $incluir");
        Assert.Equal("1=0", none.Where);
        Assert.Empty(none.Parameters);
        Assert.Equal("lower(\"poblacion\") = lower(@f0)", Sql("$incluir -or poblacion -eq 'x'").Where);
        Assert.Equal("1=1", Sql("nombre -like '*'").Where);
        Assert.Equal("1=0", Sql("nombre -notlike '*' -or sector -in @()").Where);
        Assert.Equal("(\"nombre\" IS NULL OR ofisync_like(\"nombre\", @f0) = 1)", Sql("nombre -like '*' -and nombre -like '**'", DbKind.Sqlite).Where);
    }

    [Fact]
    public void Values_never_appear_in_the_SQL()
    {
        var text = "nombre -eq 'Zyx1' -or email -like '*Zyx2*' -or sector -in 'Zyx3', 'Zyx4' -or codigo -gt 'Zyx5' -or fecha -lt '2024-05-06'";
        foreach (var kind in new[] { DbKind.Sqlite, DbKind.PostgreSql, DbKind.SqlServer })
        {
            var sql = Sql(text, kind);
            var where = sql.Where ?? "";
            Assert.DoesNotContain("Zyx", where);
            Assert.DoesNotContain("2024", where);
        }
    }

    [Theory]
    [InlineData("nombre -like '[a-c]x?y*'", "[a-c]x_y%")]
    [InlineData("nombre -like '[A-Z]*'", "[A-Z]%")]
    [InlineData("nombre -like '[^a]*'", "[a^]%")]
    [InlineData("nombre -like '[a-]*'", "[-a]%")]
    [InlineData("nombre -like '[^]*'", "^%")]
    [InlineData("nombre -like '50%_*'", "50\\%\\_%")]
    [InlineData("nombre -like '*`[x]*'", "%\\[x]%")]
    [InlineData("nombre -eq 'a\\b[c]'", "a\\\\b\\[c]")]
    public void SqlServer_like_escapes_and_translates_sets(string filter, string pattern)
    {
        var sql = Sql(filter, DbKind.SqlServer);
        Assert.Equal("LOWER([nombre]) COLLATE Latin1_General_100_BIN2 LIKE LOWER(@f0) ESCAPE '\\'", sql.Where);
        Assert.Equal(pattern, sql.Parameters.Single().Value);
    }

    [Theory]
    [InlineData("nombre -like '[A-z]*'", DbKind.SqlServer)]
    [InlineData("nombre -like '[a-c]*'", DbKind.PostgreSql)]
    [InlineData("codigo -gt '5'", DbKind.PostgreSql)]
    [InlineData("codigo -gt '5'", DbKind.SqlServer)]
    [InlineData("cantidad -eq 'abc'", DbKind.Sqlite)]
    [InlineData("cantidad -lt 'abc'", DbKind.Sqlite)]
    [InlineData("fecha -eq 'no es fecha'", DbKind.Sqlite)]
    [InlineData("fecha -eq [datetimeoffset]'2024-02-29T00:00:00+00:00'", DbKind.PostgreSql)]
    [InlineData("fecha -eq 638396640000000000", DbKind.PostgreSql)]
    [InlineData("fecha -like '02/29/2024*'", DbKind.Sqlite)]
    [InlineData("cantidad -like '1*'", DbKind.Sqlite)]
    [InlineData("activo -gt $false", DbKind.Sqlite)]
    [InlineData("ratio -eq 0.1d", DbKind.PostgreSql)]
    [InlineData("codigo -in 1, 2", DbKind.Sqlite)]
    [InlineData("cantidad -in '1', '2'", DbKind.Sqlite)]
    [InlineData("fecha -in '2024-02-29'", DbKind.Sqlite)]
    [InlineData("activo -in 1", DbKind.Sqlite)]
    [InlineData("fecha_modif -ge $_.fecha", DbKind.Sqlite)]
    [InlineData("5 -lt $_.cantidad", DbKind.Sqlite)]
    public void What_SQL_would_answer_differently_stays_in_memory(string filter, DbKind kind)
    {
        var sql = Sql(filter, kind);
        Assert.Null(sql.Where);
        Assert.Empty(sql.Parameters);
        Assert.NotNull(sql.Residual);
    }

    [Fact]
    public void Conversions_PowerShell_makes_are_made_before_the_value_becomes_a_parameter()
    {
        Assert.Equal(true, Sql("activo -eq 'false'").Parameters.Single().Value);        // non-empty text is $true
        Assert.Equal(1L, Sql("cantidad -eq $true").Parameters.Single().Value);          // $true is 1 against a number
        Assert.Equal(50.0, Sql("importe -gt ' 50 '", DbKind.Sqlite).Parameters.Single().Value); // text scanned as a number
        Assert.Equal("5", Sql("codigo -eq 5").Parameters.Single().Value);               // a number against text is its text
        Assert.Equal("1.5", Sql("codigo -eq 1.5").Parameters.Single().Value);
        Assert.Equal(new DateTime(2024, 2, 29), Sql("fecha -ge '2024-02-29'").Parameters.Single().Value);
        Assert.Equal("2024-02-29 00:00:00.0000000", Sql("fecha -ge '2024-02-29'", DbKind.Sqlite).Parameters.Single().Value);
        Assert.Equal(0.1m, Sql("importe -eq 0.1").Parameters.Single().Value);          // rounded to 15 digits, as PowerShell does
    }

    [Fact]
    public void Sqlite_functions_follow_PowerShell_and_return_null_for_null()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        OfiSync.Core.Providers.Sqlite.SqliteFilterFunctions.Register(c);
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = """
            SELECT ofisync_eq('ÁVILA', 'ávila'), ofisync_eq(NULL, 'a'), ofisync_eq('a', 'a '),
                   ofisync_compare('a', 'B'), ofisync_like('Ñu', '[ñ]?'), ofisync_like(NULL, '*'),
                   ofisync_datetime('2024-02-29'), ofisync_datetime('2024-12-31T23:59:59.999'), ofisync_datetime(2460369.5),
                   ofisync_datetime('no'), ofisync_datetime(NULL)
            """;
        using var r = command.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(1L, r.GetInt64(0));
        Assert.True(r.IsDBNull(1));
        Assert.Equal(0L, r.GetInt64(2));
        Assert.Equal(-1L, r.GetInt64(3));
        Assert.Equal(1L, r.GetInt64(4));
        Assert.True(r.IsDBNull(5));
        Assert.Equal("2024-02-29 00:00:00.0000000", r.GetString(6));
        Assert.Equal("2024-12-31 23:59:59.9990000", r.GetString(7));
        Assert.Equal("2024-02-29 00:00:00.0000000", r.GetString(8));
        Assert.True(r.IsDBNull(9));
        Assert.True(r.IsDBNull(10));
    }

    [Fact]
    public void Evaluate_reads_DBNull_as_null_and_refuses_values_it_cannot_compare()
    {
        var f = FilterExpression.Parse("x -eq $null");
        Assert.True(f.Evaluate(_ => DBNull.Value));
        Assert.True(FilterExpression.Parse("x -eq 'a'").Evaluate(_ => 'A'));
        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse("a -eq 1 -and x -eq 1").Evaluate(n => n == "a" ? 1 : new byte[] { 1 }));
        Assert.Equal(13, e.Position);
        Assert.Contains("System.Byte[]", e.Reason);
    }

    [Fact]
    public void Evaluate_asks_for_names_as_Validate_spelled_them_and_short_circuits()
    {
        var asked = new List<string>();
        var f = FilterExpression.Parse("POBLACION -eq 'x' -and Cantidad -lt 'abc'").Validate(["poblacion", "cantidad"]);
        Assert.False(f.Evaluate(n =>
        {
            asked.Add(n);
            return n == "poblacion" ? "y" : 5;
        }));
        // PowerShell's -and stops at the first false: the failing comparison is never made.
        Assert.Equal(["poblacion"], asked);
    }
}
