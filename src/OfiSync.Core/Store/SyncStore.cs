using System.Data.Common;
using System.Globalization;
using Dapper;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Store;

/// <summary>What a command does with the store, which decides how the store is opened.</summary>
public enum StoreAccess
{
    /// <summary>Reads only: the store is opened read-only and never created, upgraded or otherwise written.</summary>
    Read,
    /// <summary>Changes an existing store (lines, connections, sync state, run history); an older schema is upgraded in place.</summary>
    Write,
    /// <summary>As <see cref="Write"/>, and creates the store when there is none yet: what New-SyncConnection and Import-SyncLine do.</summary>
    Create,
}

/// <summary>
/// Lines, connections, sync state and run history, kept in a SQLite file or a PostgreSQL / SQL Server database.
/// Only <see cref="StoreAccess.Create"/> creates a store; <see cref="StoreAccess.Write"/> upgrades an older schema;
/// <see cref="StoreAccess.Read"/> needs only read access and writes nothing. A store written by a newer module is refused.
/// </summary>
public sealed partial class SyncStore
{
    private readonly StoreAccess _access;
    private readonly string _connectionString;

    public StoreLocation Location { get; }
    public IDatabaseProvider Provider => Location.Provider;

    /// <summary>The store's SQL, types and locks on its database.</summary>
    internal StoreDialect Dialect => Location.Provider.Store;

    private SyncStore(StoreLocation location, StoreAccess access)
    {
        Location = location;
        _access = access;
        _connectionString = Dialect.ConnectionStringFor(location, access);
    }

    /// <summary>Opens the store, creating it when missing: the way of New-SyncConnection and Import-SyncLine, and of tests.</summary>
    public static SyncStore Open(StoreLocation location) => Open(location, StoreAccess.Create);

    /// <summary>Opens the store for what the caller does with it (see <see cref="StoreAccess"/>).</summary>
    public static SyncStore Open(StoreLocation location, StoreAccess access) => Open(location, access, StoreSchema.CurrentVersion);

    /// <summary>As <see cref="Open(StoreLocation, StoreAccess)"/>, for a module that knows schema versions up to <paramref name="moduleVersion"/> (tests).</summary>
    internal static SyncStore Open(StoreLocation location, StoreAccess access, int moduleVersion)
    {
        var store = new SyncStore(location, access);
        location.Provider.Store.PrepareLocation(location, access);
        try
        {
            if (access == StoreAccess.Read) store.CheckVersion(moduleVersion);
            else store.Migrate(moduleVersion);
        }
        catch (DbException ex) when (location.Provider.Store.ExplainOpenFailure(ex, location, access) is { } explained)
        {
            throw explained;
        }
        catch (DbException ex)
        {
            throw new StoreException(StoreErrorKind.Unreadable, Messages.StoreUnreadable(location.ToString(), ex.Message), ex);
        }
        catch (ArgumentException ex) when (location.FilePath is null)
        {
            // 'PostgreSql:Data Source=...': the keyword the driver refused, named, as New-SyncConnection names it.
            var reason = ConnectionStringEditor.Problem(location.Provider, location.ConnectionString) ?? SecretScrubber.Scrub(ex.Message, location.ConnectionString);
            throw new StoreException(StoreErrorKind.Invalid, Messages.StoreConnectionStringInvalid(location.ToString(), reason), ex);
        }
        return store;
    }

    internal DbConnection OpenConnection()
    {
        var connection = Provider.CreateConnection(_connectionString);
        connection.Open();
        Dialect.Prepare(connection, _access);
        return connection;
    }

    /// <summary>A reading command's check: the store exists, and its schema is the one this module reads. Writes nothing.</summary>
    private void CheckVersion(int moduleVersion)
    {
        using var connection = OpenConnection();
        var version = connection.ExecuteScalar<int>(Dialect.MetaTableExists) > 0 ? ReadVersion(connection) : 0;
        if (version == 0) throw new StoreException(StoreErrorKind.Missing, Messages.StoreNotInitialized(Location.ToString()));
        if (version > moduleVersion)
            throw new StoreException(StoreErrorKind.NewerSchema, Messages.StoreTooNew(Location.ToString(), version, moduleVersion));
        if (version < moduleVersion)
            throw new StoreException(StoreErrorKind.Outdated, Messages.StoreOutdated(Location.ToString(), version, moduleVersion));
    }

    private void Migrate(int moduleVersion)
    {
        using var connection = OpenConnection();
        // A database may open a file this account may not write read-only, without a word: say so now, not at the first write.
        if (Dialect.IsReadOnly(connection))
            throw new StoreException(StoreErrorKind.ReadOnly, Messages.StoreReadOnly(Location.ToString()));
        var exists = connection.ExecuteScalar<int>(Dialect.MetaTableExists) > 0;
        var version = exists ? ReadVersion(connection) : 0;
        if (version == 0 && _access != StoreAccess.Create)
            throw new StoreException(StoreErrorKind.Missing, Messages.StoreNotInitialized(Location.ToString()));
        if (version > moduleVersion)
            throw new StoreException(StoreErrorKind.NewerSchema, Messages.StoreTooNew(Location.ToString(), version, moduleVersion));
        Dialect.AfterCheck(connection);
        if (version == moduleVersion) return;
        // Created only when missing: an account that may change the store's rows need not be allowed to create tables.
        if (!exists) connection.Execute(Dialect.MetaTableDdl);

        using var transaction = connection.BeginTransaction();
        // Re-read inside the transaction: another process may have upgraded the store meanwhile.
        version = ReadVersion(connection, transaction);
        for (var next = version + 1; next <= moduleVersion; next++)
        {
            foreach (var statement in StoreSchema.Step(next, Dialect))
                connection.Execute(statement, transaction: transaction);
        }
        connection.Execute(Dialect.SetMeta, new { n = "schema_version", v = moduleVersion.ToString(CultureInfo.InvariantCulture) }, transaction);
        connection.Execute(Dialect.SetMeta, new { n = "written_by", v = typeof(SyncStore).Assembly.GetName().Version!.ToString(3) }, transaction);
        transaction.Commit();
    }

    private static int ReadVersion(DbConnection connection, DbTransaction? transaction = null)
    {
        var text = connection.QueryFirstOrDefault<string?>("SELECT value FROM ofisync_meta WHERE name = 'schema_version'", transaction: transaction);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    /// <summary>The schema version this store is at.</summary>
    public int SchemaVersion
    {
        get { using var c = OpenConnection(); return ReadVersion(c); }
    }

    /// <summary>A line or sync id as the store's id columns hold it.</summary>
    internal object Id(Guid id) => Dialect.Id(id);

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
            throw Unreadable(ex);
        }
    }

    internal StoreException Unreadable(DbException ex) => new(StoreErrorKind.Unreadable, Messages.StoreUnreadable(Location.ToString(), ex.Message), ex);

    internal T Read<T>(Func<DbConnection, T> work)
    {
        try
        {
            using var connection = OpenConnection();
            return work(connection);
        }
        catch (DbException ex)
        {
            throw Unreadable(ex);
        }
    }
}
