using System.Security.Cryptography;
using System.Text;
using ChainTrace.Core.Addresses;
using ChainTrace.Simulator.Bitcoin;
using ChainTrace.Simulator.Hashing;
using NBitcoin.Crypto;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Simulator.Tests;

/// <summary>The simulator's own hashing and address encoding must agree with NBitcoin and Core byte for byte.</summary>
public sealed class HashingTests
{
    [Fact]
    public void Hash160_EqualsNBitcoin_ForEveryLengthAcrossBlockBoundaries()
    {
        var random = new Random(11);
        for (var length = 0; length < 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Hashes.Hash160(data, data.Length).ToBytes(), BitcoinHashes.Hash160(data));
        }
    }

    [Fact]
    public void Sha256_EqualsDotNet_ForEveryLengthAndSplit_NativeAndFallback()
    {
        // On this Linux machine the native libcrypto path must be the one in use; the fallback is what other
        // platforms get. Both are checked against the framework's SHA-256 across block boundaries and splits.
        Assert.True(NativeSha256.IsAvailable || !OperatingSystem.IsLinux(), "libcrypto's SHA256_* exports were not found");
        var random = new Random(3);
        var digest = new byte[32];
        for (var length = 0; length < 300; length += 7)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var expected = SHA256.HashData(SHA256.HashData(data));
            var cut1 = length / 3;
            var cut2 = length - (length / 5);
            BitcoinHashes.DoubleSha256(data.AsSpan(0, cut1), data.AsSpan(cut1, cut2 - cut1), data.AsSpan(cut2), digest);
            Assert.Equal(expected, digest);
            BitcoinHashes.DoubleSha256(data, digest);
            Assert.Equal(expected, digest);
        }
    }

    [Fact]
    public void LegacyAddressEncoder_EqualsCore_ForP2pkhAndP2shPrograms()
    {
        var random = new Random(5);
        var hash = new byte[20];
        for (var i = 0; i < 500; i++)
        {
            random.NextBytes(hash);
            if (i % 50 == 0)
            {
                hash.AsSpan(0, i % 7).Clear();
            }

            Assert.Equal(
                BtcAddress.FromProgram(CoreNetwork.Regtest, BtcAddressType.P2PKH, hash).ToString(),
                LegacyAddressEncoder.Encode(LegacyAddressEncoder.RegtestPubKeyHash, hash));
            Assert.Equal(
                BtcAddress.FromProgram(CoreNetwork.Regtest, BtcAddressType.P2SH, hash).ToString(),
                LegacyAddressEncoder.Encode(LegacyAddressEncoder.RegtestScriptHash, hash));
        }
    }

    [Fact]
    public void MerkleRoot_EqualsNBitcoin_ForOddAndEvenLeafCounts()
    {
        for (var count = 1; count <= 9; count++)
        {
            var leaves = Enumerable.Range(0, count).Select(i => new NBitcoin.uint256(SHA256.HashData(BitConverter.GetBytes(i)))).ToList();
            Assert.Equal(NBitcoin.MerkleNode.GetRoot(leaves).Hash, BlockAssembler.MerkleRoot(leaves.Select(TxHash.From).ToList()).ToUInt256());
        }
    }
}
