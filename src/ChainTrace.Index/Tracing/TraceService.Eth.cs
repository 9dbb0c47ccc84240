using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Tracing;
using ChainTrace.Core.Tracing.Account;

namespace ChainTrace.Index.Tracing;

public sealed partial class TraceService
{
    /// <summary>An Ethereum trace of one asset (ether, or the token <see cref="TraceParameters.Asset"/>) over the stored ledger up to the read model's height.</summary>
    private async Task<TraceOutcome> TraceEthereumAsync(TraceParameters parameters, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        EthAddress? token = null;
        if (parameters.Asset is { } asset && (!EthAddress.TryParse(asset, out token, out _) || token is null))
        {
            return TraceOutcome.Fail("bad-asset", $"asset '{asset}' is not a token contract address (0x followed by 40 hex digits)");
        }

        var blocks = await EthLedgerBlocks.ReadAsync(clusters.Feed, cancellationToken).ConfigureAwait(false);
        var stopLabels = await TraceStopLabels.LoadAsync(labels, Chain.Eth, parameters.Stop, cancellationToken).ConfigureAwait(false);
        var labelSet = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        var walk = await clusters.ReadModelAsync(Chain.Eth, open =>
        {
            var ledger = EthLedger.Build(open.Eth!, blocks.Where(b => b.Header.Height <= open.Eth!.Height), token);
            return EthWalk.Execute(open, ledger, parameters, stopLabels, clusters.Policy.SuperclusterThreshold);
        }, cancellationToken).ConfigureAwait(false);
        if (walk is null)
        {
            return TraceOutcome.Fail("no-read-model", "the data directory has no clustered Ethereum read model yet: run chaintrace ingest eth (or cluster update) first");
        }

        if (walk.Error is { } failure)
        {
            return TraceOutcome.Fail(failure.Code, failure.Message);
        }

        progress?.Report(walk.Result?.MovementsVisited ?? 0);
        return await KeepAsync(parameters, walk.DataHeight, labelSet, walk.Start, walk.Status, walk.Result?.CutShort, walk.Endpoints, walk.Edges,
            Totals(walk.Result?.Totals ?? new AccountTraceTotals()), cancellationToken, walk.Contacts).ConfigureAwait(false);
    }

    private static TraceTotalsView Totals(AccountTraceTotals t)
    {
        static string S(System.Numerics.BigInteger v) => v.ToString(CultureInfo.InvariantCulture);
        return new TraceTotalsView(S(t.Traced), S(t.ReachedEndpoints), S(t.Unspent), S(t.Fees), S(t.BelowMinimum), S(t.CutByLimits),
            S(t.CutByHops), S(t.CutByBreadth), S(t.CutByWindow), S(t.CutByTime));
    }
}
