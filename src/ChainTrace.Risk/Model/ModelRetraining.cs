using System.Globalization;
using System.Text.Json;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Ports;

namespace ChainTrace.Risk.Model;

/// <summary>What one retraining decided: the candidate's held-out metrics, the current model's, and whether it was promoted.</summary>
public sealed record RetrainDecision(bool Promoted, string Reason, ModelMetrics Candidate, ModelMetrics? Current, string? PromotedVersion, DateTimeOffset DecidedAt);

/// <summary>
/// The <c>retrain-model</c> step: evaluates a candidate on held-out entities exactly as <c>model evaluate</c> does and
/// promotes it (trains on every entity and saves it as the next version, which makes it current) only when it is not
/// worse than the current model on the stored held-out metrics: AUC, and the unseen-kind AUC when both were evaluated
/// with the same kind left out. Every decision, kept or promoted, is appended to <c>DATA/models/risk/decisions.jsonl</c>
/// (the Ethereum model's, <c>chain</c> eth, to <c>DATA/models/risk-eth/decisions.jsonl</c>).
/// </summary>
public static class ModelRetraining
{
    public const string DecisionsFile = "decisions.jsonl";

    public static async Task<RetrainDecision> RunAsync(
        string dataDirectory, IStoredBlockFeed store, ILabelStore labels, string truthDirectory, string unseenKind, TimeProvider clock, IProgress<string>? progress, CancellationToken cancellationToken,
        Chain chain = Chain.Btc)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var (candidate, rows) = await ModelEvaluation.RunAsync(chain, dataDirectory, store, labels, truthDirectory, unseenKind, progress, cancellationToken).ConfigureAwait(false);
        var current = RiskModelFiles.CurrentDirectory(dataDirectory, chain) is { } dir ? RiskModelFiles.LoadMetrics(dir) : null;
        var (promote, reason) = Decide(candidate, current);
        string? version = null;
        if (promote)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report("promoting: training on every entity");
            version = RiskModelFiles.VersionOf(ModelTrainer.TrainAndSave(dataDirectory, rows, candidate, chain));
        }

        var decision = new RetrainDecision(promote, reason, candidate, current, version, clock.GetUtcNow());
        Append(RiskModelFiles.Root(dataDirectory, chain), decision);
        return decision;
    }

    /// <summary>Not worse: no current model, or the candidate's AUC (and unseen-kind AUC, same kind held out) at least the current one's.</summary>
    public static (bool Promote, string Reason) Decide(ModelMetrics candidate, ModelMetrics? current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (current is null)
        {
            return (true, "no current model");
        }

        var inv = CultureInfo.InvariantCulture;
        if (candidate.Auc < current.Auc)
        {
            return (false, string.Create(inv, $"held-out auc {candidate.Auc:0.0000} below the current {current.Version}'s {current.Auc:0.0000}"));
        }

        if (candidate.UnseenKind == current.UnseenKind && candidate.UnseenKindAuc < current.UnseenKindAuc)
        {
            return (false, string.Create(inv, $"unseen_kind_auc ({candidate.UnseenKind}) {candidate.UnseenKindAuc:0.0000} below the current {current.Version}'s {current.UnseenKindAuc:0.0000}"));
        }

        return (true, string.Create(inv, $"held-out auc {candidate.Auc:0.0000} not below the current {current.Version}'s {current.Auc:0.0000}"));
    }

    private static void Append(string root, RetrainDecision decision)
    {
        Directory.CreateDirectory(root);
        File.AppendAllText(Path.Combine(root, DecisionsFile), JsonSerializer.Serialize(decision, Storage.RiskStore.Json) + "\n");
    }
}
