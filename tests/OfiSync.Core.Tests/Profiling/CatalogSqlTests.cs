using OfiSync.Core.Filtering;
using OfiSync.Core.Profiling;
using OfiSync.Core.Schema;
using OfiSync.Core.Tests.Filtering;
using OfiSync.Core.Tests.Infrastructure;
using OfiSync.Core.Tests.SqlServer;
using Xunit;

namespace OfiSync.Core.Tests.Profiling;

/// <summary>
/// The profile's and completion's SQL on SQL Server, where no server runs here: it parses as T-SQL (TOP instead of
/// LIMIT, nvarchar text, a binary collation for distinct text). The other databases run it in ColumnProfilerTests.
/// </summary>
public class CatalogSqlTests
{
    private static readonly ColumnInfo[] Columns =
    [
        new("poblacion", typeof(string), "nvarchar", true, 200, 0),
        new("importe", typeof(decimal), "decimal", true, null, 1),
        new("fecha", typeof(DateTime), "date", true, null, 2),
        new("activo", typeof(bool), "bit", true, null, 3),
        new(FilterTestData.NastyColumn, typeof(string), "nvarchar", true, 200, 4),
    ];

    [Theory]
    [InlineData(100_000)]
    [InlineData(0)]
    public void Profile_sql_parses_as_TSql(int rowLimit)
    {
        var provider = DbKind.SqlServer.Provider();
        var filter = FilterExpression.Parse("poblacion -eq 'Madrid' -and importe -gt 10")
            .ToSql(provider, n => new FilterColumn(provider.QuoteIdentifier(n), n == "importe" ? FilterValueType.Decimal : FilterValueType.Text));
        var sample = ColumnProfiler.SampleSql(provider, "[dbo].[cliente]", Columns, filter.Where, rowLimit);
        Assert.Equal(rowLimit > 0, sample.StartsWith("SELECT TOP (100000) ", StringComparison.Ordinal));
        TSqlParsing.AssertParses(ColumnProfiler.CountsSql(provider, Columns, sample));
        var top = ColumnProfiler.TopSql(provider, Columns, sample, 5)!;
        Assert.Contains("COLLATE Latin1_General_BIN2", top, StringComparison.Ordinal);
        TSqlParsing.AssertParses(top);
    }

    [Fact]
    public void Completion_sql_parses_as_TSql()
    {
        var provider = DbKind.SqlServer.Provider();
        TSqlParsing.AssertParses(provider.Catalog.TablesQuery);
        TSqlParsing.AssertParses(DatabaseCatalog.ValuesSql(provider, "dbo.cuenta", "estado", 20));
        Assert.Equal("dbo", provider.Catalog.DefaultSchema);
    }
}
