namespace ChainTrace.Core.Addresses;

/// <summary>Why an address did not parse; stable, so the API can map each to a problem code.</summary>
public enum AddressError
{
    Empty,
    BadCharacter,
    BadLength,
    BadChecksum,
    WrongNetwork,
    UnknownVersion,
    BadWitnessVersion,
    BadPadding,
    MixedCase,
    WrongEncoding,
}
