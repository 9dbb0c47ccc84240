namespace ChainTrace.Api.Labels;

/// <summary>
/// The labels of one address; <c>cluster</c> is null while clustering has not placed the address. <c>categories</c>
/// are the distinct categories of the labels, most severe first; <c>conflicting</c> is true when sources disagree
/// (more than one category other than <c>unknown</c>) — all their labels are listed, none is dropped.
/// </summary>
public sealed record AddressLabelsDto(string Chain, string Address, long? Cluster, IReadOnlyList<string> Categories, bool Conflicting, IReadOnlyList<LabelDto> Labels);
