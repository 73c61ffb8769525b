using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Store;

/// <summary>
/// Lines, connections, sync state and run history, kept in a SQLite file or a PostgreSQL / SQL Server database.
/// Opening a store creates or upgrades its schema; a store written by a newer module is refused.
/// </summary>
public sealed partial class SyncStore
{
    private readonly IDatabaseProvider _provider;

    public StoreLocation Location { get; }
    public ProviderKind Provider => Location.Provider;

    private SyncStore(StoreLocation location)
    {
        Location = location;
        _provider = Providers.Providers.Get(location.Provider);
    }

    public static SyncStore Open(StoreLocation location)
    {
        var store = new SyncStore(location);
        if (location.FilePath is not null) PrepareFile(location.FilePath);
        try
        {
            store.Migrate();
        }
        catch (DbException ex)
        {
            throw new StoreException(StoreErrorKind.Unreadable, Messages.StoreUnreadable(location.ToString(), ex.Message), ex);
        }
        return store;
    }

    /// <summary>The store file is created readable and writable by its owner only.</summary>
    private static void PrepareFile(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try { using var _ = new FileStream(path, options); }
            catch (IOException) when (File.Exists(path)) { }
        }
    }

    internal DbConnection OpenConnection()
    {
        var connection = _provider.CreateConnection(Location.ConnectionString);
        connection.Open();
        if (connection is SqliteConnection)
        {
            // WAL lets a person read while a scheduled task writes; busy_timeout waits instead of failing at once.
            // synchronous stays FULL: the Pending marks must be on disk before the target commit, even across a power loss.
            connection.Execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
        }
        return connection;
    }

    private void Migrate()
    {
        using var connection = OpenConnection();
        connection.Execute(StoreSchema.MetaTableDdl(Provider));
        var version = ReadVersion(connection);
        if (version > StoreSchema.CurrentVersion)
            throw new StoreException(StoreErrorKind.NewerSchema, Messages.StoreTooNew(Location.ToString(), version, StoreSchema.CurrentVersion));
        if (version == StoreSchema.CurrentVersion) return;

        using var transaction = connection.BeginTransaction();
        // Re-read inside the transaction: another process may have upgraded the store meanwhile.
        version = ReadVersion(connection, transaction);
        for (var next = version + 1; next <= StoreSchema.CurrentVersion; next++)
        {
            foreach (var statement in StoreSchema.Step(next, Provider))
                connection.Execute(statement, transaction: transaction);
        }
        connection.Execute(StoreSql.SetMeta(Provider), new { n = "schema_version", v = StoreSchema.CurrentVersion.ToString(CultureInfo.InvariantCulture) }, transaction);
        connection.Execute(StoreSql.SetMeta(Provider), new { n = "written_by", v = typeof(SyncStore).Assembly.GetName().Version!.ToString(3) }, transaction);
        transaction.Commit();
    }

    private static int ReadVersion(DbConnection connection, DbTransaction? transaction = null)
    {
        var text = connection.QueryFirstOrDefault<string?>("SELECT value FROM ofisync_meta WHERE name = 'schema_version'", transaction: transaction);
        return int.TryParse(text, out var v) ? v : 0;
    }

    /// <summary>The schema version this store is at.</summary>
    public int SchemaVersion
    {
        get { using var c = OpenConnection(); return ReadVersion(c); }
    }

    /// <summary>Line ids are UUIDs on server stores and text in SQLite.</summary>
    internal object Id(Guid id) => Provider == ProviderKind.Sqlite ? id.ToString("D") : id;

    internal static string NameKey(string name) => name.ToUpperInvariant();

    internal static DateTime Now() => DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Utc);

    internal T Run<T>(Func<DbConnection, DbTransaction, T> work)
    {
        try
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction();
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        catch (DbException ex)
        {
            throw new StoreException(StoreErrorKind.Unreadable, Messages.StoreUnreadable(Location.ToString(), ex.Message), ex);
        }
    }

    internal T Read<T>(Func<DbConnection, T> work)
    {
        try
        {
            using var connection = OpenConnection();
            return work(connection);
        }
        catch (DbException ex)
        {
            throw new StoreException(StoreErrorKind.Unreadable, Messages.StoreUnreadable(Location.ToString(), ex.Message), ex);
        }
    }
}
