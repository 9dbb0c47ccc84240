namespace ChainTrace.Core.Risk;

/// <summary>Exposure left out of the score, and why (unsolicited dust the address never spent).</summary>
public sealed record DiscountedExposure(string Category, ExposureType Type, long Amount, int Outputs, string Reason);
