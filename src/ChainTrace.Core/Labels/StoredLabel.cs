namespace ChainTrace.Core.Labels;

/// <summary>A label as the store holds it: its id and, for a cluster-defining label, the cluster it was propagated to.</summary>
public sealed record StoredLabel(long Id, Label Label, long? PropagatedCluster);
