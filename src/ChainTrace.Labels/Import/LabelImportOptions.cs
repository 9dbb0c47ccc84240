using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;

namespace ChainTrace.Labels.Import;

/// <param name="Format">Forces the format of every file; null detects it per file.</param>
/// <param name="BtcNetwork">The network Bitcoin addresses are parsed against (public label sets are mainnet).</param>
public sealed record LabelImportOptions(LabelFormat? Format = null, OnErrorPolicy OnError = OnErrorPolicy.Reject, Network BtcNetwork = Network.Main);
