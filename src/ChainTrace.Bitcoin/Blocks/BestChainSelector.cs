using System.Numerics;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>
/// Orders indexed blocks into the best chain. Bitcoin Core writes blocks as they arrive, so files hold them
/// out of height order and keep stale branches; only the prev-hash links say which block comes next.
/// The root is the genesis block when present, else the first-seen block whose parent is absent; the best
/// chain is the one with the most accumulated work (from each header's nBits) from it, the first-seen tip
/// winning a tie (as a node keeps the branch it saw first). Any other block whose parent is in no file is a
/// break in the chain (a damaged header or prev-hash), returned so the caller can report it.
/// </summary>
internal static class BestChainSelector
{
    public static (IndexedBlock[] Chain, IReadOnlyList<IndexedBlock> Unconnected) Select(IReadOnlyList<IndexedBlock> blocks)
    {
        if (blocks.Count == 0)
        {
            return ([], []);
        }

        var byHash = new Dictionary<Hash32, int>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            byHash.TryAdd(blocks[i].Hash, i);
        }

        var children = new Dictionary<Hash32, List<int>>();
        var roots = new List<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (byHash[blocks[i].Hash] != i)
            {
                continue;
            }

            var parent = blocks[i].PreviousHash;
            if (byHash.ContainsKey(parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(i);
            }
            else
            {
                roots.Add(i);
            }
        }

        var genesis = roots.FindIndex(r => blocks[r].PreviousHash.IsZero);
        var root = roots[genesis >= 0 ? genesis : 0];
        var (bestTip, depthOf, parentOf) = Heaviest(blocks, children, root);

        var chain = new IndexedBlock[depthOf[bestTip] + 1];
        for (int at = bestTip, h = chain.Length - 1; at >= 0; at = parentOf[at], h--)
        {
            chain[h] = blocks[at];
        }

        return (chain, [.. roots.Where(r => r != root).Select(r => blocks[r])]);
    }

    private static (int Tip, int[] Depth, int[] Parent) Heaviest(IReadOnlyList<IndexedBlock> blocks, Dictionary<Hash32, List<int>> children, int root)
    {
        var workByBits = new Dictionary<uint, BigInteger>();
        var work = new BigInteger[blocks.Count];
        var depth = new int[blocks.Count];
        var parentOf = new int[blocks.Count];
        var bestTip = root;
        var stack = new Stack<int>();
        stack.Push(root);
        parentOf[root] = -1;
        work[root] = WorkOf(blocks[root].Bits);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (work[current] > work[bestTip] || (work[current] == work[bestTip] && current < bestTip))
            {
                bestTip = current;
            }

            if (children.TryGetValue(blocks[current].Hash, out var next))
            {
                foreach (var child in next)
                {
                    depth[child] = depth[current] + 1;
                    parentOf[child] = current;
                    work[child] = work[current] + WorkOf(blocks[child].Bits);
                    stack.Push(child);
                }
            }
        }

        return (bestTip, depth, parentOf);

        BigInteger WorkOf(uint bits)
        {
            if (!workByBits.TryGetValue(bits, out var w))
            {
                // A header with invalid bits adds nothing; reading it later reports it.
                workByBits[bits] = w = ChainWork.Of(bits);
            }

            return w;
        }
    }
}
