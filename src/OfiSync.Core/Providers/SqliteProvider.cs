using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OfiSync.Core.Providers;

public sealed class SqliteProvider : ProviderBase
{
    public override ProviderKind Kind => ProviderKind.Sqlite;
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';
    public override string ServerVersionQuery => "SELECT 'SQLite ' || sqlite_version()";
    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);
}
