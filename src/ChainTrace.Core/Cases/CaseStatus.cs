namespace ChainTrace.Core.Cases;

public enum CaseStatus
{
    Open,
    Closed,
}
