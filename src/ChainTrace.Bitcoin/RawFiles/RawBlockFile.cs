using System.Buffers.Binary;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.RawFiles;

/// <summary>Unwraps one block file: hex or binary, with or without a blk frame.</summary>
internal static class RawBlockFile
{
    /// <summary>
    /// The block's bytes, the file offset they start at (8 when framed), for error locations, and the network of
    /// the frame's magic (null for a bare block, which does not say).
    /// </summary>
    public static async Task<(byte[] Block, int Offset, CoreNetwork? Network)> LoadAsync(string path, CoreNetwork? network, CancellationToken cancellationToken)
    {
        var bytes = await RawFileContent.LoadAsync(path, "raw block file", cancellationToken).ConfigureAwait(false);
        if (bytes.Length < 8)
        {
            throw new MalformedDataException($"{path} at byte 0", $"{bytes.Length} bytes is too short for a block");
        }

        var magicNetwork = NetworkMagic.NetworkOf(bytes.AsSpan(0, 4));
        if (magicNetwork is null)
        {
            return (bytes, 0, null);
        }

        if (network is { } given && magicNetwork != given)
        {
            throw new MalformedDataException($"{path} at byte 0", $"block frame of network {magicNetwork.Value.ToCode()}, but --network {given.ToCode()} was given");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4, 4));
        if (length > bytes.Length - 8)
        {
            throw new MalformedDataException($"{path} at byte 0", $"block length {length} runs past the end of the file ({bytes.Length - 8} bytes left)");
        }

        if (bytes.AsSpan(8 + (int)length).ContainsAnyExcept((byte)0))
        {
            throw new MalformedDataException($"{path} at byte {8 + length}", "data after the block: a block file holds one block");
        }

        return (bytes[8..(8 + (int)length)], 8, magicNetwork);
    }
}
