namespace ChainTrace.Core.Clustering;

public static class LinkHeuristicCodes
{
    public static string ToCode(this LinkHeuristic heuristic) => heuristic switch
    {
        LinkHeuristic.CoSpend => "co-spend",
        LinkHeuristic.OneTimeChange => "one-time-change",
        LinkHeuristic.AddressReuseChange => "address-reuse",
        LinkHeuristic.OptimalChange => "optimal-change",
        LinkHeuristic.RoundValueChange => "round-value",
        LinkHeuristic.EthDeposit => "eth-deposit",
        LinkHeuristic.EthDepositCustomer => "eth-deposit-customer",
        _ => throw new ArgumentOutOfRangeException(nameof(heuristic), heuristic, "unknown heuristic"),
    };
}
