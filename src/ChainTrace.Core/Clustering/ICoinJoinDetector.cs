namespace ChainTrace.Core.Clustering;

public interface ICoinJoinDetector
{
    string Name { get; }

    /// <summary>The detection when the transaction has this detector's shape, else null.</summary>
    CoinJoinDetection? Detect(TxFacts tx);
}
