using ChainTrace.Core.Clustering;

namespace ChainTrace.Core.Tests.Clustering;

public class EthDepositHeuristicTests
{
    private const ulong Ether = 1_000_000_000_000_000_000;
    private const int Hot = 1;

    [Fact]
    public void Link_JoinsForwardersToTheHotWallet_AndSendersOfOneDepositAsACustomer()
    {
        var transfers = new List<EthTransferFacts>();
        // Deposits 10, 11, 12 each receive from customers and forward all but the gas to the hot wallet.
        Add(transfers, 20, 10, 5 * Ether, 100);
        Add(transfers, 21, 10, 1 * Ether, 101);
        Add(transfers, 10, Hot, (6 * Ether) - 420_000_000_000_000, 105);
        Add(transfers, 22, 11, 2 * Ether, 110);
        Add(transfers, 11, Hot, (2 * Ether) - 420_000_000_000_000, 111);
        Add(transfers, 23, 12, 3 * Ether, 120);
        Add(transfers, 12, Hot, 3 * Ether, 121);

        var links = EthDepositHeuristic.Link(transfers, new EthDepositOptions());

        Assert.Equal([(Hot, 10), (Hot, 11), (Hot, 12)], links.Where(l => l.Heuristic == LinkHeuristic.EthDeposit).Select(l => (l.A, l.B)));
        Assert.Equal((20, 21), links.Where(l => l.Heuristic == LinkHeuristic.EthDepositCustomer).Select(l => (l.A, l.B)).Single());
    }

    [Fact]
    public void Link_IgnoresPartialForwards_SplitReceivers_AndReceiversWithFewForwarders()
    {
        var transfers = new List<EthTransferFacts>();
        Add(transfers, 20, 10, 5 * Ether, 100);
        Add(transfers, 10, Hot, 2 * Ether, 101);
        Add(transfers, 22, 11, 2 * Ether, 110);
        Add(transfers, 11, Hot, 1 * Ether, 111);
        Add(transfers, 11, 30, 1 * Ether, 112);
        Add(transfers, 23, 12, 3 * Ether, 120);
        Add(transfers, 12, Hot, 3 * Ether, 121);

        Assert.Empty(EthDepositHeuristic.Link(transfers, new EthDepositOptions()));
    }

    private static void Add(List<EthTransferFacts> list, int from, int to, UInt128 value, long height) =>
        list.Add(new EthTransferFacts(list.Count, from, to, value, height));
}
