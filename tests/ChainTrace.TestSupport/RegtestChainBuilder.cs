using NBitcoin;

namespace ChainTrace.TestSupport;

/// <summary>
/// Builds valid-shape regtest chains with NBitcoin (real scripts, correct merkle roots, chained headers, regtest
/// proof of work) for reorg and crash tests. Each transaction spends outputs of earlier transactions so
/// prevout resolution from the store is exercised.
/// </summary>
public sealed class RegtestChainBuilder
{
    private static readonly NBitcoin.Network Regtest = NBitcoin.Network.RegTest;
    private readonly Random _random;
    private readonly List<Key> _keys;
    private readonly Dictionary<Script, (Key Key, bool Segwit)> _keyByScript;
    private readonly Queue<(OutPoint OutPoint, Money Value, Key Key, bool Segwit)> _spendable = new();

    public RegtestChainBuilder(int seed, int keyCount = 50)
    {
        _random = new Random(seed);
        _keys = Enumerable.Range(0, keyCount).Select(_ => new Key(RandomBytes(32))).ToList();
        _keyByScript = _keys.Select(k => (Script: k.PubKey.GetScriptPubKey(ScriptPubKeyType.Segwit), Entry: (k, true)))
            .Concat(_keys.Select(k => (Script: k.PubKey.GetScriptPubKey(ScriptPubKeyType.Legacy), Entry: (k, false))))
            .ToDictionary(x => x.Script, x => x.Entry);
    }

    public static Block Genesis => Regtest.GetGenesis();

    /// <summary>Extends <paramref name="parent"/> by <paramref name="count"/> blocks of about <paramref name="txPerBlock"/> transactions.</summary>
    public List<Block> Extend(Block parent, int startHeight, int count, int txPerBlock, string tag = "")
    {
        var blocks = new List<Block>(count);
        var previous = parent;
        for (var i = 0; i < count; i++)
        {
            var height = startHeight + i;
            var block = Regtest.Consensus.ConsensusFactory.CreateBlock();
            block.Header.HashPrevBlock = previous.GetHash();
            block.Header.BlockTime = previous.Header.BlockTime.AddMinutes(10);
            block.Header.Bits = previous.Header.Bits;
            block.Header.Version = 0x20000000;
            block.Transactions.Add(Coinbase(height, tag));
            for (var t = 0; t < txPerBlock && _spendable.Count >= 2; t++)
            {
                block.Transactions.Add(Payment());
            }

            WitnessCommitments.Apply(block);
            ProofOfWork.Mine(block);
            foreach (var tx in block.Transactions)
            {
                Track(tx);
            }

            blocks.Add(block);
            previous = block;
        }

        return blocks;
    }

    /// <summary>Writes blocks in Bitcoin Core framing (regtest magic + length + block) as blk00000.dat….</summary>
    public static void WriteBlocksDir(string directory, IEnumerable<Block> blocks, int blocksPerFile = 1000)
    {
        Directory.CreateDirectory(directory);
        var magic = new byte[] { 0xfa, 0xbf, 0xb5, 0xda };
        var file = 0;
        var inFile = 0;
        FileStream? stream = null;
        try
        {
            foreach (var block in blocks)
            {
                if (stream is null || inFile == blocksPerFile)
                {
                    stream?.Dispose();
                    stream = File.Create(Path.Combine(directory, $"blk{file++:D5}.dat"));
                    inFile = 0;
                }

                var bytes = block.ToBytes();
                stream.Write(magic);
                stream.Write(BitConverter.GetBytes((uint)bytes.Length));
                stream.Write(bytes);
                inFile++;
            }
        }
        finally
        {
            stream?.Dispose();
        }
    }

    private Transaction Coinbase(int height, string tag)
    {
        var tx = Regtest.CreateTransaction();
        var script = new Script(Op.GetPushOp(height), Op.GetPushOp(System.Text.Encoding.ASCII.GetBytes("ct" + tag)));
        tx.Inputs.Add(new TxIn(script));
        tx.Outputs.Add(Money.Coins(50), PickKey().PubKey.GetScriptPubKey(ScriptPubKeyType.Segwit));
        return tx;
    }

    private Transaction Payment()
    {
        var tx = Regtest.CreateTransaction();
        Money total = Money.Zero;
        for (var i = 0; i < 2; i++)
        {
            var (outPoint, value, key, segwit) = _spendable.Dequeue();
            total += value;
            // Unsigned but well-formed: a dummy signature plus the real public key keeps the input address derivable.
            var pushes = new[] { Op.GetPushOp(new byte[71]), Op.GetPushOp(key.PubKey.ToBytes()) };
            tx.Inputs.Add(segwit ? new TxIn(outPoint) { WitScript = new WitScript(pushes) } : new TxIn(outPoint, new Script(pushes)));
        }

        var fee = Money.Satoshis(1000);
        var first = Money.Satoshis((total.Satoshi - fee.Satoshi) / 3);
        tx.Outputs.Add(first, PickKey().PubKey.GetScriptPubKey(ScriptPubKeyType.Legacy));
        tx.Outputs.Add(total - fee - first, PickKey().PubKey.GetScriptPubKey(ScriptPubKeyType.Segwit));
        return tx;
    }

    private void Track(Transaction tx)
    {
        var txId = tx.GetHash();
        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            if (_keyByScript.TryGetValue(tx.Outputs[i].ScriptPubKey, out var owner))
            {
                _spendable.Enqueue((new OutPoint(txId, i), tx.Outputs[i].Value, owner.Key, owner.Segwit));
            }
        }
    }

    private Key PickKey() => _keys[_random.Next(_keys.Count)];

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
