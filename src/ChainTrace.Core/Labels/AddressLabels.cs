using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Labels;

/// <summary>Every label that applies to an address: its own first, then those of its cluster.</summary>
public sealed record AddressLabels(Address Address, long? ClusterId, IReadOnlyList<AttributedLabel> Labels);
