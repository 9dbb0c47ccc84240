using NBitcoin;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// Serialized size and BIP-141 virtual size computed from the parsed parts: re-serializing each
/// transaction through NBitcoin just to measure it would cost about as much as parsing it.
/// </summary>
internal static class TransactionSizes
{
    public static (int Size, int VSize) Compute(Transaction tx)
    {
        var (size, baseSize) = ComputeBase(tx);
        var weight = ((long)baseSize * 3) + size;
        return (size, (int)((weight + 3) / 4));
    }

    /// <summary>Serialized size with witnesses, and without them (BIP-141 base size; equal when there are none).</summary>
    public static (int Size, int BaseSize) ComputeBase(Transaction tx)
    {
        var inputs = tx.Inputs;
        var outputs = tx.Outputs;
        long baseSize = 4 + VarIntSize(inputs.Count) + VarIntSize(outputs.Count) + 4;
        long witnessSize = 0;
        var hasWitness = false;
        foreach (var input in inputs)
        {
            var scriptLength = input.ScriptSig.Length;
            baseSize += 36 + VarIntSize(scriptLength) + scriptLength + 4;
            var witness = input.WitScript;
            var items = witness.PushCount;
            witnessSize += VarIntSize(items);
            for (var i = 0; i < items; i++)
            {
                var itemLength = witness[i].Length;
                witnessSize += VarIntSize(itemLength) + itemLength;
            }

            hasWitness |= items > 0;
        }

        foreach (var output in outputs)
        {
            var scriptLength = output.ScriptPubKey.Length;
            baseSize += 8 + VarIntSize(scriptLength) + scriptLength;
        }

        return hasWitness ? ((int)(baseSize + 2 + witnessSize), (int)baseSize) : ((int)baseSize, (int)baseSize);
    }

    /// <summary>Bytes of Bitcoin's CompactSize encoding of <paramref name="value"/>.</summary>
    internal static int VarIntSize(long value) => value switch
    {
        < 0xfd => 1,
        <= 0xffff => 3,
        <= 0xffffffff => 5,
        _ => 9,
    };
}
