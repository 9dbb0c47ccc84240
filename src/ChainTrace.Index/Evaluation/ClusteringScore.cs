using System.Globalization;

namespace ChainTrace.Index.Evaluation;

/// <summary>Pairwise precision and recall of predicted clusters against true entities, over the truth's addresses seen on chain.</summary>
public sealed record ClusteringScore(double Precision, double Recall, long Predicted, long True, long Largest, long LargestTrue, long Addresses)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"EVAL clustering precision={Precision:F4} recall={Recall:F4} f1={F1:F4} predicted={Predicted} true={True} largest={Largest} largest_true={LargestTrue}");
}
