using System.Globalization;

namespace ChainTrace.Index.Evaluation;

/// <summary>The tracing engine against the simulator's taint truth (one flagged source × exchange pair per truth flow line).</summary>
public sealed record TracingScore(int Sources, int Pairs, double EndpointRecall, double FifoMaxRelErr, double HaircutMaxRelErr, bool PoisonSuperset)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"EVAL tracing sources={Sources} endpoint_recall={EndpointRecall:F4} fifo_max_rel_err={FifoMaxRelErr:F6} haircut_max_rel_err={HaircutMaxRelErr:F6} poison_superset={(PoisonSuperset ? "true" : "false")}");
}
