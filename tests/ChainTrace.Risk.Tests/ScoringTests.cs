using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;

namespace ChainTrace.Risk.Tests;

public sealed class ScoringTests
{
    private static RiskLabel Label(string category, int confidence) => new(LabelTaxonomy.Parse(category), confidence, "x", "test", false);

    [Fact]
    public void SanctionedLabel_IsSevere_AndBlocks()
    {
        var score = RiskScorer.Score(RiskFacts.None, [Label("sanction", 100)]);
        Assert.Equal(RiskLevel.Severe, score.Level);
        Assert.Equal("sanction", score.Reasons[0].Category);
        Assert.Equal(ScreeningDecision.Block, ScreeningPolicy.Default.Decide(score, RiskFacts.None).Decision);
    }

    [Fact]
    public void Reasons_AreStrongestFirst_ThenByCode_ThenInTheOrderFound()
    {
        // Found in this order: labels sanction (95) and gambling (45); exposures ransomware and sanction (direct, all
        // received: 90 each) and a trace of ransomware (0.1 %: 90 x 0.501 = 45); dust (0); the model (p 0.5: 40).
        // Among the 90s the two exposures keep their order; among the 45s "exposure" sorts before "label".
        var facts = new RiskFacts(null, 200, 0,
            [
                new CategoryExposure("ransomware", ExposureDirection.Incoming, ExposureType.Direct, 100, 1.0),
                new CategoryExposure("sanction", ExposureDirection.Incoming, ExposureType.Direct, 100, 1.0),
                new CategoryExposure("ransomware", ExposureDirection.Incoming, ExposureType.Direct, 1, 0.001),
            ],
            [new DiscountedExposure("sanction", ExposureType.Direct, 600, 1, "dust")],
            ModelProbability: 0.5);
        var score = RiskScorer.Score(facts, [Label("sanction", 100), Label("gambling", 100)]);
        Assert.Equal(
            ["label:sanction:95", "exposure:ransomware:90", "exposure:sanction:90", "exposure:ransomware:45", "label:gambling:45", "model::40", "dust_discounted:sanction:0"],
            score.Reasons.Select(r => $"{r.Code}:{r.Category}:{r.Points}"));
        Assert.Equal(95, score.Score);
        Assert.Equal("100.0 % of received value came from ransomware (direct)", score.Reasons[1].Detail);
    }

    [Fact]
    public void LowConfidenceLabel_AloneCannotBlock_ButReviews()
    {
        var score = RiskScorer.Score(RiskFacts.None, [Label("sanction", 20)]);
        Assert.Equal(RiskLevel.Severe, score.Level);
        Assert.True(score.LowConfidenceOnly);
        var (decision, why) = ScreeningPolicy.Default.Decide(score, RiskFacts.None);
        Assert.Equal(ScreeningDecision.Review, decision);
        Assert.Contains(why, w => w.Contains("low-confidence", StringComparison.Ordinal));
    }

    [Fact]
    public void LowConfidenceLabel_WithStrongExposure_StillBlocks()
    {
        var facts = new RiskFacts(null, 100, 0, [new CategoryExposure("ransomware", ExposureDirection.Incoming, ExposureType.Direct, 100, 1.0)], []);
        var score = RiskScorer.Score(facts, [Label("sanction", 20)]);
        Assert.False(score.LowConfidenceOnly);
        Assert.Equal(ScreeningDecision.Block, ScreeningPolicy.Default.Decide(score, facts).Decision);
    }

    [Fact]
    public void DiscountedDust_GivesNoPoints_AndIsNamed()
    {
        var facts = new RiskFacts(null, 600, 0, [], [new DiscountedExposure("sanction", ExposureType.Direct, 600, 1, "dust")]);
        var score = RiskScorer.Score(facts, []);
        Assert.Equal(RiskLevel.Low, score.Level);
        Assert.Contains(score.Reasons, r => r.Code == "dust_discounted" && r.Category == "sanction" && r.Points == 0);
    }

