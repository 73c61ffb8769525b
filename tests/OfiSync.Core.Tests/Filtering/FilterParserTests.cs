using System.Globalization;
using OfiSync.Core.Filtering;
using Xunit;

namespace OfiSync.Core.Tests.Filtering;

public class FilterParserTests
{
    /// <summary>The tree as an s-expression, with each value's type, to compare trees exactly.</summary>
    internal static string Dump(FilterExpression f) => Dump(f.Root);

    private static string Dump(FilterNode node) => node switch
    {
        LogicalNode n => $"({(n.IsAnd ? "and" : "or")} {Dump(n.Left)} {Dump(n.Right)})",
        NotNode n => $"(not {Dump(n.Operand)})",
        TruthNode n => $"(true? {Dump(n.Operand)})",
        ComparisonNode n => $"({n.Operator.Text()} {Dump(n.Left)} {Dump(n.Right)})",
        _ => "?",
    };

    private static string Dump(FilterOperand operand) => operand switch
    {
        PropertyOperand p => p.Name,
        ValueOperand v => DumpValue(v.Value),
        ListOperand l => "[" + string.Join(" ", l.Values.Select(DumpValue)) + "]",
        _ => "?",
    };

    private static string DumpValue(object? v) => v switch
    {
        null => "null",
        DateTime d => "DateTime:" + d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => "DateTimeOffset:" + o.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => v.GetType().Name + ":" + f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.GetType().Name + ":" + v,
    };

    // pwsh 7.6.9: "$true -or $true -and $false" is False, "$false -and $true -or $true" is True:
    // -and and -or have the same precedence and group from the left.
    [Theory]
    [InlineData("a -eq 1 -or b -eq 2 -and c -eq 3", "(and (or (-eq a Int32:1) (-eq b Int32:2)) (-eq c Int32:3))")]
    [InlineData("a -eq 1 -and b -eq 2 -or c -eq 3", "(or (and (-eq a Int32:1) (-eq b Int32:2)) (-eq c Int32:3))")]
    [InlineData("a -eq 1 -or (b -eq 2 -and c -eq 3)", "(or (-eq a Int32:1) (and (-eq b Int32:2) (-eq c Int32:3)))")]
    [InlineData("-not a -and b", "(and (not (true? a)) (true? b))")]
    [InlineData("!a -or -not (b -eq 1)", "(or (not (true? a)) (not (-eq b Int32:1)))")]
    [InlineData("-not -not a", "(not (not (true? a)))")]
    [InlineData("!!a", "(not (not (true? a)))")]
    [InlineData("((a))", "(true? a)")]
    [InlineData("{ a -eq 1 }", "(-eq a Int32:1)")]
    [InlineData("a –eq 1 —and b ―ne 2", "(and (-eq a Int32:1) (-ne b Int32:2))")]
    [InlineData("a -IEQ 1 -AND b -iLike 'x*'", "(and (-eq a Int32:1) (-like b String:x*))")]
    [InlineData("a -in 1, 2 -and b -notin @() -or c -in ('x')", "(or (and (-in a [Int32:1 Int32:2]) (-notin b [])) (-in c [String:x]))")]
    [InlineData("$_.a -eq $PSItem.b", "(-eq a b)")]
    [InlineData("'x' -eq $_.a", "(-eq String:x a)")]
    [InlineData("a\n-eq\r\n1", "(-eq a Int32:1)")]
    public void Parses_with_PowerShell_precedence(string text, string tree)
    {
        Assert.Equal(tree, Dump(FilterExpression.Parse(text)));
    }

    [Theory]
    [InlineData("'it''s'", "String:it's")]
    [InlineData("\"say \"\"hi\"\"\"", "String:say \"hi\"")]
    [InlineData("\"price $\"", "String:price $")]
    [InlineData("'$(not expanded) `n'", "String:$(not expanded) `n")]
    [InlineData("''", "String:")]
    [InlineData("42", "Int32:42")]
    [InlineData("-42", "Int32:-42")]
    [InlineData("2147483648", "Int64:2147483648")]
    [InlineData("9223372036854775808", "Decimal:9223372036854775808")]
    [InlineData("1.5", "Double:1.5")]
    [InlineData("-2.25", "Double:-2.25")]
    [InlineData(".5", "Double:0.5")]
    [InlineData("1E+20", "Double:1E+20")]
    [InlineData("1.50d", "Decimal:1.50")]
    [InlineData("$true", "Boolean:True")]
    [InlineData("$FALSE", "Boolean:False")]
    [InlineData("$null", "null")]
    [InlineData("[datetime]'2024-02-29'", "DateTime:2024-02-29T00:00:00.0000000")]
    [InlineData("[DateTime]'2024-12-31 23:59:59.999'", "DateTime:2024-12-31T23:59:59.9990000")]
    [InlineData("[datetimeoffset]'2024-01-01T10:00:00+01:00'", "DateTimeOffset:2024-01-01T10:00:00.0000000+01:00")]
    public void Reads_literals_with_PowerShell_types(string literal, string value)
    {
        Assert.Equal($"(-eq x {value})", Dump(FilterExpression.Parse("x -eq " + literal)));
    }

