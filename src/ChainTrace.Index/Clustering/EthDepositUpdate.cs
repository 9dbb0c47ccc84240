using ChainTrace.Core.Clustering;
using ChainTrace.Index.Account;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// The deposit heuristic extended from persisted state, equal to <see cref="EthClusterer.Rebuild"/> (the full run).
/// Only the transfers past the blocks already seen are read: each folds into its two addresses. A read-model
/// cut-back refolds just the addresses whose fold used a removed transfer (from their own history). Receivers are
/// recomputed when one of their deposits appeared, went or received something, or when a sender of one of their
/// deposits became or stopped being a receiver (the customer exclusion); their candidate links replace the old ones
/// in receiver order. The union-find is replayed from the candidate links only when the candidates changed.
/// </summary>
internal sealed class EthDepositUpdate(EthIndex index, EthDepositState state, EthDepositOptions options)
{
    private readonly Dictionary<int, EthDepositPair> _deposits = [];
    private readonly Dictionary<int, SortedSet<int>> _byReceiver = [];
    private readonly HashSet<int> _touched = [];
    private readonly SortedSet<int> _affected = [];

    public int Touched => _touched.Count;

    public int Affected => _affected.Count;

    public long TransfersRead { get; private set; }

    public int BlocksRead { get; private set; }

    /// <summary>Brings the state up to the read model; true when the candidate links changed (or the state was fresh).</summary>
    public bool Run()
    {
        for (long i = 0; i < state.Pairs.Count; i++)
        {
            var pair = state.Pairs[i];
            _deposits[pair.Deposit] = pair;
            Receivers(pair.Receiver).Add(pair.Deposit);
        }

        var keepBlocks = (int)Math.Min(state.Blocks.Count, index.BlockCount);
        while (keepBlocks > 0 && !Same(state.Blocks[keepBlocks - 1], index.Block(keepBlocks - 1)))
        {
            keepBlocks--;
        }

        var keep = keepBlocks == state.Blocks.Count ? state.State.Transfers : state.Blocks[keepBlocks].FirstTransfer;
        if (keep < state.State.Transfers)
        {
            CutBack(keepBlocks, keep);
        }

        while (state.Folds.Count < index.AddressCount)
        {
            state.Folds.Add(EthDepositFold.Empty);
        }

        for (var t = keep; t < index.TransferCount; t++)
        {
            var transfer = index.Transfer(t);
            if (EthDepositFold.Counts(transfer))
            {
                state.Folds[transfer.From].Apply(transfer.From, transfer, (int)t, options);
                state.Folds[transfer.To].Apply(transfer.To, transfer, (int)t, options);
                _touched.Add(transfer.From);
                _touched.Add(transfer.To);
            }
        }

        TransfersRead = index.TransferCount - keep;
        state.Blocks.Truncate(keepBlocks);
        for (var b = keepBlocks; b < index.BlockCount; b++)
        {
            state.Blocks.Add(index.Block(b));
        }

        BlocksRead = index.BlockCount - keepBlocks;
        state.State.Transfers = index.TransferCount;
        ApplyStatusChanges();
        return ReplaceCandidates() || state.Fresh;
    }

    private static bool Same(EthIndexBlock a, EthIndexBlock b) =>
        a.Height == b.Height && a.FirstTransfer == b.FirstTransfer && a.FirstAddress == b.FirstAddress && a.Hash.ToHash() == b.Hash.ToHash();

    private SortedSet<int> Receivers(int receiver)
    {
        if (!_byReceiver.TryGetValue(receiver, out var set))
        {
            _byReceiver[receiver] = set = [];
        }

        return set;
    }

    /// <summary>Refolds, from the transfers kept, every address whose fold used a transfer at or past <paramref name="keep"/>.</summary>
    private void CutBack(int keepBlocks, long keep)
    {
        var keepAddresses = keepBlocks == state.Blocks.Count ? state.Folds.Count : state.Blocks[keepBlocks].FirstAddress;
        for (var a = 0; a < state.Folds.Count; a++)
        {
            if (state.Folds[a].LastApplied >= keep)
            {
                _touched.Add(a);
            }
        }

        state.Folds.Truncate(Math.Min(keepAddresses, state.Folds.Count));
        foreach (var a in _touched)
        {
            if (a >= state.Folds.Count)
            {
                continue;
            }

            var fold = EthDepositFold.Empty;
            foreach (var t in index.TransfersOf(a))
            {
                var transfer = index.Transfer(t);
                if (t < keep && EthDepositFold.Counts(transfer))
                {
                    fold.Apply(a, transfer, (int)t, options);
                }
            }

            state.Folds[a] = fold;
        }
    }

