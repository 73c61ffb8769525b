using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace OfiSync.Core.Tests.Architecture;

/// <summary>
/// No user-facing text is built in code: every sentence a user reads comes from the message resources, so it can be
/// translated. The scan reads every string literal of src/ (interpolated ones without their holes) and flags the
/// ones that read as prose: two words, the second in lower case ("was not found"). What looks like prose but is not
/// a message is let through by rule (SQL, regular expressions) or by the short list below, each with its reason.
/// </summary>
public sealed partial class MessageLiteralRules
{
    /// <summary>Literals that read as words but are data the code matches or passes on, never shown as a message.</summary>
    private static readonly (string Literal, string Why)[] Allowed =
    [
        ("data source", "a connection-string keyword spelling the driver takes (its suggestion table)"),
        ("network address", "a connection-string keyword spelling"),
        ("initial catalog", "a connection-string keyword spelling"),
        ("search path", "a connection-string keyword spelling"),
        ("trust server certificate", "a connection-string keyword spelling"),
        ("default timeout", "a connection-string keyword spelling"),
        ("user id", "a connection-string keyword spelling"),
        ("user name", "a connection-string keyword spelling"),
        ("double precision", "a PostgreSQL type name"),
        ("timestamp with time zone", "a PostgreSQL type name"),
        ("timestamp without time zone", "a PostgreSQL type name"),
        ("character varying", "a PostgreSQL type name"),
        ("CHECK constraint failed: ", "the start of SQLite's own error text, matched to name the column"),
        (" CHECK constraint ", "part of SQL Server's own error text, matched to name the column"),
    ];

    [Fact]
    public void No_user_facing_text_is_a_string_literal_in_src()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { Path.Combine("src", "OfiSync.Core"), Path.Combine("src", "OfiSync.PowerShell") })
            foreach (var file in SourceRules.SourceFilesOf(folder))
                foreach (var literal in Prose(File.ReadAllText(file)))
                    offenders.Add($"{Path.GetRelativePath(SourceRules.RepositoryRoot, file)}: \"{literal}\"");
        Assert.True(offenders.Count == 0,
            "Text that reads as a message is built in code; put it in src/OfiSync.Core/Resources/Messages.resx (and Messages.es.resx) " +
            "and read it through Messages:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_scan_finds_a_message_in_a_literal_and_lets_sql_identifiers_and_patterns_through()
    {
        Assert.Equal(["The line '{}' was not found."], Prose("""throw new X($"The line '{name}' was not found.");"""));
        Assert.Equal(["nothing to do"], Prose("""WriteVerbose(ok ? "" : "nothing to do"); // "in a comment it is fine" """));
        Assert.Equal(["Line {} has {} rows"], Prose("""var s = $"Line {Name(x, "a b")} has {n} rows";"""));
        Assert.Equal(["in a verbatim string"], Prose("""var s = @"in a verbatim string";"""));
        Assert.Empty(Prose("""var sql = "SELECT name FROM ofisync_line WHERE line_id = @id";"""));
        Assert.Empty(Prose("""[GeneratedRegex(@"constraint failed: ([^.\s]+)")]"""));
        Assert.Empty(Prose("""var s = $"{Line} {Key}: {Action} {Status}"; var k = Text.Get(nameof(X)); var c = '"';"""));
        Assert.Empty(Prose("""[SuppressMessage("Performance", "CA1859", Justification = "Each branch returns another type.")]"""));
        Assert.Empty(Prose("""Suggest("Data Source=<File>", "data source", "network address");"""));
    }

    /// <summary>The literals of <paramref name="code"/> that read as prose and are not let through.</summary>
    private static List<string> Prose(string code) =>
        Literals(code).Where(t => Words().IsMatch(t.Replace("{}", "", StringComparison.Ordinal)) && !Sql().IsMatch(t) && !RegexPattern().IsMatch(t)
                                  && !Allowed.Any(a => a.Literal == t)).ToList();

    /// <summary>
    /// Every string literal of C# source, outside comments and attribute justifications: regular, verbatim and
    /// interpolated (each hole replaced by "{}", and the literals inside holes read as literals of their own).
    /// </summary>
    private static List<string> Literals(string code)
    {
        code = Justification().Replace(code, "");
        var found = new List<string>();
        var i = 0;
        Scan(code, ref i, found, endAtBrace: false);
        return found;
    }

    private static void Scan(string s, ref int i, List<string> found, bool endAtBrace)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/') { while (i < s.Length && s[i] != '\n') i++; continue; }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*') { var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal); i = end < 0 ? s.Length : end + 2; continue; }
            if (c == '\'') { i++; while (i < s.Length && s[i] != '\'') i += s[i] == '\\' ? 2 : 1; i++; continue; }
            if (c == '{') depth++;
            if (c == '}' && depth-- == 0 && endAtBrace) { i++; return; }
            var prefix = i + 1 < s.Length && (c == '$' || c == '@') ? (s[i + 1] is '$' or '@' ? 2 : 1) : 0;
            if (c == '"' || (prefix > 0 && i + prefix < s.Length && s[i + prefix] == '"'))
            {
                var head = s.Substring(i, prefix);
                i += prefix;
                found.Add(ReadString(s, ref i, head.Contains('$'), head.Contains('@'), found));
                continue;
            }
            i++;
        }
    }

    private static string ReadString(string s, ref int i, bool interpolated, bool verbatim, List<string> found)
    {
        var text = new StringBuilder();
        i++; // the opening quote
        while (i < s.Length)
        {
            var c = s[i];
            if (verbatim && c == '"' && i + 1 < s.Length && s[i + 1] == '"') { text.Append('"'); i += 2; continue; }
            if (c == '"') { i++; break; }
            if (!verbatim && c == '\\') { text.Append(s[i + 1]); i += 2; continue; }
            if (interpolated && c == '{' && i + 1 < s.Length && s[i + 1] == '{') { text.Append('{'); i += 2; continue; }
            if (interpolated && c == '{') { i++; Scan(s, ref i, found, endAtBrace: true); text.Append("{}"); continue; }
            text.Append(c);
            i++;
        }
        return text.ToString();
    }

    [GeneratedRegex(@"\b[A-Za-z]{2,}[,;:]?\s+[a-z]{2,}\b")]
    private static partial Regex Words();

    // Upper-case SQL keywords mark a statement or a fragment of one (SQL is never shown as a message).
    [GeneratedRegex(@"\b(SELECT|AND|OR|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|MERGE|WHERE|FROM|JOIN|ORDER BY|GROUP BY|NOT NULL|IS NULL|VALUES|PRIMARY KEY|COLLATE|CHARACTER SET|CAST|LIKE|ESCAPE|DISTINCT)\b")]
    private static partial Regex Sql();

    // A regular expression that matches a database's own error text.
    [GeneratedRegex(@"\(\?|\\s|\[\^|\.\*")]
    private static partial Regex RegexPattern();

    [GeneratedRegex(@"Justification\s*=\s*""[^""]*""")]
    private static partial Regex Justification();
}
