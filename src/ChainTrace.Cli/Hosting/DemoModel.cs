using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Risk.Model;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Hosting;

/// <summary>
/// The demo's Bitcoin behaviour model, so its risk answers and the page show a model probability with the features
/// behind it from the first call: evaluated and trained as <c>model train --truth DATA/demo/truth</c> does. The demo
/// holds few illicit entities, and the model scores the same economy it learnt from: its probabilities there are
/// in-sample, a showcase of the explanation, not evidence of accuracy (<c>model evaluate</c> on the <c>risk</c>
/// scenario measures that). The demo's Ethereum part has too few labelled entities of both classes for a model.
/// </summary>
public static class DemoModel
{
    /// <returns>The line to log: the version trained (with its held-out EVAL line), the one already there, or why none was trained.</returns>
    public static async Task<string> TrainIfMissingAsync(DataDirectory data, SqliteGraphStore store, ILabelStore labels, string truth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (RiskModelFiles.CurrentDirectory(data.Path) is { } existing)
        {
            return $"model: {RiskModelFiles.VersionOf(existing)} already trained";
        }

        try
        {
            var (metrics, rows) = await ModelEvaluation.RunAsync(Chain.Btc, data.Path, store, labels, truth, ModelEvaluation.DefaultUnseenKind, null, cancellationToken);
            var dir = ModelTrainer.TrainAndSave(data.Path, rows, metrics);
            return $"model: {RiskModelFiles.VersionOf(dir)} trained on the demo's own ground truth (held out by entity: {metrics.EvalLine()}); its probabilities on the demo are in-sample";
        }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException or InvalidOperationException)
        {
            return $"model: none trained for the demo ({ex.Message}); risk answers score labels and exposure only";
        }
    }
}
