namespace ChainTrace.Core.Cases;

/// <summary>What a pin names: an address (<c>chain</c> + canonical address), a cluster (<c>chain</c> + id) or a kept trace (its id).</summary>
public enum CasePinKind
{
    Address,
    Cluster,
    Trace,
}
