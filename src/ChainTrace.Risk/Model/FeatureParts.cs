using ChainTrace.Core.Labels;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Risk.Model;

/// <summary>What both chains' feature extractors compute alike: cluster sizes and the exposure shares to high-severity categories.</summary>
internal static class FeatureParts
{
    /// <summary>Per exposure category whether it counts as illicit for the exposure features (default severity high or above).</summary>
    private static readonly bool[] Illicit = ExposureCategories.All.Select(c => c.DefaultSeverity >= Severity.High).ToArray();

    /// <summary>The names of the four shares <see cref="WriteIllicitShares"/> writes, in its order: the last columns of either chain's features.</summary>
    public static readonly string[] IllicitShareNames = ["in_direct_illicit", "in_indirect_illicit", "out_direct_illicit", "out_indirect_illicit"];

    /// <summary>Each cluster root's number of members.</summary>
    public static Dictionary<int, int> ClusterSizes(int[] roots)
    {
        var sizes = new Dictionary<int, int>();
        foreach (var r in roots)
        {
            sizes[r] = sizes.GetValueOrDefault(r) + 1;
        }

        return sizes;
    }

    /// <summary>
    /// The four shares (incoming direct, incoming indirect, outgoing direct, outgoing indirect) of received or sent value
    /// from or to illicit categories, into <paramref name="row"/> from <paramref name="offset"/>; <paramref name="amounts"/>
    /// in the exposures' layout <c>[(direction * 2 + type) * K + category]</c>, null for none.
    /// </summary>
    public static void WriteIllicitShares(Span<float> row, int offset, double[]? amounts, int categories, double received, double sent)
    {
        if (amounts is null)
        {
            return;
        }

        for (var slot = 0; slot < 4; slot++)
        {
            var total = slot < 2 ? received : sent;
            double sum = 0;
            for (var c = 0; c < categories; c++)
            {
                sum += Illicit[c] ? amounts[(slot * categories) + c] : 0;
            }

            row[offset + slot] = total == 0 ? 0 : (float)Math.Min(1, sum / total);
        }
    }
}
