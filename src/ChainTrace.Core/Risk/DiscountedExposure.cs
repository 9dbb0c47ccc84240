namespace ChainTrace.Core.Risk;

/// <summary>
/// Exposure left out of the score, and why (unsolicited dust). <see cref="Outputs"/> counts the dust items behind it:
/// on Bitcoin unspent outputs, on Ethereum incoming transfers (the name is shared with Bitcoin's answers; the
/// Ethereum reason says so too).
/// </summary>
public sealed record DiscountedExposure(string Category, ExposureType Type, UInt128 Amount, int Outputs, string Reason);