    [Fact]
    public void IndirectExposure_WeighsLessThanDirect_AndPolicyRulesReview()
    {
        var direct = RiskScorer.Score(new RiskFacts(null, 100, 0, [new CategoryExposure("mixing_service", ExposureDirection.Incoming, ExposureType.Direct, 30, 0.3)], []), []);
        var indirectFacts = new RiskFacts(null, 100, 0, [new CategoryExposure("mixing_service", ExposureDirection.Incoming, ExposureType.Indirect, 30, 0.3)], []);
        var indirect = RiskScorer.Score(indirectFacts, []);
        Assert.True(direct.Score > indirect.Score);
        var strict = new ScreeningPolicy { Rules = [new ScreeningRule("mixing_service", ExposureType.Indirect, ExposureDirection.Incoming, 0.2, ScreeningDecision.Block)] };
        Assert.Equal(ScreeningDecision.Allow, ScreeningPolicy.Default.Decide(indirect, indirectFacts).Decision);
        Assert.Equal(ScreeningDecision.Block, strict.Decide(indirect, indirectFacts).Decision);
    }

    [Theory]
    [InlineData("ransomware", ScreeningDecision.Review)]
    [InlineData("service_hack", ScreeningDecision.Allow)]
    [InlineData("scam", ScreeningDecision.Allow)]
    public void PayingWhatVictimsPay_IsMediumAtMost_AndNamedAsSuch(string category, ScreeningDecision expected)
    {
        var facts = new RiskFacts(null, 100, 90, [new CategoryExposure(category, ExposureDirection.Outgoing, ExposureType.Direct, 90, 0.9)], []);
        var score = RiskScorer.Score(facts, []);
        Assert.Equal(RiskLevel.Medium, score.Level);
        Assert.Equal(RiskScorer.VictimPaymentPoints, score.Score);
        Assert.Contains("victims", score.Reasons[0].Detail, StringComparison.Ordinal);
        // The policy's per-category rule (ransomware direct >= 10%) still asks a compliance officer to look.
        Assert.Equal(expected, ScreeningPolicy.Default.Decide(score, facts).Decision);
    }

    [Theory]
    [InlineData("sanction", ExposureDirection.Outgoing)]
    [InlineData("ransomware", ExposureDirection.Incoming)]
    [InlineData("service_hack", ExposureDirection.Incoming)]
    public void PayingASanctionedEntity_OrReceivingFromCriminals_CountsInFull(string category, ExposureDirection direction)
    {
        var facts = new RiskFacts(null, 100, 90, [new CategoryExposure(category, direction, ExposureType.Direct, 90, 0.9)], []);
        var score = RiskScorer.Score(facts, []);
        Assert.Equal(RiskLevel.Severe, score.Level);
        Assert.Equal(ScreeningDecision.Block, ScreeningPolicy.Default.Decide(score, facts).Decision);
    }

    [Fact]
    public void AVictimPattern_DoesNotHideTheAddresssOwnLabel()
    {
        var facts = new RiskFacts(null, 100, 90, [new CategoryExposure("ransomware", ExposureDirection.Outgoing, ExposureType.Direct, 90, 0.9)], []);
        var score = RiskScorer.Score(facts, [Label("ransomware", 100)]);
        Assert.Equal(RiskLevel.Severe, score.Level);
        Assert.Equal("label", score.Reasons[0].Code);
    }

    [Fact]
    public void Auc_OfPerfectAndReversedRankings()
    {
        Assert.Equal(1.0, Model.ModelTrainer.Auc([(0.9, true), (0.8, true), (0.1, false)]));
        Assert.Equal(0.0, Model.ModelTrainer.Auc([(0.1, true), (0.8, false), (0.9, false)]));
        Assert.Equal(0.5, Model.ModelTrainer.Auc([(0.5, true), (0.5, false)]));
    }
}
