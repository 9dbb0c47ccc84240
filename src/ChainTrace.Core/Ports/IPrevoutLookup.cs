using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ports;

/// <summary>
/// Finds stored outputs by outpoint: the port the prevout resolution stage (<see cref="Ingest.PrevoutResolver"/>)
/// reads, so that resolution happens once, before any store adapter writes. An adapter answers from its own data
/// with whatever index or filter it keeps; an outpoint it does not hold is simply left out of the answer.
/// </summary>
public interface IPrevoutLookup
{
    /// <summary>The stored outputs among <paramref name="prevOuts"/> (a BIP-30 duplicate answers with its newest copy that has the index).</summary>
    Task<IReadOnlyDictionary<OutPoint, SpentOutput>> FindSpentOutputsAsync(IReadOnlyCollection<OutPoint> prevOuts, CancellationToken cancellationToken);
}
