using ChainTrace.Core.Addresses;

namespace ChainTrace.Jobs.Rules;

/// <summary>One subject of a watchlist as written (<see cref="Text"/>: an address or <c>cluster:&lt;id&gt;</c>) and the addresses it stands for now.</summary>
public sealed record WatchedSubject(string Text, IReadOnlyList<Address> Addresses);
