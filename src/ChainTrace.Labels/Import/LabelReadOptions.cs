using ChainTrace.Core.Chains;

namespace ChainTrace.Labels.Import;

/// <summary>How readers parse addresses: Bitcoin addresses against <see cref="BtcNetwork"/> (public lists are mainnet).</summary>
/// <param name="OnLabel">Called as labels are read, for progress on big files.</param>
public sealed record LabelReadOptions(Network BtcNetwork = Network.Main, Action<int>? OnLabel = null);
