namespace ChainTrace.Core.Utxo;

/// <summary>What an input needs to know of the output it spends: its value (satoshis), kind and address key.</summary>
public readonly record struct SpentOutput(long Value, OutputKind Kind, byte[]? AddressKey);
