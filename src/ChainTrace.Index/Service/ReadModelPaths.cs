namespace ChainTrace.Index.Service;

/// <summary>Where the read models live under the data directory.</summary>
public sealed class ReadModelPaths(string dataDirectory)
{
    public string Root { get; } = Path.Combine(dataDirectory, "index");

    public string Btc => Path.Combine(Root, "btc");

    public string BtcClusters => Path.Combine(Root, "btc", "clusters");

    public string Eth => Path.Combine(Root, "eth");

    public string EthClusters => Path.Combine(Root, "eth-clusters");
}
