using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace OfiSync.Core.Store;

/// <summary>
/// A change-column line's high-water mark: the highest change value of the rows its committed batches read, in its
/// invariant text, valid only for the change column and the line scope (<see cref="Scope"/>) it was taken under.
/// </summary>
public sealed record ChangeMark(string Column, string Scope, string Value);

/// <summary>High-water marks, and the keys a change-column run must read again whatever their change value.</summary>
public sealed partial class SyncStore
{
    public ChangeMark? GetChangeMark(Guid lineId) => Read(c =>
    {
        var text = c.QueryFirstOrDefault<string?>("SELECT change_mark FROM ofisync_line WHERE line_id = @id", new { id = Id(lineId) });
        return text is null ? null : JsonSerializer.Deserialize<ChangeMark>(text);
    });

    public void SetChangeMark(Guid lineId, ChangeMark? mark) => Run((c, t) => { SetChangeMark(c, t, lineId, mark); return 0; });

    internal void SetChangeMark(DbConnection c, DbTransaction? t, Guid lineId, ChangeMark? mark) =>
        c.Execute("UPDATE ofisync_line SET change_mark = @m WHERE line_id = @id",
            new { id = Id(lineId), m = mark is null ? null : JsonSerializer.Serialize(mark) }, t);

    /// <summary>
    /// Up to <paramref name="limit"/> keys whose last write did not succeed (failed, or pending when a run stopped
    /// between the CRM's commit and the store's): a change-column run reads them again by key.
    /// </summary>
    public IReadOnlyList<string> KeysToRetry(Guid lineId, int limit) => Read(c =>
        c.Query<string>("SELECT source_key FROM ofisync_state WHERE line_no = @line AND (status <> 0 OR row_hash IS NULL) ORDER BY source_key",
            new { line = LineNo(c, null, lineId) }, buffered: false).Take(limit).ToList());
}
