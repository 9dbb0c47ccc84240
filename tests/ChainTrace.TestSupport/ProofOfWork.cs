using NBitcoin;

namespace ChainTrace.TestSupport;

/// <summary>
/// Gives a test block its merkle root, regtest's target and a header that meets it, as every ingested block must. At regtest's target
/// (nBits 0x207fffff, about every second hash) this takes two tries on average.
/// </summary>
public static class ProofOfWork
{
    public const uint EasyBits = 0x207fffff;

    public static Block Mine(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        block.UpdateMerkleRoot();
        block.Header.Bits = new Target(EasyBits);
        block.Header.Nonce = 0;
        block.Header.PrecomputeHash(invalidateExisting: true, lazily: true);
        while (!block.Header.CheckProofOfWork())
        {
            // NBitcoin may cache a header's hash (CreateNextBlockWithCoinbase does): drop it with each new nonce.
            block.Header.Nonce++;
            block.Header.PrecomputeHash(invalidateExisting: true, lazily: true);
        }

        return block;
    }
}
