namespace ChainTrace.Core.Utxo;

/// <summary>
/// How an output's script pays. Address-bearing kinds carry an address key; P2PK is shown as the P2PKH
/// address of its public key, as explorers do. Outputs without an address are kept, never dropped.
/// </summary>
public enum OutputKind : byte
{
    NonStandard = 0,
    P2PKH = 1,
    P2SH = 2,
    P2WPKH = 3,
    P2WSH = 4,
    P2TR = 5,
    WitnessUnknown = 6,
    P2PK = 7,
    Multisig = 8,
    NullData = 9,
}
