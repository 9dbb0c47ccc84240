using ChainTrace.Core.Addresses;
using ChainTrace.Core.Watchlists;

namespace ChainTrace.Core.Ports;

/// <summary>What watch rules read from the graph: the transactions in which an address paid out.</summary>
public interface IAddressActivityReader
{
    /// <summary>Transactions spending from <paramref name="address"/>, oldest first.</summary>
    Task<IReadOnlyList<OutgoingMovement>> GetOutgoingAsync(Address address, CancellationToken cancellationToken);
}
