using System.IO.Compression;
using System.Text;
using OfiSync.Core.Engine;

namespace OfiSync.Core.Store;

/// <summary>
/// The succeeded inserts and updates of a committed batch as one compressed value: per row the step from the previous
/// row's sequence number, the action, the key and the CRM id. A batch of 1,000 such rows costs a few kilobytes instead
/// of 1,000 history rows; the rows that failed, were skipped, deleted or flagged keep a history row each.
/// </summary>
internal static class CompactHistory
{
    private const byte Format = 1;

    /// <summary>Whether a row's result is kept in the compact form: it says nothing beyond its key, action and CRM id.</summary>
    public static bool Fits(RowResult r) =>
        r.Status == RowStatus.Succeeded && r.Action is RowAction.Insert or RowAction.Update && r.Error is null && r.Column is null;

    public static byte[] Pack(IReadOnlyList<(long Seq, RowResult Row)> rows, long firstSeq)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate, Encoding.UTF8))
        {
            writer.Write(Format);
            var previous = firstSeq;
            foreach (var (seq, row) in rows)
            {
                writer.Write7BitEncodedInt64(seq - previous);
                previous = seq;
                writer.Write((byte)row.Action);
                writer.Write(row.Key);
                writer.Write(row.TargetId is not null);
                if (row.TargetId is not null) writer.Write(row.TargetId);
            }
        }
        return buffer.ToArray();
    }

    public static IEnumerable<(long Seq, RowResult Row)> Unpack(byte[] packed, long firstSeq, int count, long runId, string line)
    {
        using var reader = new BinaryReader(new DeflateStream(new MemoryStream(packed), CompressionMode.Decompress), Encoding.UTF8);
        if (reader.ReadByte() != Format) throw new InvalidDataException(Messages.HistoryFormatUnknown(runId));
        var seq = firstSeq;
        for (var i = 0; i < count; i++)
        {
            seq += reader.Read7BitEncodedInt64();
            var action = (RowAction)reader.ReadByte();
            var key = reader.ReadString();
            var id = reader.ReadBoolean() ? reader.ReadString() : null;
            yield return (seq, new RowResult { RunId = runId, Line = line, Key = key, Action = action, Status = RowStatus.Succeeded, TargetId = id });
        }
    }
}
