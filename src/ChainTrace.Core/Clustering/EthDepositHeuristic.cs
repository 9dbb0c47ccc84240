namespace ChainTrace.Core.Clustering;

/// <summary>
/// The Ethereum deposit-address heuristic. An address is a deposit address of receiver R when everything it sends
/// goes to R, each send forwards (almost) all it received since the previous send, soon after the receipt, and R
/// is fed like that by several addresses (an exchange hot wallet). Links: each deposit address to R (one entity),
/// and the senders of one deposit address to each other (one customer, a separate entity from the exchange).
/// </summary>
public static class EthDepositHeuristic
{
    /// <param name="transfers">Native transfers in chain order.</param>
    public static IReadOnlyList<ClusterLink> Link(IReadOnlyList<EthTransferFacts> transfers, EthDepositOptions options)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentNullException.ThrowIfNull(options);
        var byAddress = new Dictionary<int, List<EthTransferFacts>>();
        foreach (var t in transfers)
        {
            if (t.From == t.To)
            {
                continue;
            }

            Add(byAddress, t.From, t);
            Add(byAddress, t.To, t);
        }

        var deposits = new Dictionary<int, List<(int Deposit, int FirstForward)>>();
        foreach (var (address, activity) in byAddress)
        {
            if (ForwardTarget(address, activity, options) is { } found)
            {
                if (!deposits.TryGetValue(found.Receiver, out var list))
                {
                    deposits[found.Receiver] = list = [];
                }

                list.Add((address, found.FirstForward));
            }
        }

        var links = new List<ClusterLink>();
        foreach (var (receiver, list) in deposits.OrderBy(d => d.Key))
        {
            if (list.Count < options.MinDepositsPerReceiver)
            {
                continue;
            }

            foreach (var (deposit, firstForward) in list.OrderBy(d => d.Deposit))
            {
                links.Add(new ClusterLink(receiver, deposit, firstForward, LinkHeuristic.EthDeposit, (byte)options.DepositConfidence));
                AddCustomerLinks(links, deposit, receiver, byAddress[deposit], deposits, options);
            }
        }

        return links;
    }

    private static void Add(Dictionary<int, List<EthTransferFacts>> byAddress, int address, EthTransferFacts t)
    {
        if (!byAddress.TryGetValue(address, out var list))
        {
            byAddress[address] = list = [];
        }

        list.Add(t);
    }

    private static (int Receiver, int FirstForward)? ForwardTarget(int address, List<EthTransferFacts> activity, EthDepositOptions options)
    {
        int? receiver = null;
        int firstForward = -1;
        UInt128 pending = 0;
        long lastReceipt = -1;
        var senders = 0;
        foreach (var t in activity)
        {
            if (t.To == address)
            {
                pending += t.Value;
                lastReceipt = t.Height;
                senders++;
                continue;
            }

            // A send: all sends go to one receiver, each forwards what arrived since the previous one.
            if ((receiver is { } r && r != t.To) || lastReceipt < 0 || pending == 0 || t.Height - lastReceipt > options.MaxForwardBlocks)
            {
                return null;
            }

            var loss = pending >= t.Value ? pending - t.Value : UInt128.MaxValue;
            var allowed = UInt128.Max(pending / 100 * (uint)options.MaxLossPercent, options.MaxLossWei);
            if (loss > allowed)
            {
                return null;
            }

            receiver ??= t.To;
            if (firstForward < 0)
            {
                firstForward = t.Id;
            }

            pending = 0;
        }

        return receiver is { } found && senders > 0 && activity.Any(t => t.To == address && t.From != found) ? (found, firstForward) : null;
    }

    private static void AddCustomerLinks(
        List<ClusterLink> links, int deposit, int receiver, List<EthTransferFacts> activity, Dictionary<int, List<(int Deposit, int FirstForward)>> receivers, EthDepositOptions options)
    {
        int? first = null;
        var seen = new HashSet<int>();
        foreach (var t in activity)
        {
            // A service paying in (another exchange's hot wallet withdrawing to this customer) is not the customer.
            if (t.To != deposit || t.From == receiver || receivers.ContainsKey(t.From) || !seen.Add(t.From))
            {
                continue;
            }

            if (first is { } customer)
            {
                links.Add(new ClusterLink(customer, t.From, t.Id, LinkHeuristic.EthDepositCustomer, (byte)options.CustomerConfidence));
            }
            else
            {
                first = t.From;
            }
        }
    }
}
