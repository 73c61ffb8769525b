using OfiSync.Core.Providers.MariaDb;
using OfiSync.Core.Providers.PostgreSql;
using OfiSync.Core.Providers.Sqlite;
using OfiSync.Core.Providers.SqlServer;

namespace OfiSync.Core.Providers;

/// <summary>The databases OfiSync reads from and writes to: the one place that lists them.</summary>
public static class DatabaseProviders
{
    public static readonly IDatabaseProvider Sqlite = new SqliteProvider();
    public static readonly IDatabaseProvider PostgreSql = new PostgreSqlProvider();
    public static readonly IDatabaseProvider SqlServer = new SqlServerProvider();
    public static readonly IDatabaseProvider MariaDb = new MariaDbProvider();

    public static IReadOnlyList<IDatabaseProvider> All { get; } = new[] { Sqlite, PostgreSql, SqlServer, MariaDb };

    /// <summary>The database of a store given as a file path, and the default store: an embedded one.</summary>
    public static IDatabaseProvider Embedded => Sqlite;

    /// <summary>The provider of this name or alias (ignoring case), or null.</summary>
    public static IDatabaseProvider? Find(string? name) => name is null ? null : All.FirstOrDefault(p =>
        string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) || p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>The provider of this name or alias; an unknown name throws, listing the names there are.</summary>
    public static IDatabaseProvider Get(string name) =>
        Find(name) ?? throw new ArgumentException(Messages.ProviderUnknown(name, Names), nameof(name));

    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>What an error is about, asked of every database's driver in turn, then of .NET's own exceptions.</summary>
    public static FaultKind Classify(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            foreach (var provider in All)
                if (provider.Classify(ex) is var kind and not FaultKind.None) return kind;
            switch (ex)
            {
                case IOException or System.Net.Sockets.SocketException or TimeoutException: return FaultKind.Transient;
                case InvalidCastException or FormatException or OverflowException: return FaultKind.Row;
            }
        }
        return FaultKind.None;
    }
}
