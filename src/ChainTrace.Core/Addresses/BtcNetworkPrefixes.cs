using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Addresses;

/// <summary>Address prefixes per Bitcoin network (chainparams.cpp). Testnet and regtest share Base58 prefixes.</summary>
internal static class BtcNetworkPrefixes
{
    public static byte PubKeyHash(Network network) => network == Network.Main ? (byte)0x00 : (byte)0x6f;

    public static byte ScriptHash(Network network) => network == Network.Main ? (byte)0x05 : (byte)0xc4;

    public static string Hrp(Network network) => network switch
    {
        Network.Main => "bc",
        Network.Test => "tb",
        _ => "bcrt",
    };

    public static Network? NetworkOfHrp(string hrp) => hrp switch
    {
        "bc" => Network.Main,
        "tb" => Network.Test,
        "bcrt" => Network.Regtest,
        _ => null,
    };

    public static string Describe(Network network) => network switch
    {
        Network.Main => "mainnet",
        Network.Test => "testnet",
        _ => "regtest",
    };
}
