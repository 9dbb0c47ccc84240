using ChainTrace.Core.Labels;

namespace ChainTrace.Core.Risk;

/// <summary>A label as scoring reads it: category, confidence level (0–100), its text and whether it came via the cluster.</summary>
public sealed record RiskLabel(LabelCategory Category, int Confidence, string Text, string Source, bool ViaCluster);
