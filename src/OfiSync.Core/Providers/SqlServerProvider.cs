using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace OfiSync.Core.Providers;

public sealed class SqlServerProvider : ProviderBase
{
    public override ProviderKind Kind => ProviderKind.SqlServer;
    protected override char OpenQuote => '[';
    protected override char CloseQuote => ']';
    public override string ServerVersionQuery => "SELECT @@VERSION";
    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);
}
