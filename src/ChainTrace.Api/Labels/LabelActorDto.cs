namespace ChainTrace.Api.Labels;

/// <summary>The actor id and, when an ActorPack named it, its name.</summary>
public sealed record LabelActorDto(string Id, string? Name);
