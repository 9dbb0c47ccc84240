using System.Security.Cryptography;
using System.Text;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Storage.Sqlite.Tests;

/// <summary>Hand-built blocks with deterministic hashes derived from readable names.</summary>
internal static class TestBlocks
{
    public static readonly DateTimeOffset Genesis = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Hash32 Hash(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static BtcAddress P2pkh(string name) =>
        BtcAddress.FromProgram(Network.Main, BtcAddressType.P2PKH, SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 20));

    public static BtcAddress P2wpkh(string name) =>
        BtcAddress.FromProgram(Network.Main, BtcAddressType.P2WPKH, SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 20));

    public static DateTimeOffset TimeOf(long height) => Genesis.AddMinutes(10 * height);

    public static UtxoOutput Pay(int index, BtcAddress to, long value) =>
        new(index, value, to.Type == BtcAddressType.P2PKH ? OutputKind.P2PKH : OutputKind.P2WPKH, to.KeyToArray());

    public static UtxoOutput NoAddress(int index, OutputKind kind, long value) => new(index, value, kind, null);

    /// <summary>An input as a raw-block source gives it: prevout only, nothing known about the spent output.</summary>
    public static UtxoInput Spend(int index, Hash32 txId, uint vout) =>
        new() { Index = index, PrevOut = new OutPoint(txId, vout), Source = PrevoutSource.None };

    /// <summary>An input whose address was derived from its script, value unknown.</summary>
    public static UtxoInput SpendFromScript(int index, Hash32 txId, uint vout, BtcAddress from) =>
        new() { Index = index, PrevOut = new OutPoint(txId, vout), AddressKey = from.KeyToArray(), Source = PrevoutSource.Script };

    public static UtxoTransaction Coinbase(string name, params UtxoOutput[] outputs) =>
        new(Hash(name), 0, true, 100 + (outputs.Length * 34), 100 + (outputs.Length * 34),
            [new UtxoInput { Index = 0, PrevOut = new OutPoint(Hash32.Zero, uint.MaxValue), Source = PrevoutSource.Coinbase }],
            outputs);

    public static UtxoTransaction Tx(string name, UtxoInput[] inputs, params UtxoOutput[] outputs) =>
        new(Hash(name), 0, false, 10 + (inputs.Length * 148) + (outputs.Length * 34), 10 + (inputs.Length * 100) + (outputs.Length * 31), inputs, outputs);

    /// <summary>A block at <paramref name="height"/> whose parent is the block named "block{height-1}" (or <paramref name="parent"/>).</summary>
    public static UtxoBlock Block(long height, params UtxoTransaction[] txs) => Block(height, $"block{height}", null, Network.Main, txs);

    public static UtxoBlock Block(long height, string name, Hash32? parent, Network network, params UtxoTransaction[] txs)
    {
        var positioned = txs.Select((tx, i) => tx with { Position = i }).ToList();
        var header = new BlockHeader(Chain.Btc, height, Hash(name), parent ?? (height == 0 ? Hash32.Zero : Hash($"block{height - 1}")), TimeOf(height));
        return new UtxoBlock(header, network, positioned);
    }

    /// <summary>A chain of blocks 0..<paramref name="tip"/>, each with one coinbase paying a per-height address.</summary>
    public static List<UtxoBlock> CoinbaseChain(long tip) =>
        Enumerable.Range(0, (int)tip + 1)
            .Select(h => Block(h, Coinbase($"cb{h}", Pay(0, P2pkh($"miner{h}"), 50_0000_0000))))
            .ToList();
}
