using System.Data.Common;
using System.Globalization;
using OfiSync.Core.Store;

namespace OfiSync.Core.Providers.SqlServer;

/// <summary>A store in a SQL Server database: MERGE for upserts, OPENJSON for lists of keys, an application lock per line.</summary>
internal sealed class SqlServerStoreDialect : StoreDialect
{
    /// <summary>A line's run lock: an application lock owned by the session, taken without waiting.</summary>
    internal const string GetAppLock =
        "DECLARE @r INT; EXEC @r = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @r;";
    internal const string ReleaseAppLock = "EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session';";

    public override StoreTypes Types { get; } =
        new("NVARCHAR(200)", "NVARCHAR(MAX)", "DATETIME2", "UNIQUEIDENTIFIER", "NVARCHAR(400)", "VARBINARY(16)", "BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY", AddColumn: "");

    public override string MetaTableDdl =>
        "IF OBJECT_ID(N'ofisync_meta', N'U') IS NULL CREATE TABLE ofisync_meta (name NVARCHAR(100) NOT NULL PRIMARY KEY, value NVARCHAR(400) NULL);";

    public override string MetaTableExists => "SELECT CASE WHEN OBJECT_ID(N'ofisync_meta', N'U') IS NULL THEN 0 ELSE 1 END;";

    public override string SetMeta =>
        "MERGE ofisync_meta AS m USING (SELECT @n AS name) AS s ON m.name = s.name WHEN MATCHED THEN UPDATE SET value = @v WHEN NOT MATCHED THEN INSERT (name, value) VALUES (s.name, @v);";

    public override string UpsertState => @"MERGE ofisync_row_state WITH (HOLDLOCK) AS s
            USING (SELECT @id AS line_id, @k AS source_key) AS n ON s.line_id = n.line_id AND s.source_key = n.source_key
            WHEN MATCHED THEN UPDATE SET row_hash = @h, target_key = COALESCE(@tk, s.target_key), status = @st, run_id = @r, updated = @u
            WHEN NOT MATCHED THEN INSERT (line_id, source_key, row_hash, target_key, status, run_id, updated) VALUES (@id, @k, @h, @tk, @st, @r, @u);";

    public override string InsertRun =>
        "INSERT INTO ofisync_run (line_id, line_name, mode, status, started, host, user_name, sync_id) OUTPUT INSERTED.run_id VALUES (@id, @n, @m, @s, @st, @h, @u, @sync);";

    public override string StatesOfKeys =>
        "SELECT source_key, row_hash, target_key, status FROM ofisync_row_state WHERE line_id = @id AND source_key IN (SELECT value FROM OPENJSON(@keys));";

    public override string MarkPending => @"MERGE ofisync_row_state WITH (HOLDLOCK) AS s
            USING (SELECT @id AS line_id, value AS source_key FROM OPENJSON(@keys)) AS n ON s.line_id = n.line_id AND s.source_key = n.source_key
            WHEN MATCHED THEN UPDATE SET row_hash = NULL, status = 'Pending', run_id = @r, updated = @u
            WHEN NOT MATCHED THEN INSERT (line_id, source_key, row_hash, target_key, status, run_id, updated) VALUES (n.line_id, n.source_key, NULL, NULL, 'Pending', @r, @u);";

    public override Task<IAsyncDisposable?> TryLockLineAsync(StoreLocation location, Func<DbConnection> open, Guid lineId, CancellationToken cancel) =>
        SessionLockAsync(open, GetAppLock, ReleaseAppLock, new { resource = "OfiSync.Line." + lineId.ToString("N") },
            r => Convert.ToInt32(r, CultureInfo.InvariantCulture) >= 0, cancel);

    public override IEnumerable<string> Statements => base.Statements.Concat(new[] { GetAppLock, ReleaseAppLock });
}
