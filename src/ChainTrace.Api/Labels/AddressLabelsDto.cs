namespace ChainTrace.Api.Labels;

/// <summary>The labels of one address; <c>cluster</c> is null while clustering has not placed the address.</summary>
public sealed record AddressLabelsDto(string Chain, string Address, long? Cluster, IReadOnlyList<LabelDto> Labels);
