namespace ChainTrace.Core.Clustering;

/// <summary>Why two addresses were linked. The byte value is stored with each link: never renumber.</summary>
public enum LinkHeuristic : byte
{
    CoSpend = 1,
    OneTimeChange = 2,
    AddressReuseChange = 3,
    OptimalChange = 4,
    RoundValueChange = 5,
    EthDeposit = 6,
    EthDepositCustomer = 7,
}
