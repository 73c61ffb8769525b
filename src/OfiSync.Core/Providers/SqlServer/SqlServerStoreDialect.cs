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
        new("NVARCHAR(200)", "NVARCHAR(MAX)", "DATETIME2", "UNIQUEIDENTIFIER", "NVARCHAR(400)", "VARBINARY(16)", "VARBINARY(MAX)", "BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY", AddColumn: "");

    public override string MetaTableDdl =>
        "IF OBJECT_ID(N'ofisync_meta', N'U') IS NULL CREATE TABLE ofisync_meta (name NVARCHAR(100) NOT NULL PRIMARY KEY, value NVARCHAR(400) NULL);";

    public override string MetaTableExists => "SELECT CASE WHEN OBJECT_ID(N'ofisync_meta', N'U') IS NULL THEN 0 ELSE 1 END;";

    public override string SetMeta =>
        "MERGE ofisync_meta AS m USING (SELECT @n AS name) AS s ON m.name = s.name WHEN MATCHED THEN UPDATE SET value = @v WHEN NOT MATCHED THEN INSERT (name, value) VALUES (s.name, @v);";

    public override string InsertRun =>
        "INSERT INTO ofisync_run (line_id, line_name, mode, status, started, host, user_name, sync_id) OUTPUT INSERTED.run_id VALUES (@id, @n, @m, @s, @st, @h, @u, @sync);";

    /// <summary>The pages the store's tables use (needs VIEW DATABASE STATE; without it the size is left out).</summary>
    public override string? StoreSize =>
        "SELECT COALESCE(SUM(CAST(ps.used_page_count AS BIGINT)), 0) * 8192 FROM sys.dm_db_partition_stats AS ps JOIN sys.tables AS t ON t.object_id = ps.object_id WHERE LEFT(t.name, 8) = 'ofisync_';";

    public override string LineRunsNewestFirst => "SELECT TOP (@n) run_id FROM ofisync_run WHERE line_id = @id ORDER BY run_id DESC";

    public override string SumOfRowCounts => "SUM(CAST(row_count AS BIGINT))";

    public override string KeysList => "SELECT value AS k FROM OPENJSON(@keys)";

    public override string MarkPending => @"MERGE ofisync_state WITH (HOLDLOCK) AS s
            USING (SELECT @line AS line_no, value AS source_key FROM OPENJSON(@keys)) AS n ON s.line_no = n.line_no AND s.source_key = n.source_key
            WHEN MATCHED THEN UPDATE SET row_hash = NULL, status = 2
            WHEN NOT MATCHED THEN INSERT (line_no, source_key, row_hash, target_id, status) VALUES (n.line_no, n.source_key, NULL, NULL, 2);";

    public override string UpsertStates => @"MERGE ofisync_state WITH (HOLDLOCK) AS s
            USING (SELECT @line AS line_no, j.k, CONVERT(VARBINARY(16), j.h, 2) AS h, j.t, j.st
                   FROM OPENJSON(@rows) WITH (k NVARCHAR(400) '$[0]', h VARCHAR(32) '$[1]', t NVARCHAR(400) '$[2]', st SMALLINT '$[3]') AS j) AS n
            ON s.line_no = n.line_no AND s.source_key = n.k
            WHEN MATCHED THEN UPDATE SET row_hash = n.h, target_id = COALESCE(n.t, s.target_id), status = n.st
            WHEN NOT MATCHED THEN INSERT (line_no, source_key, row_hash, target_id, status) VALUES (n.line_no, n.k, n.h, n.t, n.st);";

    public override Task<IAsyncDisposable?> TryLockLineAsync(StoreLocation location, Func<DbConnection> open, Guid lineId, CancellationToken cancel) =>
        SessionLockAsync(open, GetAppLock, ReleaseAppLock, new { resource = "OfiSync.Line." + lineId.ToString("N") },
            r => Convert.ToInt32(r, CultureInfo.InvariantCulture) >= 0, cancel);

    public override IEnumerable<string> Statements => base.Statements.Concat(new[] { GetAppLock, ReleaseAppLock });
}
