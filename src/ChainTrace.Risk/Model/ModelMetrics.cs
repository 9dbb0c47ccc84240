using System.Globalization;

namespace ChainTrace.Risk.Model;

/// <summary>A model's evaluation on held-out entities, stored beside it as <c>metrics.json</c>.</summary>
public sealed record ModelMetrics(
    string Version, double Auc, double Precision, double Recall, double F1, double Threshold, int Entities, int Illicit, double UnseenKindAuc, string UnseenKind,
    int TrainRows, DateTimeOffset TrainedAt)
{
    /// <summary>The line <c>model evaluate</c> prints (the form the issue names).</summary>
    public string EvalLine() => string.Create(CultureInfo.InvariantCulture,
        $"EVAL model auc={Auc:0.0000} precision={Precision:0.0000} recall={Recall:0.0000} f1={F1:0.0000} threshold={Threshold:0.00} entities={Entities} illicit={Illicit} unseen_kind_auc={UnseenKindAuc:0.0000}");
}
