using OfiSync.Core.Tests.Infrastructure;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Tests.Infrastructure;

/// <summary>The databases a test runs against, as a constant that [InlineData] can hold; Provider() gives the engine's provider.</summary>
public enum DbKind
{
    Sqlite,
    PostgreSql,
    SqlServer,
    MariaDb,
}

public static class DbKindExtensions
{
    public static IDatabaseProvider Provider(this DbKind kind) => DatabaseProviders.Get(kind.ToString());
}
