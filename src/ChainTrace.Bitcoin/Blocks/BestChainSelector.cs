using ChainTrace.Core.Primitives;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>
/// Orders indexed blocks into the best chain. Bitcoin Core writes blocks as they arrive, so files hold them
/// out of height order and keep stale branches; only the prev-hash links say which block comes next.
/// The root is the genesis block when present, else the block whose parent is absent; the best chain is
/// the longest from it, the first-seen tip winning a tie (as a node keeps the branch it saw first).
/// </summary>
internal static class BestChainSelector
{
    public static IndexedBlock[] Select(IReadOnlyList<IndexedBlock> blocks)
    {
        if (blocks.Count == 0)
        {
            return [];
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
        var candidates = genesis >= 0 ? [roots[genesis]] : roots;
        var depth = new int[blocks.Count];
        var parentOf = new int[blocks.Count];
        int bestTip = -1, bestDepth = -1;
        foreach (var root in candidates)
        {
            var stack = new Stack<int>();
            stack.Push(root);
            parentOf[root] = -1;
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (depth[current] > bestDepth || (depth[current] == bestDepth && current < bestTip))
                {
                    bestDepth = depth[current];
                    bestTip = current;
                }

                if (children.TryGetValue(blocks[current].Hash, out var next))
                {
                    foreach (var child in next)
                    {
                        depth[child] = depth[current] + 1;
                        parentOf[child] = current;
                        stack.Push(child);
                    }
                }
            }
        }

        var chain = new IndexedBlock[bestDepth + 1];
        for (int at = bestTip, h = bestDepth; at >= 0; at = parentOf[at], h--)
        {
            chain[h] = blocks[at];
        }

        return chain;
    }
}
