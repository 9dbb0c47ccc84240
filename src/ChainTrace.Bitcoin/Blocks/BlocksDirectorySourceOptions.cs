using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Blocks;

/// <param name="Directory">Bitcoin Core's <c>blocks/</c> directory (blk*.dat, optional xor.dat).</param>
/// <param name="Network">
/// The network the files must belong to; null = the one the first frame's magic names (every frame is checked
/// against it either way).
/// </param>
/// <param name="StartHeight">
/// Height of the first block when the files do not start at genesis and its coinbase carries no BIP-34 height.
/// </param>
public sealed record BlocksDirectorySourceOptions(string Directory, CoreNetwork? Network = null, long? StartHeight = null);
