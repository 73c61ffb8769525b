using System.Data.Common;
using Npgsql;

namespace OfiSync.Core.Providers;

public sealed class PostgreSqlProvider : ProviderBase
{
    public override ProviderKind Kind => ProviderKind.PostgreSql;
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';
    public override string ServerVersionQuery => "SELECT version()";
    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);
}