    [Fact]
    public void Variables_are_read_once_and_become_literals()
    {
        var asked = new List<string>();
        var values = new Dictionary<string, object?>
        {
            ["since"] = new DateTime(2024, 2, 29, 10, 30, 0),
            ["sectores"] = new[] { "HOT", "AGE" },
            ["n"] = (byte)7,
            ["big"] = ulong.MaxValue,
            ["f"] = 0.5f,
            ["c"] = 'x',
            ["g"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            ["nada"] = DBNull.Value,
            ["scope:x"] = "scoped",
        };
        object? Lookup(string name)
        {
            asked.Add(name);
            return values.TryGetValue(name, out var v) ? v : FilterExpression.NoSuchVariable;
        }
        var f = FilterExpression.Parse(
            "fecha -ge $since -and sector -in $sectores -and a -eq $n -and b -eq $big -and c -eq $f -and d -eq $c -and e -eq $g -and h -eq $nada", Lookup);
        Assert.Equal(
            "fecha -ge [datetime]'2024-02-29T10:30:00.0000000' -and sector -in @('HOT', 'AGE') -and a -eq 7 -and b -eq 18446744073709551615d"
            + " -and c -eq 0.5 -and d -eq 'x' -and e -eq '6f9619ff-8b86-d011-b42d-00c04fc964ff' -and h -eq $null",
            f.ToString());
        Assert.Equal(["since", "sectores", "n", "big", "f", "c", "g", "nada"], asked);
        Assert.Equal(["fecha", "sector", "a", "b", "c", "d", "e", "h"], f.Names);
        Assert.Equal("(-eq x String:scoped)", Dump(FilterExpression.Parse("x -eq $env:x", n => n == "env:x" ? "scoped" : FilterExpression.NoSuchVariable)));
    }

    [Fact]
    public void An_unknown_variable_is_an_error_whatever_the_callback_does()
    {
        var e1 = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -eq $nope", _ => FilterExpression.NoSuchVariable));
        Assert.Equal(6, e1.Position);
        Assert.Contains("$nope", e1.Reason);
        var e2 = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -eq $nope", _ => throw new KeyNotFoundException()));
        Assert.Equal(6, e2.Position);
        var e3 = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -eq $nope"));
        Assert.Equal(Messages.FilterNoVariables, e3.Reason);
        var e4 = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -eq $h", _ => new System.Collections.Hashtable()));
        Assert.Contains("System.Collections.Hashtable", e4.Reason);
        var e5 = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -eq $list", _ => new[] { 1, 2 }));
        Assert.Equal(Messages.FilterListNotAllowed, e5.Reason);
        var e6 = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -in $list", _ => new object[] { new[] { 1 } }));
        Assert.Contains("list inside a list", e6.Reason);
        var e7 = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -lt $nan", _ => double.NaN));
        Assert.Contains("not finite", e7.Reason);
    }

    public static readonly string[] RoundTrips =
    [
        "poblacion -eq 'Madrid' -and fecha_modif -ge $since",
        "sector -in \"HOT\",\"AGE\"",
        "$_.email -like '*@gmail.com'",
        "-not (activo -eq $false)",
        "nif -eq $null",
        "a -eq 1 -or b -eq 2 -and c -eq 3",
        "a -eq 1 -or (b -eq 2 -and (c -eq 3 -or d -eq 4))",
        "-not (a -lt -5.5) -and !b -and -not -not c",
        "x -eq 'it''s' -or x -eq \"d\"\"q\" -or x -eq ''",
        "x -in @() -or x -in 1, 2.5, 3.0d, $true, $null, 'z' -or x -notin (9223372036854775808)",
        "x -eq 1E+20 -or x -eq -0.0 -or x -eq 0.1 -or x -eq 5.0",
        "x -eq [datetime]'2024-02-29 23:59:59.9999999' -or x -eq [datetimeoffset]'2024-01-01T00:00:00-05:00'",
        "'x' -eq $_.y -and $true",
        "x -eq $_.y",
        "{ x -eq 1 }",
    ];

    public static IEnumerable<object[]> RoundTripData => RoundTrips.Select(t => new object[] { t });

    [Theory]
    [MemberData(nameof(RoundTripData))]
    public void The_canonical_text_parses_back_to_the_same_tree(string text)
    {
        var f = FilterExpression.Parse(text, n => n == "since" ? new DateTime(2024, 2, 29) : FilterExpression.NoSuchVariable);
        var again = FilterExpression.Parse(f.ToString());
        Assert.Equal(Dump(f), Dump(again));
        Assert.Equal(f.ToString(), again.ToString());
    }

    [Fact]
    public void And_combines_and_keeps_grouping()
    {
        var a = FilterExpression.Parse("a -eq 1 -or b -eq 2");
        var c = FilterExpression.Parse("c -eq 3 -or d -eq 4");
        var both = a.And(c);
        Assert.Equal("a -eq 1 -or b -eq 2 -and (c -eq 3 -or d -eq 4)", both.ToString());
        Assert.Equal("(and (or (-eq a Int32:1) (-eq b Int32:2)) (or (-eq c Int32:3) (-eq d Int32:4)))", Dump(both));
        Assert.Equal(["a", "b", "c", "d"], both.Names);
    }

    [Fact]
    public void Validate_checks_names_ignoring_case_and_takes_their_spelling()
    {
        var f = FilterExpression.Parse("POBLACION -eq 'Madrid' -and $_.Fecha_Modif -ge $_.fecha_ALTA");
        var valid = f.Validate(["poblacion", "fecha_modif", "fecha_alta", "nif"]);
        Assert.Equal("poblacion -eq 'Madrid' -and fecha_modif -ge $_.fecha_alta", valid.ToString());
        Assert.Equal(["poblacion", "fecha_modif", "fecha_alta"], valid.Names);

        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse("poblacion -eq 'x' -and sectr -eq 'HOT'").Validate(["poblacion", "sector"]));
        Assert.Equal(23, e.Position);
        Assert.Equal("Unknown name 'sectr'. Did you mean 'sector'? The names you can use are: poblacion, sector.", e.Reason);
        Assert.EndsWith("\n  poblacion -eq 'x' -and sectr -eq 'HOT'\n                         ^", e.Message);
        var far = Assert.Throws<FilterException>(() => FilterExpression.Parse("provincia -eq 'x'").Validate(["poblacion", "sector"]));
        Assert.Equal("Unknown name 'provincia'. The names you can use are: poblacion, sector.", far.Reason);
    }

