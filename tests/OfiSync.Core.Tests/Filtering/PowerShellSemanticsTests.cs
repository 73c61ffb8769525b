using System.Globalization;
using OfiSync.Core.Filtering;
using Xunit;

namespace OfiSync.Core.Tests.Filtering;

/// <summary>
/// The expected answers below are what PowerShell 7.6.9 (the repository's local dotnet tool, culture invariant,
/// time zone UTC) printed for each case, run through a real Where-Object:
///     $rows = @([pscustomobject]@{ x = &lt;value&gt; }); @($rows | Where-Object { &lt;filter&gt; }).Count -eq 1
/// Value specs: null, s:text, i:int, l:long, m:decimal (PowerShell's 1.5d literal), d:double, b:bool,
/// t:[datetime]'...', o:[datetimeoffset]'...'. FilterExpression.Evaluate must give the same answer.
/// </summary>
public class PowerShellSemanticsTests
{
    [Theory]
    [InlineData("s:ÁVILA", "$_.x -eq 'ávila'", true)]
    [InlineData("s:ÑANDÚ", "$_.x -eq 'ñandú'", true)]
    [InlineData("s:Straße", "$_.x -eq 'STRASSE'", false)]
    [InlineData("s:a", "$_.x -eq 'a '", false)]
    [InlineData("s:Nº 5", "$_.x -eq 'NO 5'", true)]
    [InlineData("s:e\u0301", "$_.x -eq 'é'", true)]
    [InlineData("s:Madrid", "$_.x -ne 'MADRID'", false)]
    [InlineData("s:a", "$_.x -lt 'B'", true)]
    [InlineData("s:á", "$_.x -lt 'b'", true)]
    [InlineData("s:Z", "$_.x -lt 'á'", false)]
    [InlineData("s:avila", "$_.x -lt 'Ávila'", true)]
    [InlineData("s:10", "$_.x -gt 9", false)]
    [InlineData("s:5", "$_.x -eq 5", true)]
    [InlineData("s:5.0", "$_.x -eq 5", false)]
    [InlineData("s:1.5", "$_.x -eq 1.5", true)]
    [InlineData("s:True", "$_.x -eq $true", true)]
    [InlineData("s:01/01/2024 00:00:00", "$_.x -eq [datetime]'2024-01-01'", true)]
    [InlineData("s:0.10", "$_.x -eq 0.10d", true)]
    [InlineData("null", "$_.x -eq 'a'", false)]
    [InlineData("null", "$_.x -ne 'a'", true)]
    [InlineData("null", "$_.x -eq $null", true)]
    [InlineData("null", "$_.x -ne $null", false)]
    [InlineData("null", "$_.x -lt 5", true)]
    [InlineData("null", "$_.x -lt -5", false)]
    [InlineData("null", "$_.x -lt 0", true)]
    [InlineData("null", "$_.x -le 0", true)]
    [InlineData("null", "$_.x -gt 0", false)]
    [InlineData("null", "$_.x -ge 0", false)]
    [InlineData("null", "$_.x -gt -5", true)]
    [InlineData("null", "$_.x -lt 'a'", true)]
    [InlineData("null", "$_.x -gt 'a'", false)]
    [InlineData("null", "$_.x -le 'a'", true)]
    [InlineData("null", "$_.x -ge 'a'", false)]
    [InlineData("null", "$_.x -lt [datetime]'2024-01-01'", true)]
    [InlineData("null", "$_.x -ge $null", true)]
    [InlineData("null", "$_.x -lt $null", false)]
    [InlineData("null", "$_.x -like '*'", true)]
    [InlineData("null", "$_.x -like ''", true)]
    [InlineData("null", "$_.x -like '?'", false)]
    [InlineData("null", "$_.x -like '**'", true)]
    [InlineData("null", "$_.x -notlike '*'", false)]
    [InlineData("null", "$_.x -in 'a', $null", true)]
    [InlineData("null", "$_.x -in 'a'", false)]
    [InlineData("null", "$_.x -notin 'a'", true)]
    [InlineData("null", "-not $_.x", true)]
    [InlineData("i:5", "$_.x -lt $null", false)]
    [InlineData("i:-5", "$_.x -lt $null", true)]
    [InlineData("i:0", "$_.x -gt $null", true)]
    [InlineData("i:0", "$_.x -lt $null", false)]
    [InlineData("s:a", "$_.x -gt $null", true)]
    [InlineData("s:", "$_.x -gt $null", true)]
    [InlineData("s:a", "$_.x -le $null", false)]
    [InlineData("i:5", "$_.x -eq '5'", true)]
    [InlineData("i:5", "$_.x -eq '5.0'", true)]
    [InlineData("i:5", "$_.x -eq 'abc'", false)]
    [InlineData("i:5", "$_.x -ne 'abc'", true)]
    [InlineData("i:0", "$_.x -eq ''", true)]
    [InlineData("i:5", "$_.x -eq ' 5 '", true)]
    [InlineData("i:16", "$_.x -eq '0x10'", true)]
    [InlineData("i:1000", "$_.x -eq '1,000'", true)]
    [InlineData("i:1000", "$_.x -eq '1e3'", true)]
    [InlineData("i:5", "$_.x -lt '5kb'", true)]
    [InlineData("i:3", "$_.x -gt 2.5", true)]
    [InlineData("i:10", "$_.x -gt '9'", true)]
    [InlineData("i:1", "$_.x -eq $true", true)]
    [InlineData("i:5", "$_.x -eq $true", false)]
    [InlineData("i:2", "$_.x -gt $true", true)]
    [InlineData("i:5", "$_.x -in '05', '6'", false)]
    [InlineData("i:5", "$_.x -in 5.0", true)]
    [InlineData("i:5", "$_.x -eq [datetime]'2024-01-01'", false)]
    [InlineData("m:0.1", "$_.x -eq 0.1", true)]
    [InlineData("m:0.10000000000000001", "$_.x -eq 0.1", false)]
    [InlineData("d:0.1", "$_.x -eq 0.10000000000000001d", false)]
    [InlineData("m:1.0000000000000000001", "$_.x -gt 1", true)]
    [InlineData("m:5.0", "$_.x -eq 5", true)]
    [InlineData("m:5.0", "$_.x -in '5'", false)]
    [InlineData("m:5.0", "$_.x -in '5.0'", true)]
    [InlineData("m:0.1", "$_.x -eq '0.1000000000000001'", true)]
    [InlineData("m:12.34", "$_.x -le 12.34", true)]
    [InlineData("l:9007199254740993", "$_.x -eq 9007199254740992.0", true)]
    [InlineData("m:9007199254740993", "$_.x -eq 9007199254740992.0", false)]
    [InlineData("d:0.30000000000000004", "$_.x -eq 0.3", false)]
    [InlineData("d:0.30000000000000004", "$_.x -like '0.3'", true)]
    [InlineData("b:true", "$_.x -eq 'false'", true)]
    [InlineData("b:false", "$_.x -eq ''", true)]
    [InlineData("b:true", "$_.x -eq 2", true)]
    [InlineData("b:false", "$_.x -eq 0", true)]
    [InlineData("b:false", "$_.x -eq 'False'", false)]
    [InlineData("b:true", "$_.x -gt $false", true)]
    [InlineData("b:false", "$_.x -lt 'x'", true)]
    [InlineData("b:false", "$_.x -eq $null", false)]
    [InlineData("b:true", "$_.x -like 't*'", true)]
    [InlineData("b:false", "$_.x", false)]
    [InlineData("b:true", "-not $_.x", false)]
    [InlineData("t:2024-01-01T00:00:00", "$_.x -eq '2024-01-01'", true)]
    [InlineData("t:2024-02-29T10:00:00", "$_.x -ge '2024-02-29'", true)]
    [InlineData("t:2024-02-29T00:00:00", "$_.x -lt '2024-03-01'", true)]
    [InlineData("t:2024-01-13T00:00:00", "$_.x -eq '13/01/2024'", false)]
    [InlineData("t:2024-01-01T00:00:00", "$_.x -eq '01/01/2024'", true)]
    [InlineData("t:2024-01-01T00:00:00", "$_.x -eq 'garbage'", false)]
    [InlineData("t:2024-01-01T00:00:00", "$_.x -eq 638396640000000000", true)]
    [InlineData("t:2024-01-01T10:00:00", "$_.x -like '01/01/2024 10*'", true)]
    [InlineData("t:2024-12-31T23:59:59.9990000", "$_.x -gt [datetime]'2024-12-31 23:59:59'", true)]
    [InlineData("t:2024-01-01T00:00:00", "$_.x -eq [datetimeoffset]'2024-01-01T00:00:00+00:00'", false)]
    [InlineData("t:2024-01-01T00:00:00", "$_.x -in '2024-01-01'", false)]
    [InlineData("t:2024-01-01T00:00:00", "$_.x", true)]
    [InlineData("o:2024-01-02T00:00:00+00:00", "$_.x -eq [datetime]'2024-01-02'", true)]
    [InlineData("o:2024-01-02T00:00:00+00:00", "$_.x -lt '2024-01-03'", true)]
    [InlineData("s:a%b", "$_.x -like 'a%b'", true)]
    [InlineData("s:a_b", "$_.x -like 'a?b'", true)]
    [InlineData("s:abc", "$_.x -like '[a-c]bc'", true)]
    [InlineData("s:!bc", "$_.x -like '[!a]bc'", true)]
    [InlineData("s:a]", "$_.x -like 'a]'", true)]
    [InlineData("s:a[b", "$_.x -like 'a`[b'", true)]
    [InlineData("s:a*b", "$_.x -like 'a`*b'", true)]
    [InlineData("s:axb", "$_.x -like 'a`*b'", false)]
    [InlineData("s:a`b", "$_.x -like 'a``b'", true)]
    [InlineData("s:abc", "$_.x -like 'ABC'", true)]
    [InlineData("s:a ", "$_.x -like 'a'", false)]
    [InlineData("s:", "$_.x -like '?'", false)]
    [InlineData("s:Bbc", "$_.x -like '[a-c]bc'", true)]
    [InlineData("s:-bc", "$_.x -like '[a-]bc'", true)]
    [InlineData("s:Ñu", "$_.x -like 'ñ*'", true)]
    [InlineData("s:ÑU", "$_.x -like 'ñ?'", true)]
    [InlineData("s:Ñu", "$_.x -like '[ñ]u'", true)]
    [InlineData("s:Ñu", "$_.x -like '[n-o]u'", false)]
    [InlineData("s:K", "$_.x -like '[j-l]'", true)]
    [InlineData("s:º", "$_.x -like 'o'", true)]
    [InlineData("s:ºx", "$_.x -like 'o?'", false)]
    [InlineData("s:e\u0301x", "$_.x -like 'é?'", false)]
    [InlineData("s:e\u0301x", "$_.x -like 'é*'", true)]
    [InlineData("s:%", "$_.x -like '[%]'", true)]
    [InlineData("s:x", "$_.x -like $null", false)]
    [InlineData("s:", "$_.x -like $null", true)]
    [InlineData("s:5", "$_.x -like 5", true)]
    [InlineData("i:5", "$_.x -like '5*'", true)]
    [InlineData("m:5.50", "$_.x -like '5.5*'", true)]
    [InlineData("s:a", "$_.x -in 'A', 'b'", true)]
    [InlineData("s:x", "$_.x -notin 'X', 'y'", false)]
    [InlineData("s:x", "$_.x -in @()", false)]
    [InlineData("s:5", "$_.x -in 5.0", true)]
    [InlineData("s:", "$_.x", false)]
    [InlineData("s: ", "$_.x", true)]
    [InlineData("s:0", "$_.x", true)]
    [InlineData("i:0", "$_.x", false)]
    [InlineData("m:0.0", "$_.x", false)]
    [InlineData("d:0.0", "-not $_.x", true)]
    [InlineData("b:true", "$_.x -or $_.x -and $false", false)]
    [InlineData("b:false", "$_.x -and $_.x -or $true", true)]
    [InlineData("b:true", "-not ($_.x -eq $false)", true)]
    [InlineData("i:3", "$_.x -gt 1 -or $_.x -lt 0 -and $false", false)]
    [InlineData("i:3", "$_.x -gt 1 -or ($_.x -lt 0 -and $false)", true)]
    [InlineData("s:Madrid", "$_.x -ceq 'madrid'", false)]
    [InlineData("s:Madrid", "$_.x -ceq 'Madrid'", true)]
    [InlineData("s:Madrid", "$_.x -cne 'madrid'", true)]
    [InlineData("s:a", "$_.x -clt 'B'", true)]
    [InlineData("s:a", "$_.x -clt 'A'", true)]
    [InlineData("s:B", "$_.x -cgt 'a'", true)]
    [InlineData("s:Ávila", "$_.x -cgt 'ávila'", true)]
    [InlineData("s:a", "$_.x -cle 'a'", true)]
    [InlineData("s:Madrid", "$_.x -clike 'mad*'", false)]
    [InlineData("s:Madrid", "$_.x -clike 'Mad*'", true)]
    [InlineData("s:Madrid", "$_.x -clike '[a-z]*'", false)]
    [InlineData("s:madrid", "$_.x -clike '[a-z]*'", true)]
    [InlineData("s:Madrid", "$_.x -cnotlike 'M*'", false)]
    [InlineData("s:Ñu", "$_.x -clike '*ñ*'", false)]
    [InlineData("s:Ñu", "$_.x -clike '*Ñ*'", true)]
    [InlineData("s:HOT", "$_.x -cin 'hot', 'AGE'", false)]
    [InlineData("s:hot", "$_.x -cnotin 'HOT'", true)]
    [InlineData("s:e\u0301", "$_.x -ceq 'é'", true)]
    [InlineData("s:Straße", "$_.x -ceq 'Strasse'", false)]
    [InlineData("s:5", "$_.x -ceq 5", true)]
    public void Evaluate_answers_what_pwsh_answered(string value, string filter, bool pwsh)
    {
        var f = FilterExpression.Parse(filter);
        Assert.Equal(pwsh, f.Evaluate(_ => Value(value)));
    }

