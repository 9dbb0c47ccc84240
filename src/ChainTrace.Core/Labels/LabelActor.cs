namespace ChainTrace.Core.Labels;

/// <summary>The real-world actor a label names: the ActorPack id and, once an ActorPack resolved it, its name.</summary>
public sealed record LabelActor(string Id, string? Name = null);
