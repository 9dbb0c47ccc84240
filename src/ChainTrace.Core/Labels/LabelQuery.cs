using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Labels;

/// <summary>A page of the label list: optional chain and category filters, labels after id <see cref="After"/>, in id order.</summary>
public sealed record LabelQuery(Chain? Chain, LabelCategory? Category, long After, int Limit);
