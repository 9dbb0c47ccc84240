using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Tests.Ingest;

/// <summary>A hand-written fake of our own store port with the same write rules, for coordinator tests only.</summary>
internal sealed class InMemoryUtxoStore : IUtxoGraphStore
{
    public SortedDictionary<long, UtxoBlock> Blocks { get; } = [];

    public int WriteCalls { get; private set; }

    public Task<BlockRef?> GetTipAsync(Chain chain, CancellationToken cancellationToken) =>
        Task.FromResult(Blocks.Count == 0 ? null : new BlockRef(Blocks.Keys.Last(), Blocks.Values.Last().Header.Hash));

    public Task<Hash32?> GetBlockHashAsync(Chain chain, long height, CancellationToken cancellationToken) =>
        Task.FromResult(Blocks.TryGetValue(height, out var block) ? block.Header.Hash : (Hash32?)null);

    public Task<BlockRef?> GetHighestAtOrBelowAsync(Chain chain, long height, CancellationToken cancellationToken) =>
        Task.FromResult(Blocks.Where(b => b.Key <= height).Select(b => new BlockRef(b.Key, b.Value.Header.Hash)).LastOrDefault());

    public Task<IReadOnlyList<BlockHeader>> GetHeadersAboveAsync(Chain chain, long height, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BlockHeader>>(Blocks.Where(b => b.Key > height).Take(limit).Select(b => b.Value.Header).ToList());

    public Task RollbackToAsync(Chain chain, long height, CancellationToken cancellationToken)
    {
        foreach (var key in Blocks.Keys.Where(k => k > height).ToList())
        {
            Blocks.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<Network?> GetNetworkAsync(Chain chain, CancellationToken cancellationToken) => Task.FromResult<Network?>(Network.Regtest);

    public Task<WriteResult> WriteBlocksAsync(IReadOnlyList<UtxoBlock> blocks, CancellationToken cancellationToken)
    {
        WriteCalls++;
        int written = 0, skipped = 0;
        long txs = 0;
        foreach (var block in blocks)
        {
            var header = block.Header;
            if (Blocks.TryGetValue(header.Height, out var existing))
            {
                if (existing.Header.Hash != header.Hash)
                {
                    throw new IngestConflictException($"height {header.Height} holds another block");
                }

                skipped++;
                continue;
            }

            if (Blocks.TryGetValue(header.Height - 1, out var parent) && parent.Header.Hash != header.PreviousHash)
            {
                throw new IngestConflictException($"block {header.Height} does not extend the stored chain");
            }

            Blocks[header.Height] = block;
            written++;
            txs += block.Transactions.Count;
        }

        return Task.FromResult(new WriteResult(written, skipped, txs, 0));
    }

    public int LookupCalls { get; private set; }

    /// <summary>Outputs of the stored blocks, newest copy first (what a store's lookup answers).</summary>
    public Task<IReadOnlyDictionary<OutPoint, SpentOutput>> FindSpentOutputsAsync(IReadOnlyCollection<OutPoint> prevOuts, CancellationToken cancellationToken)
    {
        LookupCalls++;
        var found = new Dictionary<OutPoint, SpentOutput>();
        foreach (var prevOut in prevOuts)
        {
            var output = Blocks.Values.Reverse().SelectMany(b => b.Transactions).Where(t => t.TxId == prevOut.TxId)
                .SelectMany(t => t.Outputs).FirstOrDefault(o => o.Index == prevOut.Index);
            if (output is not null)
            {
                found[prevOut] = new SpentOutput(output.Value, output.Kind, output.AddressKey);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<OutPoint, SpentOutput>>(found);
    }

    public Task<UtxoTransactionView?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AddressSummary?> GetAddressSummaryAsync(BtcAddress address, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<NeighbourPage> GetNeighboursAsync(BtcAddress address, FlowDirection direction, int limit, NeighbourCursor? after, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
