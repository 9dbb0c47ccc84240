using System.Runtime.CompilerServices;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Tests.Ingest;

/// <summary>A source over a list of blocks whose best chain can be swapped mid-read (a reorg at the node).</summary>
internal sealed class ListSource(List<UtxoBlock> blocks) : IUtxoBlockSource
{
    public List<UtxoBlock> Blocks { get; set; } = blocks;

    /// <summary>Called after the block at this height has been yielded, once.</summary>
    public (long Height, Action Action)? AfterYield { get; set; }

    public Exception? FailAt { get; set; }

    public long FailHeight { get; set; } = -1;

    public string Description => "list";

    public bool IsChain => true;

    /// <summary>Heights below this are not held (a source that starts above genesis).</summary>
    public long FirstHeight { get; set; }

    public Task<long> GetFirstHeightAsync(CancellationToken cancellationToken) => Task.FromResult(FirstHeight);

    public Task<long?> GetTipHeightAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(Blocks.Count == 0 ? null : Blocks.Count - 1);

    public Task<BlockHeader?> GetHeaderAsync(long height, CancellationToken cancellationToken) =>
        Task.FromResult(height >= FirstHeight && height < Blocks.Count ? Blocks[(int)height].Header : null);

    public Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken) =>
        Task.FromResult(height >= FirstHeight && height < Blocks.Count ? Blocks[(int)height].Header.Hash : (Hash32?)null);

    public async IAsyncEnumerable<UtxoBlock> ReadBlocksAsync(long fromHeight, long? toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var height = Math.Max(fromHeight, FirstHeight); height < Blocks.Count && (toHeight is null || height <= toHeight); height++)
        {
            await Task.Yield();
            if (height == FailHeight && FailAt is not null)
            {
                throw FailAt;
            }

            yield return Blocks[(int)height];
            if (AfterYield is { } hook && hook.Height == height)
            {
                AfterYield = null;
                hook.Action();
            }
        }
    }
}
