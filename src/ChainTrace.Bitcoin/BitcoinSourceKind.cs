namespace ChainTrace.Bitcoin;

public enum BitcoinSourceKind
{
    /// <summary>Bitcoin Core's blocks/ directory (blk*.dat).</summary>
    BlocksDirectory,

    /// <summary>Loose block files (binary or hex).</summary>
    RawFiles,

    /// <summary>Bitcoin Core JSON-RPC.</summary>
    Rpc,

    /// <summary>Esplora REST API.</summary>
    Esplora,
}
