using System.Buffers.Binary;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>The records of a Bitcoin Core <c>blk*.dat</c> file (magic, little-endian size, block), to grow a blocks directory record by record.</summary>
internal static class BlkRecords
{
    public static List<byte[]> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<byte[]>();
        var offset = 0;
        while (offset + 8 <= bytes.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4, 4));
            if (size == 0)
            {
                break;
            }

            records.Add(bytes[offset..(offset + 8 + size)]);
            offset += 8 + size;
        }

        return records;
    }

    public static void Append(string path, IEnumerable<byte[]> records)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write);
        foreach (var record in records)
        {
            file.Write(record);
        }
    }
}
