using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Addresses;

/// <summary>
/// The compact store key of a Bitcoin address: <c>[type][program]</c>, or <c>[6][version][program]</c> for
/// unknown witness versions. Network-free: a store holds one network per chain, so the key needs none, and
/// ingest never pays for text encoding.
/// </summary>
public static class BtcAddressKey
{
    public static byte[] Build(BtcAddressType type, int witnessVersion, ReadOnlySpan<byte> program)
    {
        if (type == BtcAddressType.WitnessUnknown)
        {
            var withVersion = new byte[program.Length + 2];
            withVersion[0] = (byte)type;
            withVersion[1] = (byte)witnessVersion;
            program.CopyTo(withVersion.AsSpan(2));
            return withVersion;
        }

        var key = new byte[program.Length + 1];
        key[0] = (byte)type;
        program.CopyTo(key.AsSpan(1));
        return key;
    }

    public static BtcAddress ToAddress(ReadOnlySpan<byte> key, Network network)
    {
        if (key.Length < 3 || !Enum.IsDefined((BtcAddressType)key[0]))
        {
            throw new ArgumentException("not a Bitcoin address key", nameof(key));
        }

        var type = (BtcAddressType)key[0];
        return type == BtcAddressType.WitnessUnknown
            ? BtcAddress.FromProgram(network, type, key[2..], key[1])
            : BtcAddress.FromProgram(network, type, key[1..]);
    }
}
