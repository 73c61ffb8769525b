using OfiSync.Core.Providers;

namespace OfiSync.Core.Store;

/// <summary>The store's statements that differ by database (upserts, identity), in one place so each is checked.</summary>
internal static class StoreSql
{
    public static string SetMeta(ProviderKind kind) => kind == ProviderKind.SqlServer
        ? "MERGE ofisync_meta AS m USING (SELECT @n AS name) AS s ON m.name = s.name WHEN MATCHED THEN UPDATE SET value = @v WHEN NOT MATCHED THEN INSERT (name, value) VALUES (s.name, @v);"
        : "INSERT INTO ofisync_meta (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value";

    public static string UpsertState(ProviderKind kind) => kind == ProviderKind.SqlServer
        ? @"MERGE ofisync_row_state WITH (HOLDLOCK) AS s
            USING (SELECT @id AS line_id, @k AS source_key) AS n ON s.line_id = n.line_id AND s.source_key = n.source_key
            WHEN MATCHED THEN UPDATE SET row_hash = @h, target_key = COALESCE(@tk, s.target_key), status = @st, run_id = @r, updated = @u
            WHEN NOT MATCHED THEN INSERT (line_id, source_key, row_hash, target_key, status, run_id, updated) VALUES (@id, @k, @h, @tk, @st, @r, @u);"
        : @"INSERT INTO ofisync_row_state (line_id, source_key, row_hash, target_key, status, run_id, updated)
            VALUES (@id, @k, @h, @tk, @st, @r, @u)
            ON CONFLICT (line_id, source_key) DO UPDATE SET row_hash = excluded.row_hash,
                target_key = COALESCE(excluded.target_key, ofisync_row_state.target_key), status = excluded.status,
                run_id = excluded.run_id, updated = excluded.updated";

    public static string InsertRun(ProviderKind kind) => kind == ProviderKind.SqlServer
        ? "INSERT INTO ofisync_run (line_id, line_name, mode, status, started, host, user_name, sync_id) OUTPUT INSERTED.run_id VALUES (@id, @n, @m, @s, @st, @h, @u, @sync);"
        : "INSERT INTO ofisync_run (line_id, line_name, mode, status, started, host, user_name, sync_id) VALUES (@id, @n, @m, @s, @st, @h, @u, @sync) RETURNING run_id";

    /// <summary>SQL Server's run lock of a line: an application lock owned by the session, taken without waiting.</summary>
    public const string SqlServerGetAppLock =
        "DECLARE @r INT; EXEC @r = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @r;";
    public const string SqlServerReleaseAppLock = "EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session';";

    /// <summary>The states of a list of keys, the keys given as one parameter: a JSON array, or a PostgreSQL text array.</summary>
    public static string StatesOfKeys(ProviderKind kind) => kind switch
    {
        ProviderKind.PostgreSql => "SELECT source_key, row_hash, target_key, status FROM ofisync_row_state WHERE line_id = @id AND source_key = ANY (@keys)",
        ProviderKind.SqlServer => "SELECT source_key, row_hash, target_key, status FROM ofisync_row_state WHERE line_id = @id AND source_key IN (SELECT value FROM OPENJSON(@keys));",
        _ => "SELECT source_key, row_hash, target_key, status FROM ofisync_row_state WHERE line_id = @id AND source_key IN (SELECT value FROM json_each(@keys))",
    };

    /// <summary>Marks a list of keys Pending in one statement, the keys given as one parameter (see <see cref="StatesOfKeys"/>).</summary>
    public static string MarkPending(ProviderKind kind) => kind switch
    {
        ProviderKind.PostgreSql => @"INSERT INTO ofisync_row_state (line_id, source_key, row_hash, target_key, status, run_id, updated)
            SELECT @id, k, NULL, NULL, 'Pending', @r, @u FROM unnest(@keys) AS k
            ON CONFLICT (line_id, source_key) DO UPDATE SET row_hash = NULL, status = 'Pending', run_id = excluded.run_id, updated = excluded.updated",
        ProviderKind.SqlServer => @"MERGE ofisync_row_state WITH (HOLDLOCK) AS s
            USING (SELECT @id AS line_id, value AS source_key FROM OPENJSON(@keys)) AS n ON s.line_id = n.line_id AND s.source_key = n.source_key
            WHEN MATCHED THEN UPDATE SET row_hash = NULL, status = 'Pending', run_id = @r, updated = @u
            WHEN NOT MATCHED THEN INSERT (line_id, source_key, row_hash, target_key, status, run_id, updated) VALUES (n.line_id, n.source_key, NULL, NULL, 'Pending', @r, @u);",
        _ => @"INSERT INTO ofisync_row_state (line_id, source_key, row_hash, target_key, status, run_id, updated)
            SELECT @id, value, NULL, NULL, 'Pending', @r, @u FROM json_each(@keys) WHERE true
            ON CONFLICT (line_id, source_key) DO UPDATE SET row_hash = NULL, status = 'Pending', run_id = excluded.run_id, updated = excluded.updated",
    };

    /// <summary>The source keys whose target rows a line deleted or flagged, by its run history (their state is gone).</summary>
    public const string DeletedKeys =
        "SELECT DISTINCT rr.source_key FROM ofisync_run_row rr JOIN ofisync_run r ON r.run_id = rr.run_id WHERE r.line_id = @id AND rr.action IN ('Delete', 'Flag') AND rr.status = 'Succeeded'";

    /// <summary>1 when the store's meta table exists (as unqualified statements would find it), else 0; creates nothing.</summary>
    public static string MetaTableExists(ProviderKind kind) => kind switch
    {
        ProviderKind.PostgreSql => "SELECT CASE WHEN to_regclass('ofisync_meta') IS NULL THEN 0 ELSE 1 END",
        ProviderKind.SqlServer => "SELECT CASE WHEN OBJECT_ID(N'ofisync_meta', N'U') IS NULL THEN 0 ELSE 1 END;",
        _ => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ofisync_meta'",
    };

    /// <summary>Every statement above, for the tests that parse them.</summary>
    public static IEnumerable<string> All(ProviderKind kind) => new[] { SetMeta(kind), UpsertState(kind), InsertRun(kind), StatesOfKeys(kind), MarkPending(kind), DeletedKeys, MetaTableExists(kind) }
        .Concat(kind == ProviderKind.SqlServer ? new[] { SqlServerGetAppLock, SqlServerReleaseAppLock } : Array.Empty<string>());
}
