using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>The 4-byte message start of each network, as Bitcoin Core frames blocks in blk*.dat files.</summary>
public static class NetworkMagic
{
    public static readonly byte[] Main = [0xf9, 0xbe, 0xb4, 0xd9];
    public static readonly byte[] Testnet3 = [0x0b, 0x11, 0x09, 0x07];
    public static readonly byte[] Testnet4 = [0x1c, 0x16, 0x3f, 0x28];
    public static readonly byte[] Regtest = [0xfa, 0xbf, 0xb5, 0xda];

    /// <summary>Which network a magic belongs to (testnet3 and testnet4 both map to test); null when unknown.</summary>
    public static CoreNetwork? NetworkOf(ReadOnlySpan<byte> magic)
    {
        if (magic.SequenceEqual(Main))
        {
            return CoreNetwork.Main;
        }

        if (magic.SequenceEqual(Testnet3) || magic.SequenceEqual(Testnet4))
        {
            return CoreNetwork.Test;
        }

        return magic.SequenceEqual(Regtest) ? CoreNetwork.Regtest : null;
    }

    /// <summary>The magic a writer uses for a network (testnet3 for test).</summary>
    public static byte[] Of(CoreNetwork network) => network switch
    {
        CoreNetwork.Main => Main,
        CoreNetwork.Test => Testnet3,
        _ => Regtest,
    };
}
