using OfiSync.Core.Tests.Infrastructure;
using OfiSync.Core.Engine.Writers;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;
using OfiSync.Core.Store;
using Xunit;

namespace OfiSync.Core.Tests.SqlServer;

/// <summary>Everything OfiSync sends to SQL Server, parsed by ScriptDom: the writer's statements and the store's schema.</summary>
public class SqlServerSqlTests
{
    private static readonly IDatabaseProvider Provider = DatabaseProviders.SqlServer;

    private static WriterShape Shape(bool withId, params string[] keys)
    {
        var columns = new[] { "codigo", "razon social", "nif]; DROP TABLE x;--", "sector_id", "ejercicio" }
            .Select((n, i) => new ColumnInfo(n, typeof(string), "nvarchar", true, 50, i)).ToList();
        var id = withId ? new ColumnInfo("id", typeof(int), "int", false, null, 9) : null;
        return new WriterShape(Provider, "dbo.cuenta", columns, keys.Length == 0 ? new[] { "codigo" } : keys, id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_staging_table_and_the_merge_parse(bool withId)
    {
        TSqlParsing.AssertParses(OfiSync.Core.Providers.SqlServer.SqlServerTargetWriter.CreateStageSql(Shape(withId)));
        TSqlParsing.AssertParses(OfiSync.Core.Providers.SqlServer.SqlServerTargetWriter.MergeSql(Shape(withId)));
        TSqlParsing.AssertParses(OfiSync.Core.Providers.SqlServer.SqlServerTargetWriter.MergeSql(Shape(withId, "codigo", "ejercicio")));
    }

    [Fact]
    public void A_merge_on_a_table_whose_every_column_is_key_parses()
    {
        var columns = new[] { new ColumnInfo("codigo", typeof(string), "nvarchar", false, 10, 0) };
        TSqlParsing.AssertParses(OfiSync.Core.Providers.SqlServer.SqlServerTargetWriter.MergeSql(new WriterShape(Provider, "sector", columns, new[] { "codigo" }, null)));
    }

    [Theory]
    [InlineData(DeletePolicy.Delete)]
    [InlineData(DeletePolicy.Flag)]
    public void Deletes_and_flags_parse(DeletePolicy policy)
    {
        TSqlParsing.AssertParses(TargetWriterBase.DeleteSql(Shape(true, "codigo", "ejercicio"), policy, "estado"));
    }

    [Fact]
    public void Reading_current_values_parses() => TSqlParsing.AssertParses(TargetWriterBase.SelectCurrentSql(Shape(false)));

    [Fact]
    public void Quoting_keeps_a_hostile_name_inside_its_brackets()
    {
        var merge = OfiSync.Core.Providers.SqlServer.SqlServerTargetWriter.MergeSql(Shape(false));
        Assert.Contains("[nif]]; DROP TABLE x;--]", merge);
        TSqlParsing.AssertParses(merge);
    }

    // SQL Server's own English texts of these errors (sys.messages 547, 515, 2628, 2627), as a MERGE into dbo.cuenta gets them.
    [Theory]
    [InlineData(547, "The MERGE statement conflicted with the CHECK constraint \"ck_saldo_positivo\". The conflict occurred in database \"crm\", table \"dbo.cuenta\", column 'saldo'.", "saldo")]
    [InlineData(547, "The MERGE statement conflicted with the CHECK constraint \"ck_fechas\". The conflict occurred in database \"crm\", table \"dbo.cuenta\".", null)]
    [InlineData(547, "The MERGE statement conflicted with the FOREIGN KEY constraint \"FK_cuenta_sector\". The conflict occurred in database \"crm\", table \"dbo.sector\", column 'id'.", null)]
    [InlineData(515, "Cannot insert the value NULL into column 'razon social', table 'crm.dbo.cuenta'; column does not allow nulls. INSERT fails.", "razon social")]
    [InlineData(2628, "String or binary data would be truncated in table 'crm.dbo.cuenta', column 'nif'. Truncated value: 'B0000000'.", "nif")]
    [InlineData(2627, "Violation of UNIQUE KEY constraint 'UQ_cuenta_nif'. Cannot insert duplicate key in object 'dbo.cuenta'. The duplicate key value is (B1).", null)]
    public void A_row_error_names_the_target_column_when_the_error_text_does(int number, string message, string? column)
    {
        Assert.Equal(column, OfiSync.Core.Providers.SqlServer.SqlServerTargetWriter.ColumnInError(number, message));
    }

    [Fact]
    public void The_store_schema_and_its_statements_parse()
    {
        var store = DatabaseProviders.SqlServer.Store;
        TSqlParsing.AssertParses(store.MetaTableDdl);
        for (var version = 1; version <= StoreSchema.CurrentVersion; version++)
            foreach (var statement in StoreSchema.Step(version, store)) TSqlParsing.AssertParses(statement);
        foreach (var statement in store.Statements.Append(StoreSchema.DeletedKeys)) TSqlParsing.AssertParses("DECLARE @resource NVARCHAR(255) = N'x';\n" + statement);
    }
}