    internal static object? Value(string spec)
    {
        if (spec == "null") return null;
        var text = spec[2..];
        var c = CultureInfo.InvariantCulture;
        return spec[0] switch
        {
            's' => text,
            'i' => int.Parse(text, c),
            'l' => long.Parse(text, c),
            'm' => decimal.Parse(text, NumberStyles.Float, c),
            'd' => double.Parse(text, NumberStyles.Float, c),
            'b' => bool.Parse(text),
            't' => DateTime.Parse(text, c),
            'o' => DateTimeOffset.Parse(text, c),
            _ => throw new ArgumentException(spec),
        };
    }

    // pwsh: 5 -lt 'abc' and [datetime]'2024-01-01' -lt 'garbage' fail with "Could not compare"; -eq just says False.
    [Theory]
    [InlineData("i:5", "x -lt 'abc'")]
    [InlineData("t:2024-01-01T00:00:00", "x -lt 'garbage'")]
    [InlineData("t:2024-01-01T00:00:00", "x -lt [datetimeoffset]'2024-01-02T00:00:00+00:00'")]
    [InlineData("i:5", "x -lt [datetime]'2024-01-01'")]
    public void Orderings_pwsh_cannot_make_fail_with_the_position(string value, string filter)
    {
        var f = FilterExpression.Parse(filter);
        var e = Assert.Throws<FilterException>(() => f.Evaluate(_ => Value(value)));
        Assert.StartsWith("Could not compare", e.Reason);
        Assert.Equal(2, e.Position);
    }
}
