namespace ChainTrace.Core.Addresses;

public sealed class AddressFormatException(AddressError error, string message) : FormatException(message)
{
    public AddressError Error { get; } = error;
}
