using System.Data.Common;
using System.Globalization;
using MySqlConnector;
using OfiSync.Core.Store;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// A store in a MariaDB database (10.6 or later), shared by several machines: INSERT ... ON DUPLICATE KEY UPDATE for
/// upserts, RETURNING for run ids, JSON_TABLE for lists of keys, and a named lock (GET_LOCK) per line. Names and
/// keys are utf8mb4 under utf8mb4_nopad_bin, whatever the database's default character set: source keys compare
/// exactly ('a' is not 'A', 'a ' is not 'a', 'é' is not 'e'). Its schema changes commit as they go: MariaDB's DDL is not
/// transactional.
/// </summary>
internal sealed class MariaDbStoreDialect : StoreDialect
{
    private const string Exact = "CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";

    public override StoreTypes Types { get; } = new(
        Name: $"VARCHAR(200) {Exact}", Text: "LONGTEXT CHARACTER SET utf8mb4", Time: "DATETIME(6)",
        Id: "CHAR(36) CHARACTER SET ascii COLLATE ascii_bin", Key: $"VARCHAR(400) {Exact}", Hash: "VARBINARY(16)", Blob: "LONGBLOB",
        Identity: "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY");

    public override string MetaTableDdl =>
        $"CREATE TABLE IF NOT EXISTS ofisync_meta (name VARCHAR(100) {Exact} NOT NULL PRIMARY KEY, value VARCHAR(400) CHARACTER SET utf8mb4 NULL)";

    public override string MetaTableExists =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'ofisync_meta'";

    public override string SetMeta =>
        "INSERT INTO ofisync_meta (name, value) VALUES (@n, @v) ON DUPLICATE KEY UPDATE value = VALUES(value)";

    /// <summary>The keys of a JSON array given as @keys, one row each, compared as the store's keys are.</summary>
    private static string KeysTable => $"JSON_TABLE(@keys, '$[*]' COLUMNS (k VARCHAR(400) {Exact} PATH '$')) AS j";

    /// <summary>The store's tables and indexes, as InnoDB's statistics estimate them.</summary>
    public override string? StoreSize =>
        "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE() AND LEFT(table_name, 8) = 'ofisync_'";

    public override string KeysList => $"SELECT j.k FROM {KeysTable}";

    public override string MarkPending => $@"INSERT INTO ofisync_state (line_no, source_key, row_hash, target_id, status)
            SELECT @line, j.k, NULL, NULL, 2 FROM {KeysTable}
            ON DUPLICATE KEY UPDATE row_hash = NULL, status = 2";

    public override string UpsertStates => $@"INSERT INTO ofisync_state (line_no, source_key, row_hash, target_id, status)
            SELECT @line, j.k, UNHEX(j.h), j.t, j.st FROM JSON_TABLE(@rows, '$[*]' COLUMNS (
                k VARCHAR(400) {Exact} PATH '$[0]', h VARCHAR(32) CHARACTER SET ascii PATH '$[1]',
                t VARCHAR(400) {Exact} PATH '$[2]', st SMALLINT PATH '$[3]')) AS j
            ON DUPLICATE KEY UPDATE row_hash = VALUES(row_hash), target_id = COALESCE(VALUES(target_id), target_id), status = VALUES(status)";

    /// <summary>Line ids are kept as their text, which every MariaDB and MySQL version compares alike.</summary>
    public override object Id(Guid id) => id.ToString("D");

    internal const string GetLock = "SELECT GET_LOCK(@name, 0)";
    internal const string ReleaseLock = "SELECT RELEASE_LOCK(@name)";

    /// <summary>
    /// GET_LOCK belongs to the session: held on a connection of its own, never pooled, so that closing it ends the
    /// session and frees the lock (a pooled session would keep it until reused), and a killed process loses it.
    /// </summary>
    public override Task<IAsyncDisposable?> TryLockLineAsync(StoreLocation location, Func<DbConnection> open, Guid lineId, CancellationToken cancel)
    {
        var unpooled = new MySqlConnectionStringBuilder(location.ConnectionString) { Pooling = false }.ConnectionString;
        DbConnection Open()
        {
            var connection = new MySqlConnection(unpooled);
            try { connection.Open(); }
            catch { connection.Dispose(); throw; }
            return connection;
        }
        return HeldQuietlyAsync(SessionLockAsync(Open, GetLock, ReleaseLock, new { name = "ofisync.line." + lineId.ToString("N") },
            r => r is not null and not DBNull && Convert.ToInt64(r, CultureInfo.InvariantCulture) == 1, cancel));
    }

    /// <summary>
    /// A lock whose release may fail without a word: RELEASE_LOCK fails only when the session is gone (the server
    /// restarted, the session was killed), and a session that is gone holds no lock any more.
    /// </summary>
    private static async Task<IAsyncDisposable?> HeldQuietlyAsync(Task<IAsyncDisposable?> taking)
    {
        var held = await taking.ConfigureAwait(false);
        return held is null ? null : new HeldLock(async () =>
        {
            try { await held.DisposeAsync().ConfigureAwait(false); }
            catch (MySqlException) { }
        });
    }

    public override IEnumerable<string> Statements => base.Statements.Concat(new[] { GetLock, ReleaseLock });
}
