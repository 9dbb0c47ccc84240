using System.Numerics;

namespace ChainTrace.Index.Tracing;

/// <summary>An entity an Ethereum trace reached, summed over the edges that reached it.</summary>
internal sealed class EthEndpoint(string kind, string? category, List<string> labels, long height, DateTimeOffset time, int hops)
{
    public string Kind { get; } = kind;

    public string? Category { get; } = category;

    public List<string> Labels { get; } = labels;

    public long Height { get; } = height;

    public DateTimeOffset Time { get; } = time;

    public int Hops { get; private set; } = hops;

    public BigInteger Amount { get; private set; }

    public HashSet<int> Addresses { get; } = [];

    public void Add(BigInteger amount, int hop, int address)
    {
        Amount += amount;
        Hops = Math.Min(Hops, hop);
        Addresses.Add(address);
    }
}
