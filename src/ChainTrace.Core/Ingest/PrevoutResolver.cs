using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ingest;

/// <summary>
/// The prevout resolution stage between a source and a store (DESIGN.md "Ingest semantics"): an input the source
/// left without value takes the spent output's value, kind and address from an earlier transaction of the same
/// batch, from the outputs this stage saw written (<see cref="Remember"/>), or from the store through
/// <see cref="IPrevoutLookup"/>, asked once per batch for all the rest. Inputs the source resolved, coinbase
/// inputs and prevouts nobody holds are passed on as they are. Produces new blocks; never changes what it is given.
/// </summary>
public sealed class PrevoutResolver(IPrevoutLookup lookup, int cacheGeneration = 100_000)
{
    private readonly RecentOutputCache _recent = new(cacheGeneration);

    public async Task<PrevoutResolution> ResolveAsync(IReadOnlyList<UtxoBlock> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var missing = Missing(blocks);
        var stored = missing.Count == 0
            ? new Dictionary<OutPoint, SpentOutput>()
            : await lookup.FindSpentOutputsAsync(missing, cancellationToken).ConfigureAwait(false);

        var staged = new Dictionary<Hash32, SpentOutput[]>();
        var result = new UtxoBlock[blocks.Count];
        long resolved = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            UtxoTransaction[]? changed = null;
            for (var t = 0; t < block.Transactions.Count; t++)
            {
                var tx = block.Transactions[t];
                UtxoInput[]? inputs = null;
                for (var i = 0; i < tx.Inputs.Count; i++)
                {
                    var input = tx.Inputs[i];
                    if (NeedsValue(tx, input) && (Staged(staged, input.PrevOut) ?? Recent(input.PrevOut) ?? Stored(stored, input.PrevOut)) is { } spent)
                    {
                        inputs ??= [.. tx.Inputs];
                        inputs[i] = input.Resolved(spent, PrevoutSource.Store);
                        resolved++;
                    }
                }

                staged[tx.TxId] = Outputs(tx);
                if (inputs is not null)
                {
                    changed ??= [.. block.Transactions];
                    changed[t] = tx with { Inputs = inputs };
                }
            }

            result[b] = changed is null ? block : block with { Transactions = changed };
        }

        return new PrevoutResolution(result, resolved);
    }

    /// <summary>Keeps the outputs of blocks the store has written, for the spends of the next batches.</summary>
    public void Remember(IReadOnlyList<UtxoBlock> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        foreach (var block in written)
        {
            foreach (var tx in block.Transactions)
            {
                _recent.Add(tx.TxId, Outputs(tx));
            }
        }
    }

    /// <summary>Drops the remembered outputs (the store was rolled back).</summary>
    public void Forget() => _recent.Clear();

    private List<OutPoint> Missing(IReadOnlyList<UtxoBlock> blocks)
    {
        var inBatch = new HashSet<Hash32>();
        var missing = new List<OutPoint>();
        foreach (var block in blocks)
        {
            foreach (var tx in block.Transactions)
            {
                foreach (var input in tx.Inputs)
                {
                    if (NeedsValue(tx, input) && !inBatch.Contains(input.PrevOut.TxId) && !_recent.TryGet(input.PrevOut.TxId, out _))
                    {
                        missing.Add(input.PrevOut);
                    }
                }

                inBatch.Add(tx.TxId);
            }
        }

        return missing;
    }

    private static bool NeedsValue(UtxoTransaction tx, UtxoInput input) =>
        !tx.IsCoinbase && input.Source != PrevoutSource.Coinbase && input.Value is null;

    private static SpentOutput? Staged(Dictionary<Hash32, SpentOutput[]> staged, OutPoint prevOut) =>
        staged.TryGetValue(prevOut.TxId, out var outputs) ? At(outputs, prevOut.Index) : null;

    private SpentOutput? Recent(OutPoint prevOut) =>
        _recent.TryGet(prevOut.TxId, out var outputs) ? At(outputs, prevOut.Index) : null;

    private static SpentOutput? Stored(IReadOnlyDictionary<OutPoint, SpentOutput> stored, OutPoint prevOut) =>
        stored.TryGetValue(prevOut, out var spent) ? spent : null;

    private static SpentOutput? At(SpentOutput[] outputs, uint index) => index < (uint)outputs.Length ? outputs[index] : null;

    private static SpentOutput[] Outputs(UtxoTransaction tx)
    {
        // By position, not by the output's own index: a block where they differ is malformed, and the store refuses it.
        var outputs = new SpentOutput[tx.Outputs.Count];
        for (var o = 0; o < outputs.Length; o++)
        {
            var output = tx.Outputs[o];
            outputs[o] = new SpentOutput(output.Value, output.Kind, output.AddressKey);
        }

        return outputs;
    }
}
