using System.Buffers.Binary;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.RawFiles;

/// <summary>Unwraps one block file: hex or binary, with or without a blk frame.</summary>
internal static class RawBlockFile
{
    /// <summary>The block's bytes and the file offset they start at (8 when framed), for error locations.</summary>
    public static async Task<(byte[] Block, int Offset)> LoadAsync(string path, CoreNetwork network, CancellationToken cancellationToken)
    {
        var bytes = await RawFileContent.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        if (bytes.Length < 8)
        {
            throw new MalformedDataException($"{path} at byte 0", $"{bytes.Length} bytes is too short for a block");
        }

        var magicNetwork = NetworkMagic.NetworkOf(bytes.AsSpan(0, 4));
        if (magicNetwork is null)
        {
            return (bytes, 0);
        }

        if (magicNetwork != network)
        {
            throw new MalformedDataException($"{path} at byte 0", $"block frame of network {magicNetwork.Value.ToString().ToLowerInvariant()}, expected {network.ToString().ToLowerInvariant()}");
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

        return (bytes[8..(8 + (int)length)], 8);
    }
}
