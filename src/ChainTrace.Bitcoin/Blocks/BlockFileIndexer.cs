using System.Buffers.Binary;
using System.Security.Cryptography;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>
/// Scans blk files frame by frame (magic, length, 80-byte header) without reading block bodies, checking the
/// framing as it goes so that a bad file is reported, with file and offset, before any block is yielded. The
/// network is the one the first frame's magic names (every frame must agree, and an expected one must match).
/// </summary>
internal static class BlockFileIndexer
{
    private const int FrameHeader = 8;
    private const int HeaderSize = 80;

    /// <summary>Bitcoin Core's largest serialized block (4 MB weight limit), with room for test networks.</summary>
    internal const int MaxBlockLength = 4_000_000;

    public static async Task<(List<IndexedBlock> Blocks, CoreNetwork? Network)> IndexAsync(
        IReadOnlyList<(int Number, string Path)> files, XorKey? xor, CoreNetwork? expected, CancellationToken cancellationToken)
    {
        var blocks = new List<IndexedBlock>();
        CoreNetwork? network = null;
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
                    // Zeros followed by more data are a damaged region, not the end.
                    await EnsureZerosToEndAsync(handle, xor, path, offset, fileLength, cancellationToken).ConfigureAwait(false);
                    break;
                }

                var frameNetwork = CheckFrame(data, path, offset, fileLength, expected ?? network, expected is not null, out var length);
                network ??= frameNetwork;
                var header = data.Slice(FrameHeader, HeaderSize);
                blocks.Add(new IndexedBlock(
                    HeaderHash(header),
                    ReversedHash(header.Slice(4, 32)),
                    number,
                    offset + FrameHeader,
                    length,
                    blocks.Count,
                    BinaryPrimitives.ReadUInt32LittleEndian(header[68..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(header[72..])));
                offset += FrameHeader + length;
            }
        }

        return (blocks, expected ?? network);
    }

    private static async Task EnsureZerosToEndAsync(
        Microsoft.Win32.SafeHandles.SafeFileHandle handle, XorKey? xor, string path, long from, long fileLength, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        for (var at = from; at < fileLength;)
        {
            var read = await RandomAccess.ReadAsync(handle, chunk.AsMemory(0, (int)Math.Min(chunk.Length, fileLength - at)), at, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            var data = chunk.AsSpan(0, read);
            xor?.Apply(data, at);
            var nonZero = data.IndexOfAnyExcept((byte)0);
            if (nonZero >= 0)
            {
                throw new MalformedDataException(
                    Where(path, from),
                    $"a zeroed region ({at + nonZero - from} bytes) where a block frame should start, followed by data at byte {at + nonZero}: the file is damaged from here on");
            }

            at += read;
        }
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

    private static CoreNetwork CheckFrame(ReadOnlySpan<byte> data, string path, long offset, long fileLength, CoreNetwork? network, bool explicitNetwork, out int frameLength)
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

        if (network is { } wanted && magicNetwork != wanted)
        {
            throw new MalformedDataException(
                Where(path, offset),
                $"block frame of network {magicNetwork.Value.ToCode()}, but {(explicitNetwork ? $"--network {wanted.ToCode()} was given" : $"the earlier frames are {wanted.ToCode()}")}");
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

        if (length > MaxBlockLength)
        {
            throw new MalformedDataException(Where(path, offset), $"block length {length} is more than a block can be ({MaxBlockLength} bytes)");
        }

        frameLength = (int)length;
        return magicNetwork.Value;
    }

    internal static string Where(string path, long offset) => $"{path} at byte {offset}";
}
