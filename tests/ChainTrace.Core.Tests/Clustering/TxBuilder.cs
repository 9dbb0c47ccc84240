using ChainTrace.Core.Addresses;
using ChainTrace.Core.Clustering;

namespace ChainTrace.Core.Tests.Clustering;

/// <summary>Transactions for heuristic tests: inputs as (address id, value), outputs as (address id, value, fresh).</summary>
internal static class TxBuilder
{
    public static TxFacts Tx(IEnumerable<(int Address, long Value)> inputs, IEnumerable<(int Address, long Value, bool Fresh)> outputs, BtcAddressType type = BtcAddressType.P2WPKH) =>
        new(false,
            inputs.Select(i => new TxInputFacts(i.Address, i.Value, type)).ToList(),
            outputs.Select((o, n) => new TxOutputFacts(n, o.Address, o.Value, type, o.Fresh)).ToList());

    /// <summary>n participants, each one input and one output of <paramref name="denomination"/>, plus the extra outputs.</summary>
    public static TxFacts Mix(int participants, long denomination, params long[] extra)
    {
        var inputs = Enumerable.Range(0, participants).Select(i => (100 + i, denomination + 50_000L + i));
        var outputs = Enumerable.Range(0, participants).Select(i => (200 + i, denomination, true))
            .Concat(extra.Select((v, i) => (300 + i, v, true)));
        return Tx(inputs, outputs);
    }
}
