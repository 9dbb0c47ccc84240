namespace ChainTrace.Core.Risk;

/// <summary>
/// A policy threshold: exposure to <see cref="Category"/> (of the given type and direction; null matches both) at
/// or above <see cref="MinShare"/> gives at least <see cref="Decision"/>.
/// </summary>
public sealed record ScreeningRule(string Category, ExposureType? Type, ExposureDirection? Direction, double MinShare, ScreeningDecision Decision);
