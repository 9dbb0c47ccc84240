using ChainTrace.Core.Cases;

namespace ChainTrace.Api.Cases;

public sealed record CaseDto(string Id, string Title, string Description, string Status, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CaseDto From(InvestigationCase c) => new(c.Id, c.Title, c.Description, c.Status == CaseStatus.Closed ? "closed" : "open", c.CreatedBy, c.CreatedAt, c.UpdatedAt);
}
