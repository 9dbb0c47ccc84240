using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Account;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// The labelled addresses exposure starts from: per address id the tracked category of its strongest label (its
/// own, its cluster's, or a cluster-defining label of a fellow member), -1 for none; and that label's confidence.
/// </summary>
public sealed class LabelSeeds(int[] categories, int[] confidence, string[] texts)
{
    public int[] Categories { get; } = categories;

    public int[] Confidence { get; } = confidence;

    /// <summary>Per address id the strongest label's text and source (null when unlabelled).</summary>
    public string[] Texts { get; } = texts;

    /// <summary>
    /// Reads the labels into seeds. <paramref name="withhold"/> (an address id test) drops the labels on those addresses
    /// before anything spreads over clusters, and those addresses end up unseeded: an evaluated entity's own labels
    /// then reach neither its addresses nor, through its cluster, anyone else's.
    /// </summary>
    public static Task<LabelSeeds> LoadAsync(ILabelStore labels, UtxoIndex index, int[] roots, CancellationToken cancellationToken, Func<int, bool>? withhold = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        return LoadAsync(labels, Chain.Btc, index.AddressCount, key => index.FindAddress(key), roots, cancellationToken, withhold);
    }

    /// <summary>The same over the Ethereum read model, its clusters those of the deposit heuristic.</summary>
    public static Task<LabelSeeds> LoadAsync(ILabelStore labels, EthIndex index, int[] roots, CancellationToken cancellationToken, Func<int, bool>? withhold = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        return LoadAsync(labels, Chain.Eth, index.AddressCount, key => index.FindAddress(key), roots, cancellationToken, withhold);
    }

    /// <summary>Either chain's read model: <paramref name="find"/> maps an address key to its id (-1 when unknown).</summary>
    private static async Task<LabelSeeds> LoadAsync(
        ILabelStore labels, Chain chain, int addressCount, FindAddress find, int[] roots, CancellationToken cancellationToken, Func<int, bool>? withhold = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(roots);
        var n = addressCount;
        var own = new int[n];
        var ownConfidence = new int[n];
        var texts = new string[n];
        Array.Fill(own, -1);
        var byRoot = new Dictionary<int, (int Category, int Confidence, string Text)>();
        long after = 0;
        while (true)
        {
            var page = await labels.ListAsync(new LabelQuery(chain, null, after, 5000), cancellationToken).ConfigureAwait(false);
            foreach (var stored in page.Items)
            {
                var label = stored.Label;
                var category = ExposureCategories.IndexOf(label.Category);
                if (category < 0)
                {
                    continue;
                }

                var text = $"{label.Text} ({label.Source})";
                if (label.Subject.Address is { } address)
                {
                    var id = find(address.Key);
                    if (id < 0 || withhold?.Invoke(id) == true)
                    {
                        continue;
                    }

                    if (Stronger(category, label.Confidence.Level, own[id], ownConfidence[id]))
                    {
                        own[id] = category;
                        ownConfidence[id] = label.Confidence.Level;
                        texts[id] = text;
                    }

                    if (label.IsClusterDefiner)
                    {
                        Merge(byRoot, roots[id], category, label.Confidence.Level, text);
                    }
                }
                else if (label.Subject.ClusterId is { } cluster && cluster < n && withhold?.Invoke(roots[(int)cluster]) != true)
                {
                    Merge(byRoot, roots[(int)cluster], category, label.Confidence.Level, text);
                }
            }

            if (page.NextAfter is not { } next)
            {
                break;
            }

            after = next;
        }

        if (byRoot.Count > 0)
        {
            for (var a = 0; a < n; a++)
            {
                if (byRoot.TryGetValue(roots[a], out var c) && Stronger(c.Category, c.Confidence, own[a], ownConfidence[a]))
                {
                    own[a] = c.Category;
                    ownConfidence[a] = c.Confidence;
                    texts[a] = c.Text;
                }
            }
        }

        if (withhold is not null)
        {
            for (var a = 0; a < n; a++)
            {
                if (withhold(a))
                {
                    own[a] = -1;
                    ownConfidence[a] = 0;
                    texts[a] = null!;
                }
            }
        }

        return new LabelSeeds(own, ownConfidence, texts);
    }

    /// <summary>An address key's id in a read model, -1 when it has none.</summary>
    private delegate int FindAddress(ReadOnlySpan<byte> key);

    private static void Merge(Dictionary<int, (int Category, int Confidence, string Text)> byRoot, int root, int category, int confidence, string text)
    {
        if (!byRoot.TryGetValue(root, out var have) || Stronger(category, confidence, have.Category, have.Confidence))
        {
            byRoot[root] = (category, confidence, text);
        }
    }

    /// <summary>A higher severity wins; at equal severity the higher confidence.</summary>
    private static bool Stronger(int category, int confidence, int than, int thanConfidence)
    {
        if (than < 0)
        {
            return true;
        }

        var a = ExposureCategories.All[category].DefaultSeverity;
        var b = ExposureCategories.All[than].DefaultSeverity;
        return a > b || (a == b && confidence > thanConfidence);
    }
}
