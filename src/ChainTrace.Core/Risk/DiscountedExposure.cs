namespace ChainTrace.Core.Risk;

/// <summary>Exposure left out of the score, and why (unsolicited dust the address never spent).</summary>
public sealed record DiscountedExposure(string Category, ExposureType Type, UInt128 Amount, int Outputs, string Reason);
