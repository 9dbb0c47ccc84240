using System.Globalization;
using System.Numerics;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Api.Trends;

/// <summary>Checks the trend request's parameters and cuts the calculator's daily table into day or week buckets.</summary>
public sealed class TrendQuery(TrendCalculator? calculator) : IDisposable
{
    public const int MaxBuckets = 1_000;

    public const string BtcDefinition =
        "Direct payments from a source into a category: the outputs of each transaction paid to addresses whose strongest label (own, cluster's, or a cluster-defining label of a fellow member) " +
        "is in that category, on the UTC day of the block, unless an input of the same transaction spends from the receiving address's cluster. " +
        "From a source (a category, or 'flagged' = severity high or severe) it is the output's value times the share of the transaction's known input value " +
        "spent from addresses of that source, rounded down; coinbase outputs count for source 'any' only. Value that passed through unlabelled hops first is not counted (trace it).";

    public const string EthDefinition =
        "Direct transfers from a source into a category, native ether only (transaction values and internal calls; ERC-20 token transfers are not counted): each transfer to an address " +
        "whose strongest label (own, its deposit-heuristic cluster's, or a cluster-defining label of a fellow member) is in that category, on the UTC day of the block, unless the sender is in the " +
        "receiver's cluster (a deposit address sweeping into its exchange's hot wallet is not a second inflow). From a source (a category, or 'flagged' = severity high or severe) " +
        "it is the whole value of the transfers whose sender has that category. Value that passed through unlabelled hops first is not counted (trace it).";

    public async Task<LookupResult<TrendsDto>> GetAsync(string? chainCode, string? bucket, string? from, string? to, string? source, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode ?? "btc", out var chain))
        {
            return LookupErrors.UnknownChain(new UnknownChainException(chainCode!));
        }

        var weekly = (bucket ?? "day").ToLowerInvariant() switch
        {
            "day" => false,
            "week" => true,
            _ => (bool?)null,
        };
        if (weekly is null)
        {
            return LookupErrors.BadParameter("bucket", $"'{bucket}' is not a bucket: use day or week");
        }

        if (!TryDate(from, out var first) || !TryDate(to, out var last))
        {
            return LookupErrors.BadParameter(TryDate(from, out _) ? "to" : "from", "dates are UTC days written yyyy-MM-dd");
        }

        var sourceName = (source ?? "any").ToLowerInvariant();
        var sourceIndex = -1;
        if (sourceName is not ("any" or "flagged"))
        {
            if (!LabelTaxonomy.TryFind(sourceName, out var category) || (sourceIndex = ExposureCategories.IndexOf(category)) < 0)
            {
                return new LookupError(400, ProblemCodes.UnknownCategory, "Unknown source",
                    $"'{source}' is not a source: use any, flagged or a tracked category ({string.Join(", ", ExposureCategories.All.Select(c => c.Id))})", "source");
            }

            sourceName = category.Id;
        }

        var (found, missing) = calculator is null ? (null, $"trends are computed from the {chain.ToCode()} read model, which clustering builds (chaintrace cluster update)") : await calculator.GetAsync(chain, cancellationToken);
        if (found is not { } table)
        {
            return new LookupError(409, "no-read-model", "No read model", missing!);
        }

        var start = first ?? (table.Days.Count > 0 ? DateOnly.FromDayNumber(table.Days.Keys.First()) : DateOnly.FromDateTime(DateTime.UtcNow));
        var end = last ?? (table.Days.Count > 0 ? DateOnly.FromDayNumber(table.Days.Keys.Last()) : start);
        if (end < start)
        {
            return LookupErrors.BadParameter("to", $"to ({Text(end)}) is before from ({Text(start)})");
        }

        if (weekly.Value)
        {
            start = start.AddDays(-(((int)start.DayOfWeek + 6) % 7));
        }

        var span = weekly.Value ? 7 : 1;
        if ((end.DayNumber - start.DayNumber) / span + 1 > MaxBuckets)
        {
            return LookupErrors.BadParameter("to", $"the range holds more than {MaxBuckets} buckets: narrow it or use bucket=week");
        }

        return LookupResult<TrendsDto>.Ok(Cut(table, start, end, span, weekly.Value ? "week" : "day", sourceName, sourceIndex));
    }

    public void Dispose() => calculator?.Dispose();

    private static TrendsDto Cut(TrendTable table, DateOnly start, DateOnly end, int span, string bucket, string source, int sourceIndex)
    {
        var k = table.Categories;
        var totals = new BigInteger[k];
        var buckets = new List<TrendBucketDto>();
        for (var day = start; day <= end; day = day.AddDays(span))
        {
            var sums = new BigInteger[k];
            var stop = Math.Min(day.DayNumber + span - 1, end.DayNumber);
            foreach (var (_, values) in table.Days.Where(d => d.Key >= day.DayNumber && d.Key <= stop))
            {
                for (var c = 0; c < k; c++)
                {
                    sums[c] += (BigInteger)values[source switch { "any" => TrendTable.Any(c), "flagged" => table.Flagged(c), _ => table.From(c, sourceIndex) }];
                }
            }

            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < k; c++)
            {
                if (sums[c].Sign > 0)
                {
                    map[ExposureCategories.All[c].Id] = sums[c].ToString(CultureInfo.InvariantCulture);
                    totals[c] += sums[c];
                }
            }

            buckets.Add(new TrendBucketDto(Text(day), Text(DateOnly.FromDayNumber(stop)), map));
        }

        var order = Enumerable.Range(0, k).Where(c => totals[c].Sign > 0).OrderByDescending(c => totals[c]).ToList();
        var (asset, decimals, definition) = table.Chain == Chain.Btc ? ("btc", 8, BtcDefinition) : ("eth", 18, EthDefinition);
        return new TrendsDto(table.Chain.ToCode(), asset, decimals, bucket, source, Text(start), Text(end), table.DataHeight, table.LabelSet, definition,
            order.Select(c => ExposureCategories.All[c].Id).ToList(),
            order.ToDictionary(c => ExposureCategories.All[c].Id, c => totals[c].ToString(CultureInfo.InvariantCulture)),
            buckets);
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
