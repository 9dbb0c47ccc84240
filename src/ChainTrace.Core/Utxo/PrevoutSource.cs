namespace ChainTrace.Core.Utxo;

/// <summary>Where an input's spent address and value came from; kept so answers can say how sure they are.</summary>
public enum PrevoutSource : byte
{
    /// <summary>Not known (yet): neither value nor address.</summary>
    None = 0,

    /// <summary>The chain source gave the spent output (Core RPC verbosity 3, Esplora).</summary>
    Source = 1,

    /// <summary>Resolved from an output already in the store.</summary>
    Store = 2,

    /// <summary>Address derived from the input script or witness; value unknown.</summary>
    Script = 3,

    /// <summary>A coinbase input spends nothing.</summary>
    Coinbase = 4,
}
