using ChainTrace.Core.Cases;

namespace ChainTrace.Api.Cases;

public sealed record CaseEventDto(long Id, string Actor, string Action, string Detail, DateTimeOffset At)
{
    public static CaseEventDto From(CaseEvent e) => new(e.Id, e.Actor, e.Action, e.Detail, e.At);
}
