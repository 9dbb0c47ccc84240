using ChainTrace.Risk.Model;

namespace ChainTrace.Risk.Tests;

/// <summary><c>retrain-model</c>'s rule: a candidate is promoted unless it is worse than the current model on held-out AUC, or on unseen-kind AUC with the same kind held out.</summary>
public sealed class RetrainDecisionTests
{
    private static ModelMetrics Metrics(double auc, double unseen, string kind = "hacking", string version = "risk-v0001") =>
        new(version, auc, 0.9, 0.8, 0.85, 0.5, 1000, 200, unseen, kind, 5000, DateTimeOffset.UnixEpoch);

    [Fact]
    public void WithoutACurrentModel_TheCandidateIsPromoted() => Assert.True(ModelRetraining.Decide(Metrics(0.7, 0.6), null).Promote);

    [Theory]
    [InlineData(0.95, 0.90, 0.95, 0.90, true)]   // equal is not worse
    [InlineData(0.96, 0.91, 0.95, 0.90, true)]
    [InlineData(0.9499, 0.99, 0.95, 0.90, false)] // AUC lower
    [InlineData(0.97, 0.8999, 0.95, 0.90, false)] // unseen-kind AUC lower, same kind
    public void NotWorse_OnBothHeldOutAucs(double auc, double unseen, double currentAuc, double currentUnseen, bool promoted)
    {
        var (promote, reason) = ModelRetraining.Decide(Metrics(auc, unseen, version: "unsaved"), Metrics(currentAuc, currentUnseen));
        Assert.Equal(promoted, promote);
        Assert.Contains("risk-v0001", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnseenKindAucOfAnotherHeldOutKind_IsNotCompared() =>
        Assert.True(ModelRetraining.Decide(Metrics(0.96, 0.50, kind: "scam"), Metrics(0.95, 0.90)).Promote);
}
