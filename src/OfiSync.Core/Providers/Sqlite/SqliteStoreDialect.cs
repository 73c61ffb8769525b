using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Store;

namespace OfiSync.Core.Providers.Sqlite;

/// <summary>
/// A store in a SQLite file: created only for <see cref="StoreAccess.Create"/>, readable and writable by its owner only,
/// opened read-only by reading commands, in WAL mode (a person reads while a scheduled task writes) with its -wal and
/// -shm files kept beside it, and run locks held as exclusive locks on files in a folder beside it.
/// </summary>
internal sealed class SqliteStoreDialect : StoreDialect
{
    public override StoreTypes Types { get; } = new("TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "BLOB", "BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT");

    public override string MetaTableDdl => "CREATE TABLE IF NOT EXISTS ofisync_meta (name VARCHAR(100) NOT NULL PRIMARY KEY, value VARCHAR(400) NULL)";

    public override string MetaTableExists => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ofisync_meta'";

    /// <summary>The state keeps no rowid beside its key: each key is stored once, in the primary key's b-tree.</summary>
    public override string StateTableOptions => " WITHOUT ROWID";

    /// <summary>The file's pages in use or free (a deleted row's page is reused, and the file does not shrink).</summary>
    public override string? StoreSize => "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";

    public override string KeysList => "SELECT value AS k FROM json_each(@keys)";

    // "WHERE true": SQLite's parser needs it between a SELECT's FROM and ON CONFLICT.
    public override string MarkPending => @"INSERT INTO ofisync_state (line_no, source_key, row_hash, target_id, status)
            SELECT @line, value, NULL, NULL, 2 FROM json_each(@keys) WHERE true
            ON CONFLICT (line_no, source_key) DO UPDATE SET row_hash = NULL, status = 2";

    public override string UpsertStates => @"INSERT INTO ofisync_state (line_no, source_key, row_hash, target_id, status)
            SELECT @line, value ->> 0, unhex(value ->> 1), value ->> 2, value ->> 3 FROM json_each(@rows) WHERE true
            ON CONFLICT (line_no, source_key) DO UPDATE SET row_hash = excluded.row_hash,
                target_id = COALESCE(excluded.target_id, ofisync_state.target_id), status = excluded.status";

    /// <summary>Line ids are text in SQLite.</summary>
    public override object Id(Guid id) => id.ToString("D");

    public override string? FileConnectionString(string fullPath) =>
        new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = true }.ConnectionString;

    /// <summary>A SQLite store is never created by a connection: only <see cref="PrepareLocation"/> creates the file, for Create.</summary>
    public override string ConnectionStringFor(StoreLocation location, StoreAccess access) =>
        new SqliteConnectionStringBuilder(location.ConnectionString)
        {
            Mode = access == StoreAccess.Read ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
        }.ConnectionString;

    public override void PrepareLocation(StoreLocation location, StoreAccess access)
    {
        if (location.FilePath is not { } file) return;
        if (access == StoreAccess.Create) CreateFile(file);
        else if (!File.Exists(file)) throw new StoreException(StoreErrorKind.Missing, Messages.StoreMissing(file));
    }

    /// <summary>The store file is created readable and writable by its owner only.</summary>
    private static void CreateFile(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (File.Exists(path)) return;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try { using var _ = new FileStream(path, options); }
        catch (IOException) when (File.Exists(path)) { }
    }

    public override void Prepare(DbConnection connection, StoreAccess access)
    {
        // The -wal and -shm files stay beside the store when the last connection closes (the WAL checkpointed and
        // emptied first), so an account that may read the store but not write its folder can still read it.
        SqliteFiles.KeepWalFiles((SqliteConnection)connection);
        // busy_timeout waits instead of failing at once. synchronous stays FULL: the Pending marks must be on disk
        // before the target commit, even across a power loss.
        connection.Execute(access == StoreAccess.Read
            ? "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;"
            : "PRAGMA journal_size_limit=67108864; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
    }

    /// <summary>SQLite opens a file this account may not write read-only, without a word.</summary>
    public override bool IsReadOnly(DbConnection connection) => SQLitePCL.raw.sqlite3_db_readonly(((SqliteConnection)connection).Handle, "main") == 1;

    /// <summary>WAL, kept in the file once set, lets a person read while a scheduled task writes.</summary>
    public override void AfterCheck(DbConnection connection) => connection.Execute("PRAGMA journal_mode=WAL");

    public override StoreException? ExplainOpenFailure(Exception exception, StoreLocation location, StoreAccess access) =>
        // A store in WAL mode is read through its -wal and -shm files; an account that may not create them needs them there.
        exception is SqliteException { SqliteErrorCode: 14 } && access == StoreAccess.Read && location.FilePath is { } path
        && !(File.Exists(path + "-wal") && File.Exists(path + "-shm"))
            ? new StoreException(StoreErrorKind.Unreadable, Messages.StoreWalFilesMissing(path), exception)
            : null;

    public override Task<IAsyncDisposable?> TryLockLineAsync(StoreLocation location, Func<DbConnection> open, Guid lineId, CancellationToken cancel)
    {
        var folder = location.FilePath + ".locks";
        Directory.CreateDirectory(folder);
        try
        {
            var stream = new FileStream(Path.Combine(folder, lineId.ToString("N") + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<IAsyncDisposable?>(new HeldLock(() => { stream.Dispose(); return ValueTask.CompletedTask; }));
        }
        catch (IOException)
        {
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }
}
