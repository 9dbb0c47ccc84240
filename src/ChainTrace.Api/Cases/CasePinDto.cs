using ChainTrace.Core.Cases;

namespace ChainTrace.Api.Cases;

public sealed record CasePinDto(long Id, string Kind, string? Chain, string Subject, string? Comment, string PinnedBy, DateTimeOffset PinnedAt)
{
    public static CasePinDto From(CasePin p) => new(p.Id, p.Kind.ToString().ToLowerInvariant(), p.Chain, p.Subject, p.Comment, p.PinnedBy, p.PinnedAt);
}
