using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Benchmarks.Store;

/// <summary>
/// Deterministic synthetic Bitcoin-like blocks: 2–3 inputs per transaction, mostly spending outputs of earlier
/// transactions (so the store must resolve them), some spending prevouts it has never seen (as in sampled
/// mainnet data), 2–3 P2PKH/P2WPKH outputs with some address reuse.
/// </summary>
internal sealed class SyntheticUtxoChain(int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<OutPoint> _unspent = [];
    private readonly List<byte[]> _addresses = [];
    private Hash32 _tip = Hash32.Zero;
    private long _height;

    public long Inputs { get; private set; }

    public long Outputs { get; private set; }

    public UtxoBlock NextBlock(int transactions, double unknownPrevoutShare)
    {
        var txs = new List<UtxoTransaction>(transactions) { Coinbase() };
        for (var position = 1; position < transactions; position++)
        {
            txs.Add(Spend(position, unknownPrevoutShare));
        }

        var hash = RandomHash();
        var header = new BlockHeader(Chain.Btc, _height, hash, _tip, DateTimeOffset.FromUnixTimeSeconds(1_600_000_000 + (_height * 600)));
        _tip = hash;
        _height++;
        return new UtxoBlock(header, Network.Main, txs);
    }

    private UtxoTransaction Coinbase()
    {
        var input = new UtxoInput { Index = 0, PrevOut = new OutPoint(Hash32.Zero, uint.MaxValue), Source = PrevoutSource.Coinbase };
        Inputs++;
        return Transaction(0, true, [input]);
    }

    private UtxoTransaction Spend(int position, double unknownPrevoutShare)
    {
        var count = _random.Next(2, 4);
        var inputs = new List<UtxoInput>(count);
        for (var i = 0; i < count; i++)
        {
            OutPoint prevOut;
            byte[]? scriptAddress = null;
            var source = PrevoutSource.None;
            if (_unspent.Count == 0 || _random.NextDouble() < unknownPrevoutShare)
            {
                prevOut = new OutPoint(RandomHash(), (uint)_random.Next(0, 3));
                scriptAddress = AddressKey();
                source = PrevoutSource.Script;
            }
            else
            {
                var pick = _random.Next(_unspent.Count);
                prevOut = _unspent[pick];
                _unspent[pick] = _unspent[^1];
                _unspent.RemoveAt(_unspent.Count - 1);
            }

            inputs.Add(new UtxoInput { Index = i, PrevOut = prevOut, AddressKey = scriptAddress, Source = source });
        }

        Inputs += count;
        return Transaction(position, false, inputs);
    }

    private UtxoTransaction Transaction(int position, bool coinbase, List<UtxoInput> inputs)
    {
        var txid = RandomHash();
        var count = _random.Next(2, 4);
        var outputs = new List<UtxoOutput>(count);
        for (var o = 0; o < count; o++)
        {
            var kind = _random.Next(2) == 0 ? OutputKind.P2PKH : OutputKind.P2WPKH;
            outputs.Add(new UtxoOutput(o, _random.NextInt64(546, 50_000_000), kind, AddressKey(kind)));
            _unspent.Add(new OutPoint(txid, (uint)o));
        }

        Outputs += count;
        return new UtxoTransaction(txid, position, coinbase, 225 + (inputs.Count * 68), 141 + (inputs.Count * 68), inputs, outputs);
    }

    private byte[] AddressKey(OutputKind kind = OutputKind.P2PKH)
    {
        if (_addresses.Count > 1000 && _random.Next(10) == 0)
        {
            return _addresses[_random.Next(_addresses.Count)];
        }

        Span<byte> program = stackalloc byte[20];
        _random.NextBytes(program);
        var key = BtcAddressKey.Build(kind == OutputKind.P2PKH ? BtcAddressType.P2PKH : BtcAddressType.P2WPKH, 0, program);
        if (_addresses.Count < 100_000)
        {
            _addresses.Add(key);
        }

        return key;
    }

    private Hash32 RandomHash()
    {
        Span<byte> bytes = stackalloc byte[32];
        _random.NextBytes(bytes);
        return new Hash32(bytes);
    }
}
