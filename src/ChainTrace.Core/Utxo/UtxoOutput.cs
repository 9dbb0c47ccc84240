namespace ChainTrace.Core.Utxo;

/// <param name="Index">Position in the transaction (vout).</param>
/// <param name="Value">Satoshis.</param>
/// <param name="AddressKey">The address's store key (<see cref="Addresses.BtcAddressKey"/>), null when the script has no address.</param>
public sealed record UtxoOutput(int Index, long Value, OutputKind Kind, byte[]? AddressKey);
