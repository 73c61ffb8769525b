namespace OfiSync.Core.Providers;

/// <summary>The one place that maps a provider kind to its implementation.</summary>
public static class Providers
{
    private static readonly IDatabaseProvider Sqlite = new SqliteProvider();
    private static readonly IDatabaseProvider PostgreSql = new PostgreSqlProvider();
    private static readonly IDatabaseProvider SqlServer = new SqlServerProvider();

    public static IDatabaseProvider Get(ProviderKind kind) => kind switch
    {
        ProviderKind.Sqlite => Sqlite,
        ProviderKind.PostgreSql => PostgreSql,
        ProviderKind.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
