using ChainTrace.Core.Cases;

namespace ChainTrace.Api.Cases;

public sealed record CaseNoteDto(long Id, string Text, string Author, DateTimeOffset CreatedAt)
{
    public static CaseNoteDto From(CaseNote n) => new(n.Id, n.Text, n.Author, n.CreatedAt);
}
