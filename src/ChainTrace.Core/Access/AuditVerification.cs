namespace ChainTrace.Core.Access;

/// <summary>The result of checking the audit chain: how many entries were checked and the first that failed, if any.</summary>
public sealed record AuditVerification(long Checked, long? FailedSequence, string? Reason)
{
    public bool IsIntact => FailedSequence is null;
}
