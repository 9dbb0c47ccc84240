using System.Security.Cryptography;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Tests.Ingest;

/// <summary>Builds chains of minimal blocks for coordinator tests; a branch tag makes competing blocks differ.</summary>
internal static class FakeChain
{
    /// <param name="bits">The nBits of the blocks built (null: unknown, branches are then weighed by length).</param>
    public static List<UtxoBlock> Build(int count, string branch = "a", IReadOnlyList<UtxoBlock>? prefix = null, uint? bits = null)
    {
        var blocks = new List<UtxoBlock>(prefix ?? []);
        for (var height = blocks.Count; height < count; height++)
        {
            var previous = height == 0 ? Hash32.Zero : blocks[height - 1].Header.Hash;
            var hash = new Hash32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{branch}/{height}/{previous}")));
            var tx = new UtxoTransaction(hash, 0, true, 100, 100, [], [new UtxoOutput(0, 50, OutputKind.NonStandard, null)]);
            blocks.Add(new UtxoBlock(new BlockHeader(Chain.Btc, height, hash, previous, DateTimeOffset.UnixEpoch.AddMinutes(height), bits), Network.Regtest, [tx]));
        }

        return blocks;
    }
}
