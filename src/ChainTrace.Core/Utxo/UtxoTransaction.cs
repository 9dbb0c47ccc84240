using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Utxo;

/// <param name="Position">Index of the transaction within its block.</param>
/// <param name="Size">Serialized size in bytes (with witness).</param>
/// <param name="VSize">Virtual size (BIP-141).</param>
public sealed record UtxoTransaction(
    Hash32 TxId,
    int Position,
    bool IsCoinbase,
    int Size,
    int VSize,
    IReadOnlyList<UtxoInput> Inputs,
    IReadOnlyList<UtxoOutput> Outputs)
{
    /// <summary>Fee in satoshis when every input value is known; null otherwise (and for coinbase).</summary>
    public long? Fee
    {
        get
        {
            if (IsCoinbase)
            {
                return null;
            }

            long sum = 0;
            foreach (var input in Inputs)
            {
                if (input.Value is not { } value)
                {
                    return null;
                }

                sum += value;
            }

            foreach (var output in Outputs)
            {
                sum -= output.Value;
            }

            return sum;
        }
    }
}
