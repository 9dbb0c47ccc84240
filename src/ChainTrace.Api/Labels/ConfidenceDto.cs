namespace ChainTrace.Api.Labels;

/// <summary>A TagPack confidence name and its level 0–100.</summary>
public sealed record ConfidenceDto(string Id, int Level);
