using System.Data.Common;
using System.Globalization;
using Dapper;

namespace OfiSync.Core.Store;

/// <summary>What Get-SyncStore shows: the store's place, schema, retention, counts and, where cheap, its size.</summary>
public sealed partial class SyncStore
{
    public StoreSummary GetSummary()
    {
        var retention = GetRetention();
        return Read(c =>
        {
            long Count(string sql) => Convert.ToInt64(c.ExecuteScalar<object>(sql), CultureInfo.InvariantCulture);
            return new StoreSummary
            {
                Location = Location.ToString(), Provider = Provider.Name, SchemaVersion = ReadVersion(c),
                HistoryDays = retention.Days, HistoryRuns = retention.Runs,
                Lines = Count("SELECT COUNT(*) FROM ofisync_line"), Connections = Count("SELECT COUNT(*) FROM ofisync_connection"),
                Runs = Count("SELECT COUNT(*) FROM ofisync_run"),
                HistoryRows = Count("SELECT COUNT(*) FROM ofisync_run_row") + Count($"SELECT COALESCE({Dialect.SumOfRowCounts}, 0) FROM ofisync_run_batch"),
                StateRows = Count("SELECT COUNT(*) FROM ofisync_state"),
                OldestRun = AsUtc(c.ExecuteScalar<object?>("SELECT MIN(started) FROM ofisync_run")),
                SizeBytes = Size(c),
            };
        });
    }

    /// <summary>The store's size where the database tells it; null when it does not, or this account may not ask.</summary>
    private long? Size(DbConnection c)
    {
        if (Dialect.StoreSize is not { } sql) return null;
        try { return c.ExecuteScalar<object?>(sql) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null; }
        catch (DbException) { return null; }
    }
}
