namespace ChainTrace.Ethereum.Model;

public enum TraceFrameType
{
    Call,
    Create,
    SelfDestruct,
    Reward,
}
