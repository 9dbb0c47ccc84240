namespace ChainTrace.Core.Labels;

/// <summary>An ActorPack entry: who an actor id stands for, in which categories and jurisdictions.</summary>
public sealed record Actor(string Id, string Name, IReadOnlyList<string> Categories, string? Uri, IReadOnlyList<string> Jurisdictions);
