namespace ChainTrace.Core.Risk;

/// <summary>What the exchange should do with the withdrawal or deposit.</summary>
public enum ScreeningDecision
{
    Allow = 0,
    Review = 1,
    Block = 2,
}
