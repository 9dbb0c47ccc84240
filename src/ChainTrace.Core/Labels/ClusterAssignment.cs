namespace ChainTrace.Core.Labels;

/// <summary>The cluster a cluster-defining label propagates to (null: its address is in no cluster yet).</summary>
public readonly record struct ClusterAssignment(long LabelId, long? ClusterId);
