using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace OfiSync.Bench;

/// <summary>
/// The baselines: what a hand-written program does with the same data, in the plainest fast way, and nothing more
/// (no state, no history, no per-row result, no type checks).
/// </summary>
internal static class RawPaths
{
    private static string SelectAll => $"SELECT {string.Join(", ", DataSet.Columns)} FROM {DataSet.Table}";

    private static SqliteConnection OpenSource(string file)
    {
        var c = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        c.Open();
        return c;
    }

    /// <summary>Raw floor, SQLite: a data reader over the source, one transaction and one prepared INSERT reused for every row.</summary>
    public static long FloorSqlite(string source, string targetConnection, string table)
    {
        using var src = OpenSource(source);
        using var dst = new SqliteConnection(targetConnection);
        dst.Open();
        using var tx = dst.BeginTransaction();
        using var insert = dst.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", DataSet.Columns)}) VALUES ({string.Join(", ", DataSet.Columns.Select((_, i) => "@p" + i))})";
        var parameters = DataSet.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
        insert.Prepare();
        using var read = src.CreateCommand();
        read.CommandText = SelectAll;
        using var reader = read.ExecuteReader();
        long n = 0;
        while (reader.Read())
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = reader.GetValue(i);
            insert.ExecuteNonQuery();
            n++;
        }
        tx.Commit();
        return n;
    }

    /// <summary>Raw floor, PostgreSQL: a data reader over the source and one binary COPY, values read with the reader's typed getters.</summary>
    public static long FloorPostgres(string source, string targetConnection, string table)
    {
        using var src = OpenSource(source);
        using var dst = new NpgsqlConnection(targetConnection);
        dst.Open();
        using var read = src.CreateCommand();
        read.CommandText = SelectAll;
        using var reader = read.ExecuteReader();
        using var copy = dst.BeginBinaryImport($"COPY {table} ({string.Join(", ", DataSet.Columns)}) FROM STDIN (FORMAT BINARY)");
        long n = 0;
        while (reader.Read())
        {
            copy.StartRow();
            for (var i = 0; i < 7; i++)
            {
                if (reader.IsDBNull(i)) copy.WriteNull();
                else copy.Write(reader.GetString(i), NpgsqlDbType.Varchar);
            }
            if (reader.IsDBNull(7)) copy.WriteNull(); else copy.Write(DateOnly.FromDateTime(reader.GetDateTime(7)), NpgsqlDbType.Date);
            if (reader.IsDBNull(8)) copy.WriteNull(); else copy.Write(reader.GetDateTime(8), NpgsqlDbType.Timestamp);
            if (reader.IsDBNull(9)) copy.WriteNull(); else copy.Write(reader.GetDecimal(9), NpgsqlDbType.Numeric);
            copy.Write(reader.GetInt32(10), NpgsqlDbType.Integer);
            n++;
        }
        copy.Complete();
        return n;
    }

    /// <summary>
    /// Raw scan: a data reader over the source and a 128-bit hash of every row (XxHash128 over type-tagged bytes):
    /// what any change detection must at least do.
    /// </summary>
    public static (long Rows, UInt128 Check) Scan(string source)
    {
        using var src = OpenSource(source);
        using var read = src.CreateCommand();
        read.CommandText = SelectAll;
        using var reader = read.ExecuteReader();
        var hash = new XxHash128();
        var buffer = new byte[1024];
        UInt128 check = 0;
        long n = 0;
        while (reader.Read())
        {
            hash.Reset();
            var at = 0;
            for (var i = 0; i < DataSet.Columns.Length; i++)
            {
                if (buffer.Length - at < 1024) Array.Resize(ref buffer, buffer.Length * 2);
                if (reader.IsDBNull(i)) { buffer[at++] = 0; continue; }
                var value = reader.GetValue(i);
                switch (value)
                {
                    case string s:
                        buffer[at] = 1;
                        var len = Encoding.UTF8.GetBytes(s, 0, s.Length, buffer, at + 5);
                        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 1), len);
                        at += len + 5;
                        break;
                    case long l:
                        buffer[at] = 2; BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at + 1), l); at += 9; break;
                    case double d:
                        buffer[at] = 3; BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(at + 1), d); at += 9; break;
                    default:
                        var bytes = (byte[])value;
                        buffer[at] = 4; BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 1), bytes.Length);
                        bytes.CopyTo(buffer, at + 5); at += bytes.Length + 5; break;
                }
            }
            hash.Append(buffer.AsSpan(0, at));
            check ^= hash.GetCurrentHashAsUInt128();
            n++;
        }
        return (n, check);
    }
}
