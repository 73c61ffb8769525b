using OfiSync.Core.Providers;

namespace OfiSync.Core.Store;

/// <summary>
/// The store's tables, version by version. A newer module adds a step; a store is upgraded in place, step by
/// step, inside one transaction, and never dropped. A store whose version is above <see cref="CurrentVersion"/>
/// was written by a newer module and is refused.
/// </summary>
internal static class StoreSchema
{
    public const int CurrentVersion = 3;

    /// <summary>The statements that take a store from version - 1 to version.</summary>
    public static IReadOnlyList<string> Step(int version, StoreDialect dialect) => version switch
    {
        1 => Version1(dialect.Types),
        2 => Version2(dialect.Types),
        3 => Version3(dialect),
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    private static string[] Version1(StoreTypes t) => new[]
    {
        $@"CREATE TABLE ofisync_connection (
            name_key {t.Name} NOT NULL PRIMARY KEY,
            name {t.Name} NOT NULL,
            definition {t.Text} NOT NULL,
            modified {t.Time} NOT NULL)",
        $@"CREATE TABLE ofisync_line (
            line_id {t.Id} NOT NULL PRIMARY KEY,
            name_key {t.Name} NOT NULL UNIQUE,
            name {t.Name} NOT NULL,
            sort_order INTEGER NOT NULL,
            definition {t.Text} NOT NULL,
            modified {t.Time} NOT NULL)",
        $@"CREATE TABLE ofisync_row_state (
            line_id {t.Id} NOT NULL,
            source_key {t.Key} NOT NULL,
            row_hash {t.Hash} NULL,
            target_key {t.Key} NULL,
            status VARCHAR(20) NOT NULL,
            run_id BIGINT NULL,
            updated {t.Time} NOT NULL,
            PRIMARY KEY (line_id, source_key))",
        $@"CREATE TABLE ofisync_run (
            run_id {t.Identity},
            line_id {t.Id} NOT NULL,
            line_name {t.Name} NOT NULL,
            mode VARCHAR(20) NOT NULL,
            status VARCHAR(20) NOT NULL,
            started {t.Time} NOT NULL,
            ended {t.Time} NULL,
            rows_read BIGINT NOT NULL DEFAULT 0,
            inserted BIGINT NOT NULL DEFAULT 0,
            updated BIGINT NOT NULL DEFAULT 0,
            deleted BIGINT NOT NULL DEFAULT 0,
            unchanged BIGINT NOT NULL DEFAULT 0,
            failed BIGINT NOT NULL DEFAULT 0,
            skipped BIGINT NOT NULL DEFAULT 0,
            message {t.Text} NULL,
            host {t.Name} NULL,
            user_name {t.Name} NULL)",
        "CREATE INDEX ix_ofisync_run_line ON ofisync_run (line_id, started)",
        $@"CREATE TABLE ofisync_run_row (
            run_id BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            source_key {t.Key} NOT NULL,
            action VARCHAR(20) NOT NULL,
            status VARCHAR(20) NOT NULL,
            error {t.Text} NULL,
            error_column {t.Name} NULL,
            target_key {t.Key} NULL,
            PRIMARY KEY (run_id, seq))",
    };

    /// <summary>Version 2: the sync a run belongs to (one Invoke-OfiSync call), and flagged rows counted apart from deleted ones.</summary>
    private static string[] Version2(StoreTypes t) => new[]
    {
        $"ALTER TABLE ofisync_run ADD {t.AddColumn}sync_id {t.Id} NULL",
        $"ALTER TABLE ofisync_run ADD {t.AddColumn}flagged BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX ix_ofisync_run_sync ON ofisync_run (sync_id)",
    };

    /// <summary>
    /// Version 3, a store smaller than the data it describes: each line gets a number, and the sync state is keyed by it
    /// (ofisync_state: the key, a 16-byte hash, the CRM id and a status number, nothing else); the succeeded rows of a
    /// committed batch are kept as one compressed value (ofisync_run_batch) instead of a row each; a line reading by a
    /// change column keeps its high-water mark (ofisync_line.change_mark). The old state is
    /// carried over; the old history stays as it is, and reads as before.
    /// </summary>
    private static string[] Version3(StoreDialect d)
    {
        var t = d.Types;
        return new[]
        {
            $"ALTER TABLE ofisync_line ADD {t.AddColumn}line_no INTEGER NULL",
            // A change-column line's high-water mark, with the column and the line's scope it holds for.
            $"ALTER TABLE ofisync_line ADD {t.AddColumn}change_mark {t.Text} NULL",
            // Numbered in line_id order; the derived table lets MariaDB read the table it updates.
            "UPDATE ofisync_line SET line_no = (SELECT COUNT(*) FROM (SELECT line_id FROM ofisync_line) AS l2 WHERE l2.line_id <= ofisync_line.line_id)",
            "CREATE UNIQUE INDEX ux_ofisync_line_no ON ofisync_line (line_no)",
            $@"CREATE TABLE ofisync_state (
                line_no INTEGER NOT NULL,
                source_key {t.Key} NOT NULL,
                row_hash {t.Hash} NULL,
                target_id {t.Key} NULL,
                status SMALLINT NOT NULL,
                PRIMARY KEY (line_no, source_key)){d.StateTableOptions}",
            @"INSERT INTO ofisync_state (line_no, source_key, row_hash, target_id, status)
                SELECT l.line_no, s.source_key, s.row_hash, s.target_key,
                       CASE s.status WHEN 'Succeeded' THEN 0 WHEN 'Pending' THEN 2 ELSE 1 END
                FROM ofisync_row_state s JOIN ofisync_line l ON l.line_id = s.line_id",
            "DROP TABLE ofisync_row_state",
            $@"CREATE TABLE ofisync_run_batch (
                run_id BIGINT NOT NULL,
                seq BIGINT NOT NULL,
                row_count INTEGER NOT NULL,
                packed {t.Blob} NOT NULL,
                PRIMARY KEY (run_id, seq))",
        };
    }

    /// <summary>The source keys whose target rows a line deleted or flagged, by its run history (their state is gone).</summary>
    public const string DeletedKeys =
        "SELECT DISTINCT rr.source_key FROM ofisync_run_row rr JOIN ofisync_run r ON r.run_id = rr.run_id WHERE r.line_id = @id AND rr.action IN ('Delete', 'Flag') AND rr.status = 'Succeeded'";
}
