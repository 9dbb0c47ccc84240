using System.Numerics;
using ChainTrace.Api.Lookups;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Risk;

namespace ChainTrace.Api.Screening;

/// <summary>
/// Parses what a screening names (chain, address, direction, amount) and answers it from <see cref="RiskService"/>. An
/// address the refresh holds no facts for is looked up in the graph store, so one with stored transactions that moved
/// no value is answered as seen (with no exposure), not as never seen.
/// </summary>
public sealed class RiskLookup(RiskService risk, StoreNetwork storeNetwork, IUtxoGraphStore? utxoStore = null, IAccountGraphStore? accountStore = null)
{
    public async Task<LookupResult<RiskDto>> GetAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        var (address, error) = await ParseAsync(chainCode, text, cancellationToken);
        return error ?? LookupResult<RiskDto>.Ok(RiskMapping.ToDto(await AnswerAsync(address!, cancellationToken)));
    }

    public async Task<RiskAnswer> AnswerAsync(Address address, CancellationToken cancellationToken)
    {
        var answer = await risk.ScreenAsync(address, cancellationToken);
        if (answer.Facts is not null || answer.Snapshot is null)
        {
            return answer;
        }

        var summary = address switch
        {
            BtcAddress btc when utxoStore is not null => await utxoStore.GetAddressSummaryAsync(btc, cancellationToken),
            EthAddress eth when accountStore is not null => await accountStore.GetAddressSummaryAsync(eth, cancellationToken),
            _ => null,
        };
        return summary is { TxCount: > 0 } ? answer with { StoredTransactions = summary.TxCount } : answer;
    }

    /// <summary>An address in Chainalysis style (no chain in the URL): <c>0x…</c> is Ethereum, anything else Bitcoin.</summary>
    public Task<(Address? Address, LookupError? Error)> ParseAnyAsync(string text, CancellationToken cancellationToken) =>
        ParseAsync(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? "eth" : "btc", text, cancellationToken);

    public async Task<(Address? Address, LookupError? Error)> ParseAsync(string? chainCode, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(chainCode) || !ChainCodes.TryParse(chainCode, out var chain))
        {
            return (null, LookupErrors.UnknownChain(new UnknownChainException(chainCode ?? "")));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, LookupErrors.BadParameter("address", "an address is required"));
        }

        if (chain == Chain.Btc)
        {
            var (btc, btcError) = BtcAddressInput.Parse(text, await storeNetwork.GetAsync(cancellationToken));
            return (btc, btcError);
        }

        return EthAddress.TryParse(text, out var eth, out var ethError) ? (eth, null) : (null, LookupErrors.InvalidAddress(ethError!));
    }

    /// <summary>Checks a batch item's optional direction and amount; null when both are fine.</summary>
    public static LookupError? CheckItem(ScreeningItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Direction is not null and not "withdrawal" and not "deposit")
        {
            return LookupErrors.BadParameter("direction", $"direction '{item.Direction}' is withdrawal or deposit");
        }

        if (item.Amount is not null && (!BigInteger.TryParse(item.Amount, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount) || amount < 0))
        {
            return LookupErrors.BadParameter("amount", $"amount '{item.Amount}' is a non-negative integer of base units (satoshi, wei) as a string");
        }

        return null;
    }
}
