using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
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
    private readonly IDatabaseProvider _provider;
    private readonly StoreAccess _access;
    private readonly string _connectionString;

    public StoreLocation Location { get; }
    public ProviderKind Provider => Location.Provider;

    private SyncStore(StoreLocation location, StoreAccess access)
    {
        Location = location;
        _access = access;
        _provider = Providers.Providers.Get(location.Provider);
        // A SQLite store is never created by a connection: only PrepareFile creates the file, for StoreAccess.Create.
        _connectionString = location.FilePath is null ? location.ConnectionString
            : new SqliteConnectionStringBuilder(location.ConnectionString)
            {
                Mode = access == StoreAccess.Read ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            }.ConnectionString;
    }

    /// <summary>Opens the store, creating it when missing: the way of New-SyncConnection and Import-SyncLine, and of tests.</summary>
    public static SyncStore Open(StoreLocation location) => Open(location, StoreAccess.Create);

    /// <summary>Opens the store for what the caller does with it (see <see cref="StoreAccess"/>).</summary>
    public static SyncStore Open(StoreLocation location, StoreAccess access) => Open(location, access, StoreSchema.CurrentVersion);

    /// <summary>As <see cref="Open(StoreLocation, StoreAccess)"/>, for a module that knows schema versions up to <paramref name="moduleVersion"/> (tests).</summary>
    internal static SyncStore Open(StoreLocation location, StoreAccess access, int moduleVersion)
    {
        var store = new SyncStore(location, access);
        if (location.FilePath is { } file)
        {
            if (access == StoreAccess.Create) PrepareFile(file);
            else if (!File.Exists(file)) throw new StoreException(StoreErrorKind.Missing, Messages.StoreMissing(file));
        }
        try
        {
            if (access == StoreAccess.Read) store.CheckVersion(moduleVersion);
            else store.Migrate(moduleVersion);
        }
        catch (SqliteException ex) when (access == StoreAccess.Read && ex.SqliteErrorCode == 14 && location.FilePath is { } path && !WalFilesPresent(path))
        {
            // A store in WAL mode is read through its -wal and -shm files; an account that may not create them needs them there.
            throw new StoreException(StoreErrorKind.Unreadable, Messages.StoreWalFilesMissing(location.FilePath), ex);
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

    private static bool WalFilesPresent(string file) => File.Exists(file + "-wal") && File.Exists(file + "-shm");

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
        var connection = _provider.CreateConnection(_connectionString);
        connection.Open();
        if (connection is SqliteConnection sqlite)
        {
            // The -wal and -shm files stay beside the store when the last connection closes (the WAL checkpointed and
            // emptied first), so an account that may read the store but not write its folder can still read it.
            SqliteFiles.KeepWalFiles(sqlite);
            // busy_timeout waits instead of failing at once. synchronous stays FULL: the Pending marks must be on disk
            // before the target commit, even across a power loss.
            connection.Execute(_access == StoreAccess.Read
                ? "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;"
                : "PRAGMA journal_size_limit=67108864; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
        }
        return connection;
    }

    /// <summary>A reading command's check: the store exists, and its schema is the one this module reads. Writes nothing.</summary>
    private void CheckVersion(int moduleVersion)
    {
        using var connection = OpenConnection();
        var version = connection.ExecuteScalar<int>(StoreSql.MetaTableExists(Provider)) > 0 ? ReadVersion(connection) : 0;
        if (version == 0) throw new StoreException(StoreErrorKind.Missing, Messages.StoreNotInitialized(Location.ToString()));
        if (version > moduleVersion)
            throw new StoreException(StoreErrorKind.NewerSchema, Messages.StoreTooNew(Location.ToString(), version, moduleVersion));
        if (version < moduleVersion)
            throw new StoreException(StoreErrorKind.Outdated, Messages.StoreOutdated(Location.ToString(), version, moduleVersion));
    }

    private void Migrate(int moduleVersion)
    {
        using var connection = OpenConnection();
        // SQLite opens a file this account may not write read-only, without a word: say so now, not at the first write.
        if (connection is SqliteConnection sqlite && SQLitePCL.raw.sqlite3_db_readonly(sqlite.Handle, "main") == 1)
            throw new StoreException(StoreErrorKind.ReadOnly, Messages.StoreReadOnly(Location.ToString()));
        var exists = connection.ExecuteScalar<int>(StoreSql.MetaTableExists(Provider)) > 0;
        var version = exists ? ReadVersion(connection) : 0;
        if (version == 0 && _access != StoreAccess.Create)
            throw new StoreException(StoreErrorKind.Missing, Messages.StoreNotInitialized(Location.ToString()));
        if (version > moduleVersion)
            throw new StoreException(StoreErrorKind.NewerSchema, Messages.StoreTooNew(Location.ToString(), version, moduleVersion));
        // WAL (kept in the file once set) lets a person read while a scheduled task writes.
        if (connection is SqliteConnection) connection.Execute("PRAGMA journal_mode=WAL");
        if (version == moduleVersion) return;
        // Created only when missing: an account that may change the store's rows need not be allowed to create tables.
        if (!exists) connection.Execute(StoreSchema.MetaTableDdl(Provider));

        using var transaction = connection.BeginTransaction();
        // Re-read inside the transaction: another process may have upgraded the store meanwhile.
        version = ReadVersion(connection, transaction);
        for (var next = version + 1; next <= moduleVersion; next++)
        {
            foreach (var statement in StoreSchema.Step(next, Provider))
                connection.Execute(statement, transaction: transaction);
        }
        connection.Execute(StoreSql.SetMeta(Provider), new { n = "schema_version", v = moduleVersion.ToString(CultureInfo.InvariantCulture) }, transaction);
        connection.Execute(StoreSql.SetMeta(Provider), new { n = "written_by", v = typeof(SyncStore).Assembly.GetName().Version!.ToString(3) }, transaction);
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
