using Dapper;
using OfiSync.Core.Engine;
using OfiSync.Core.Providers;
using OfiSync.Core.Tests.Engine;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.SqlServer;

/// <summary>
/// Against a real SQL Server, when OFISYNC_TEST_SQLSERVER names a connection string to an empty test database
/// (the tests create and drop the tables sector and cuenta there). Reported as skipped otherwise.
/// </summary>
public sealed class SqlServerLiveTests : EngineTestBed
{
    protected override DbKind CrmProvider => DbKind.SqlServer;
    protected override string CrmConnectionString => Environment.GetEnvironmentVariable("OFISYNC_TEST_SQLSERVER") ?? "";

    [SqlServerFact]
    public async Task A_first_run_a_rerun_and_a_change_behave_as_on_the_other_databases()
    {
        Setup(25);
        await Run(Sectores());
        var line = Clientes();
        Assert.Equal(25, (await Run(line)).Count(r => r.Status == RowStatus.Succeeded));
        Assert.Empty(await Run(line));
        using (var erp = Erp()) erp.Execute("UPDATE cliente SET poblacion = 'Cádiz' WHERE codigo = @c", new { c = Code(3) });
        Assert.Equal(Code(3), Assert.Single(await Run(line)).Key);
        Assert.Equal("Cádiz", (string)CrmRows().Single(r => r.codigo == Code(3)).poblacion);
    }

    public override void Dispose()
    {
        if (!string.IsNullOrEmpty(CrmConnectionString))
        {
            try { using var c = Crm(); c.Execute("DROP TABLE IF EXISTS cuenta; DROP TABLE IF EXISTS sector;"); }
            catch (Microsoft.Data.SqlClient.SqlException) { }
        }
        base.Dispose();
    }
}
