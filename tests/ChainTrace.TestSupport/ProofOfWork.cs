using NBitcoin;

namespace ChainTrace.TestSupport;

/// <summary>
/// Gives a test block a header that meets its own target, as every ingested block must. At regtest's target
/// (nBits 0x207fffff, about every second hash) this takes two tries on average.
/// </summary>
public static class ProofOfWork
{
    public const uint EasyBits = 0x207fffff;

    public static Block Mine(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        block.Header.Nonce = 0;
        while (!block.Header.CheckProofOfWork())
        {
            block.Header.Nonce++;
        }

        return block;
    }
}