    /// <summary>Compares each touched address's deposit status with the stored pairs and collects the receivers to recompute.</summary>
    private void ApplyStatusChanges()
    {
        var receiversBefore = new HashSet<int>();
        foreach (var a in _touched)
        {
            var now = a < state.Folds.Count ? state.Folds[a].Deposit : null;
            _deposits.TryGetValue(a, out var old);
            var had = _deposits.ContainsKey(a);
            if (had)
            {
                _affected.Add(old.Receiver);
                receiversBefore.Add(old.Receiver);
            }

            if (now is { } found)
            {
                _affected.Add(found.Receiver);
                receiversBefore.Add(found.Receiver);
            }

            if (had && now is { } same && same.Receiver == old.Receiver && same.FirstForward == old.FirstForward)
            {
                continue;
            }

            if (had)
            {
                _deposits.Remove(a);
                Receivers(old.Receiver).Remove(a);
            }

            if (now is { } added)
            {
                _deposits[a] = new EthDepositPair(a, added.Receiver, added.FirstForward);
                Receivers(added.Receiver).Add(a);
            }
        }

        // A receiver that gained its first deposit or lost its last one changes the customer exclusion of every
        // deposit it paid into (an address whose receipts are all gone was touched above).
        foreach (var receiver in receiversBefore)
        {
            var isNow = _byReceiver.TryGetValue(receiver, out var set) && set.Count > 0;
            var wasBefore = WasReceiver(receiver);
            if (isNow == wasBefore || receiver >= index.AddressCount)
            {
                continue;
            }

            foreach (var t in index.TransfersOf(receiver))
            {
                var transfer = index.Transfer(t);
                if (transfer.From == receiver && EthDepositFold.Counts(transfer) && _deposits.TryGetValue(transfer.To, out var paid))
                {
                    _affected.Add(paid.Receiver);
                }
            }
        }
    }

    private bool WasReceiver(int receiver)
    {
        // The stored pairs are sorted by receiver: a binary search over them answers "had deposits before".
        long low = 0, high = state.Pairs.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var r = state.Pairs[mid].Receiver;
            if (r == receiver)
            {
                return true;
            }

            if (r < receiver)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return false;
    }

    /// <summary>Recomputes the affected receivers' links and splices them into the candidates; true when any changed.</summary>
    private bool ReplaceCandidates()
    {
        var fresh = new Dictionary<int, List<EthDepositCandidate>>();
        foreach (var receiver in _affected)
        {
            fresh[receiver] = LinksOf(receiver);
        }

        var merged = new List<EthDepositCandidate>((int)state.Candidates.Count);
        var changed = false;
        var pending = new Queue<int>(_affected);
        long i = 0;
        while (i < state.Candidates.Count || pending.Count > 0)
        {
            var next = i < state.Candidates.Count ? state.Candidates[i].Receiver : int.MaxValue;
            if (pending.Count > 0 && pending.Peek() <= next)
            {
                var receiver = pending.Dequeue();
                var start = i;
                while (i < state.Candidates.Count && state.Candidates[i].Receiver == receiver)
                {
                    i++;
                }

                var links = fresh[receiver];
                changed |= !state.Candidates.Slice(start, (int)(i - start)).SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(links));
                merged.AddRange(links);
                continue;
            }

            merged.Add(state.Candidates[i++]);
        }

        state.Candidates.Truncate(0);
        state.Candidates.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(merged));
        state.Pairs.Truncate(0);
        foreach (var pair in _deposits.Values.OrderBy(p => p.Receiver).ThenBy(p => p.Deposit))
        {
            state.Pairs.Add(pair);
        }

        return changed;
    }

    /// <summary>The full run's links for one receiver: each deposit (by id) to it, then the deposit's customers to each other.</summary>
    private List<EthDepositCandidate> LinksOf(int receiver)
    {
        var links = new List<EthDepositCandidate>();
        if (!_byReceiver.TryGetValue(receiver, out var deposits) || deposits.Count < options.MinDepositsPerReceiver)
        {
            return links;
        }

        foreach (var deposit in deposits)
        {
            links.Add(new(receiver, new ClusterLink(receiver, deposit, _deposits[deposit].FirstForward, LinkHeuristic.EthDeposit, (byte)options.DepositConfidence)));
            int? first = null;
            var seen = new HashSet<int>();
            foreach (var t in index.TransfersOf(deposit))
            {
                var transfer = index.Transfer(t);

                // A service paying in (another exchange's hot wallet withdrawing to this customer) is not the customer.
                if (!EthDepositFold.Counts(transfer) || transfer.To != deposit || transfer.From == receiver
                    || (_byReceiver.TryGetValue(transfer.From, out var paid) && paid.Count > 0) || !seen.Add(transfer.From))
                {
                    continue;
                }

                if (first is { } customer)
                {
                    links.Add(new(receiver, new ClusterLink(customer, transfer.From, (int)t, LinkHeuristic.EthDepositCustomer, (byte)options.CustomerConfidence)));
                }
                else
                {
                    first = transfer.From;
                }
            }
        }

        return links;
    }
}
