using System.Buffers.Binary;
using System.Security.Cryptography;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>
/// Scans blk files frame by frame (magic, length, 80-byte header) without reading block bodies, checking the
/// framing as it goes so that a bad file is reported, with file and offset, before any block is yielded.
/// </summary>
internal static class BlockFileIndexer
{
    private const int FrameHeader = 8;
    private const int HeaderSize = 80;

    public static async Task<List<IndexedBlock>> IndexAsync(
        IReadOnlyList<(int Number, string Path)> files, XorKey? xor, CoreNetwork network, CancellationToken cancellationToken)
    {
        var blocks = new List<IndexedBlock>();
        var buffer = new byte[FrameHeader + HeaderSize];
        foreach (var (number, path) in files)
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.RandomAccess);
            var fileLength = RandomAccess.GetLength(handle);
            long offset = 0;
            while (offset < fileLength)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var want = (int)Math.Min(buffer.Length, fileLength - offset);
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, want), offset, cancellationToken).ConfigureAwait(false);
                var data = buffer.AsSpan(0, read);
                xor?.Apply(data, offset);
                if (IsPadding(data))
                {
                    // Bitcoin Core preallocates blk files in chunks; zeros after the last frame are unused space.
                    break;
                }

                var length = CheckFrame(data, path, offset, fileLength, network);
                var header = data.Slice(FrameHeader, HeaderSize);
                blocks.Add(new IndexedBlock(
                    HeaderHash(header),
                    ReversedHash(header.Slice(4, 32)),
                    number,
                    offset + FrameHeader,
                    length,
                    blocks.Count));
                offset += FrameHeader + length;
            }
        }

        return blocks;
    }

    internal static Hash32 HeaderHash(ReadOnlySpan<byte> header)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(header, hash);
        SHA256.HashData(hash, hash);
        hash.Reverse();
        return new Hash32(hash);
    }

    private static Hash32 ReversedHash(ReadOnlySpan<byte> serialized)
    {
        Span<byte> display = stackalloc byte[32];
        serialized.CopyTo(display);
        display.Reverse();
        return new Hash32(display);
    }

    private static bool IsPadding(ReadOnlySpan<byte> data) => !data[..Math.Min(4, data.Length)].ContainsAnyExcept((byte)0);

    private static int CheckFrame(ReadOnlySpan<byte> data, string path, long offset, long fileLength, CoreNetwork network)
    {
        if (data.Length < FrameHeader)
        {
            throw new MalformedDataException(Where(path, offset), $"truncated frame: {data.Length} bytes left, a frame header is 8");
        }

        var magicNetwork = NetworkMagic.NetworkOf(data[..4]);
        if (magicNetwork is null)
        {
            throw new MalformedDataException(Where(path, offset), $"unknown magic {Convert.ToHexStringLower(data[..4])}: not a block frame");
        }

        if (magicNetwork != network)
        {
            throw new MalformedDataException(Where(path, offset), $"block frame of network {magicNetwork.Value.ToString().ToLowerInvariant()}, expected {network.ToString().ToLowerInvariant()}");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[4..8]);
        var left = fileLength - offset - FrameHeader;
        if (length > left)
        {
            throw new MalformedDataException(Where(path, offset), $"block length {length} runs past the end of the file ({left} bytes left)");
        }

        if (length < HeaderSize + 1)
        {
            throw new MalformedDataException(Where(path, offset), $"block length {length} is too small for a block");
        }

        return (int)length;
    }

    internal static string Where(string path, long offset) => $"{path} at byte {offset}";
}
