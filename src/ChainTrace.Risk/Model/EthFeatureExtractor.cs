using ChainTrace.Index.Account;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Risk.Model;

/// <summary>
/// Behavioural features per Ethereum account from the account read model, the counterpart of the Bitcoin
/// <see cref="FeatureExtractor"/> for a chain without coins: native transfer counts and amounts, round values,
/// activity span and rhythm, distinct counterparties, how much of what arrives goes on and how soon (a pass-through
/// account forwards nearly all of it within a few blocks), hops to fresh accounts (a recipient whose first transfer
/// this is), token share, the balance of incoming and outgoing transfers, deposit-cluster size, and exposure shares to
/// high-severity categories. As for Bitcoin, none is a label of the account itself: exposure starts from the seeds
/// handed in, and an evaluation withholds the evaluated entity's own labels from those.
/// </summary>
public static class EthFeatureExtractor
{
    /// <summary>Microether: amounts as log10(1 + wei / 10^12).</summary>
    private const double MicroEther = 1e12;

    public static IReadOnlyList<string> Names { get; } =
    [
        "native_in", "native_out", "log_received", "log_sent", "log_mean_received", "round_value_share",
        "active_blocks", "mean_block_gap", "log_distinct_senders", "log_distinct_recipients", "forward_ratio",
        "mean_blocks_to_forward", "fresh_recipient_share", "token_share", "incoming_share", "log_cluster_size", .. FeatureParts.IllicitShareNames,
    ];

    /// <summary>The features of every account, or of the <paramref name="only"/> ones (the other rows stay zero).</summary>
    public static FeatureTable Compute(EthIndex index, int[] roots, EthExposures exposures, IEnumerable<int>? only = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(exposures);
        var n = index.AddressCount;
        var table = new FeatureTable(n);
        var width = Names.Count;
        var clusterSize = FeatureParts.ClusterSizes(roots);
        var k = exposures.Categories;
        var senders = new HashSet<int>();
        var recipients = new HashSet<int>();
        foreach (var a in only ?? Enumerable.Range(0, n))
        {
            senders.Clear();
            recipients.Clear();
            int nativeIn = 0, nativeOut = 0, tokens = 0, round = 0, fresh = 0, forwards = 0;
            long first = long.MaxValue, last = long.MinValue, lastIn = -1;
            double toForward = 0;
            foreach (var id in index.TransfersOf(a))
            {
                var t = index.Transfer(id);
                first = Math.Min(first, t.Height);
                last = Math.Max(last, t.Height);
                if (t.Asset != 0)
                {
                    tokens++;
                    continue;
                }

                round += t.Value % 10_000_000_000_000_000UL == 0 && t.Value > 0 ? 1 : 0;
                if (t.To == a && t.From != a)
                {
                    nativeIn++;
                    senders.Add(t.From);
                    lastIn = t.Height;
                }
                else if (t.From == a && t.To != a)
                {
                    nativeOut++;
                    recipients.Add(t.To);
                    fresh += index.IsRecipientsFirst(id) ? 1 : 0;
                    if (lastIn >= 0)
                    {
                        toForward += t.Height - lastIn;
                        forwards++;
                    }
                }
            }

            var all = nativeIn + nativeOut + tokens;
            var native = nativeIn + nativeOut;
            var received = (double)exposures.Received[a];
            var sent = (double)exposures.Sent[a];
            var row = table.Values.AsSpan(a * width, width);
            row[0] = nativeIn;
            row[1] = nativeOut;
            row[2] = (float)Math.Log10(1 + (received / MicroEther));
            row[3] = (float)Math.Log10(1 + (sent / MicroEther));
            row[4] = nativeIn == 0 ? 0 : (float)Math.Log10(1 + (received / nativeIn / MicroEther));
            row[5] = native == 0 ? 0 : (float)round / native;
            row[6] = all == 0 ? 0 : last - first + 1;
            row[7] = all <= 1 ? 0 : (float)(last - first) / (all - 1);
            row[8] = (float)Math.Log10(1 + senders.Count);
            row[9] = (float)Math.Log10(1 + recipients.Count);
            row[10] = received == 0 ? 0 : (float)Math.Min(2, sent / received);
            row[11] = forwards == 0 ? -1 : (float)(toForward / forwards);
            row[12] = nativeOut == 0 ? 0 : (float)fresh / nativeOut;
            row[13] = all == 0 ? 0 : (float)tokens / all;
            row[14] = native == 0 ? 0 : (float)nativeIn / native;
            row[15] = (float)Math.Log10(clusterSize[roots[a]]);
            FeatureParts.WriteIllicitShares(row, 16, exposures.Amounts[a], k, received, sent);
        }

        return table;
    }
}
