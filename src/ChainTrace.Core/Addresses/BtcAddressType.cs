namespace ChainTrace.Core.Addresses;

/// <summary>Standard Bitcoin address types. The numeric value is the first byte of the store key.</summary>
public enum BtcAddressType : byte
{
    P2PKH = 1,
    P2SH = 2,
    P2WPKH = 3,
    P2WSH = 4,
    P2TR = 5,

    /// <summary>A segwit output of a version not yet given meaning (v1 with a non-32-byte program, v2–v16).</summary>
    WitnessUnknown = 6,
}
