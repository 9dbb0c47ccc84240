using System.Globalization;
using ChainTrace.Api.Lookups;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Cases;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Tracing;

namespace ChainTrace.Api.Cases;

/// <summary>
/// Turns a pin request into a pin of a subject that exists: a valid address (canonical form), a cluster the read
/// model knows (its surviving id), a kept trace. Bad input answers the same problems the lookups of that subject do.
/// </summary>
internal sealed class CasePinInput(IUtxoGraphStore utxo, ClusterLookup clusters, ITraceRunner traces)
{
    public async Task<(CasePin? Pin, LookupError? Error)> ParseAsync(string caseId, PinRequest request, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var subject = request.Subject?.Trim();
        if (string.IsNullOrEmpty(subject))
        {
            return (null, CaseProblems.Invalid("subject", "subject is required: an address, a cluster id or a trace id"));
        }

        if (request.Comment is { Length: > CaseProblems.MaxText })
        {
            return (null, CaseProblems.Invalid("comment", $"a comment holds at most {CaseProblems.MaxText} characters"));
        }

        var kind = request.Kind?.Trim().ToLowerInvariant();
        switch (kind)
        {
            case "address":
                var (address, addressError) = await ParseAddressAsync(request.Chain, subject, cancellationToken);
                return addressError is not null ? (null, addressError) : (Pin(CasePinKind.Address, request.Chain!.Trim().ToLowerInvariant(), address!), null);
            case "cluster":
                var cluster = await clusters.GetAsync(request.Chain ?? "", subject, cancellationToken);
                return cluster.Error is { } clusterError
                    ? (null, clusterError)
                    : (Pin(CasePinKind.Cluster, cluster.Value!.Chain, cluster.Value.Id.ToString(CultureInfo.InvariantCulture)), null);
            case "trace":
                return await traces.GetAsync(subject, "json", cancellationToken) is null
                    ? (null, CaseProblems.UnknownTrace(subject))
                    : (Pin(CasePinKind.Trace, null, subject), null);
            default:
                return (null, new LookupError(400, CaseProblems.UnknownPinKindCode, "Unknown pin kind", $"unknown pin kind '{request.Kind}': expected address, cluster or trace"));
        }

        CasePin Pin(CasePinKind pinKind, string? chain, string canonical) => new(0, caseId, pinKind, chain, canonical, request.Comment, actor, at);
    }

    private async Task<(string? Address, LookupError? Error)> ParseAddressAsync(string? chainCode, string text, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return (null, LookupErrors.UnknownChain(new UnknownChainException(chainCode)));
        }

        if (chain == Chain.Btc)
        {
            var (btc, _, error) = await BtcAddressInput.ParseAsync(utxo, text, cancellationToken);
            return (btc?.ToString(), error);
        }

        return EthAddress.TryParse(text, out var eth, out var ethError) ? (eth!.ToString(), null) : (null, LookupErrors.InvalidAddress(ethError!));
    }
}
