using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace OfiSync.Core.Tests.SqlServer;

/// <summary>T-SQL checked without a server: ScriptDom's parser for SQL Server 2022.</summary>
internal static class TSqlParsing
{
    public static void AssertParses(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, $"T-SQL does not parse:\n{sql}\n{string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"))}");
    }
}