    [Fact]
    public void An_unknown_name_is_told_with_the_closest_name_and_the_groups_of_names_apart()
    {
        FilterNameGroup[] groups =
        [
            new("the line's target columns, as mapped", ["codigo", "razon_social", "poblacion"]),
            new("the other columns of cliente", ["codigo", "pobl_codigo", "activo"]),
        ];
        Assert.Equal("codigo -eq 'x' -and activo -eq 1", FilterExpression.Parse("CODIGO -eq 'x' -and Activo -eq 1").Validate(groups).ToString());
        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse("poblacin -eq 'Madrid'").Validate(groups));
        Assert.Equal("Unknown name 'poblacin'. Did you mean 'poblacion'? A filter can name the line's target columns, as mapped (codigo, razon_social, poblacion),"
                     + " or the other columns of cliente (pobl_codigo, activo).", e.Reason);
        var swapped = Assert.Throws<FilterException>(() => FilterExpression.Parse("actvio -eq 1").Validate(groups));
        Assert.StartsWith("Unknown name 'actvio'. Did you mean 'activo'?", swapped.Reason);
    }

    [Fact]
    public void An_environment_variable_that_is_not_set_says_so()
    {
        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse("x -eq $env:OFISYNC_NOT_SET", _ => FilterExpression.NoSuchVariable));
        Assert.Equal(6, e.Position);
        Assert.Equal(Messages.FilterEnvironmentVariableNotSet("env:OFISYNC_NOT_SET"), e.Reason);
        Assert.StartsWith("The environment variable $env:OFISYNC_NOT_SET is not set.", e.Reason);
    }

    [Theory]
    [InlineData("poblacion -eq 'x';", 17)]
    [InlineData("poblacion -eq 'x' -and", 18)]
    [InlineData("poblacion -eq Madrid", 14)]
    [InlineData("(poblacion -eq 'x'", 0)]
    [InlineData("poblacion -eq 'x')", 17)]
    [InlineData("poblacion -eq 'x", 14)]
    [InlineData("-not poblacion -eq 'x'", 0)]
    [InlineData("poblacion -cmatch 'x'", 10)]
    [InlineData("poblacion -match 'x'", 10)]
    [InlineData("$_.poblacion.Length -gt 3", 12)]
    [InlineData("poblacion -eq \"$x\"", 15)]
    [InlineData("", 0)]
    public void Errors_point_at_the_place(string text, int position)
    {
        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse(text, _ => "v"));
        Assert.Equal(position, e.Position);
        Assert.Equal(text, e.Expression);
        var caretLine = e.Message.Split('\n')[^1];
        Assert.Equal(new string(' ', 2 + position) + "^", caretLine);
    }

    [Fact]
    public void The_message_quotes_the_expression_with_a_caret_line()
    {
        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse("poblacion -eq 'x';"));
        Assert.Equal(Messages.FilterSemicolon + "\n  poblacion -eq 'x';\n                   ^", e.Message);
    }

    [Fact]
    public void A_caret_on_a_later_line_is_under_that_line()
    {
        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse("a -eq 1 -and\n\tb -eq Madrid"));
        Assert.Equal("\n  \tb -eq Madrid\n  \t      ^", e.Message[e.Message.IndexOf('\n')..]);
    }

    [Fact]
    public void A_bare_word_value_asks_for_quotes()
    {
        var e = Assert.Throws<FilterException>(() => FilterExpression.Parse("poblacion -eq Madrid"));
        Assert.StartsWith("Quote the value: 'Madrid'.", e.Reason);
    }
}
