using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace OfiSync.Core.Engine;

/// <summary>
/// A 128-bit hash of a row's mapped values, over a canonical, type-tagged encoding: the same values give the same
/// hash whichever database they were read from, and a value never collides with a value of another type.
/// </summary>
public sealed class RowHasher
{
    private readonly XxHash128 _hash = new();
    private byte[] _buffer = new byte[256];

    public byte[] Hash(ReadOnlySpan<object?> values)
    {
        _hash.Reset();
        Span<byte> small = stackalloc byte[17];
        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null: small[0] = 0; _hash.Append(small[..1]); break;
                case string s: AppendText(1, s); break;
                case long or int or short or byte or sbyte or ushort or uint:
                    small[0] = 2; BinaryPrimitives.WriteInt64LittleEndian(small[1..], Convert.ToInt64(values[i], CultureInfo.InvariantCulture)); _hash.Append(small[..9]); break;
                case bool b: small[0] = 5; small[1] = b ? (byte)1 : (byte)0; _hash.Append(small[..2]); break;
                case DateTime d: small[0] = 6; BinaryPrimitives.WriteInt64LittleEndian(small[1..], d.Ticks); _hash.Append(small[..9]); break;
                case byte[] bytes:
                    small[0] = 7; BinaryPrimitives.WriteInt32LittleEndian(small[1..], bytes.Length); _hash.Append(small[..5]); _hash.Append(bytes); break;
                default:
                    // Decimals, doubles, dates with offsets, GUIDs...: their invariant text, so 1.50 and 1.5 hash alike.
                    AppendText(3, RowKey.Text(values[i])); break;
            }
        }
        return _hash.GetCurrentHash();
    }

    private void AppendText(byte tag, string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length) + 5;
        if (_buffer.Length < max) _buffer = new byte[Math.Max(max, _buffer.Length * 2)];
        _buffer[0] = tag;
        var n = Encoding.UTF8.GetBytes(s, 0, s.Length, _buffer, 5);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(1), n);
        _hash.Append(_buffer.AsSpan(0, n + 5));
    }
}
