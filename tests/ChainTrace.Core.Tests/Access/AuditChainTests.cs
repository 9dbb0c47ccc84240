using ChainTrace.Core.Access;

namespace ChainTrace.Core.Tests.Access;

public sealed class AuditChainTests
{
    private static readonly IReadOnlyList<AuditEntry> Chain = AuditChain.Link(0, AuditChain.Genesis,
    [
        new AuditEvent(DateTimeOffset.UnixEpoch, "alice", "investigator", "GET /v1/addresses/{chain}/{address}", "address:btc:a", 200, null, 599),
        new AuditEvent(DateTimeOffset.UnixEpoch.AddSeconds(1), null, null, "GET /v1/addresses/{chain}/{address}", "address:btc:b", 401, null, null),
        new AuditEvent(DateTimeOffset.UnixEpoch.AddSeconds(2), "bob", "exchange", "POST /v1/screenings", "address:btc:c", 200, "block", 600),
    ]);

    [Fact]
    public async Task Verify_AcceptsTheChainAsLinked()
    {
        var result = await AuditChain.VerifyAsync(Chain.ToAsyncEnumerable(), CancellationToken.None);

        Assert.True(result.IsIntact);
        Assert.Equal(3, result.Checked);
    }

    public static TheoryData<string> Tamperings => ["status", "decision", "key", "null-height", "drop", "swap"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Verify_NamesTheFirstBadEntry_WhenAnEntryIsChangedDroppedOrMoved(string tampering)
    {
        var entries = Chain.ToList();
        var (index, expected) = tampering switch
        {
            "status" => (1, 2L),
            "decision" => (2, 3L),
            "key" => (0, 1L),
            "null-height" => (0, 1L),
            _ => (-1, 0L),
        };
        switch (tampering)
        {
            case "status": entries[1] = entries[1] with { Event = entries[1].Event with { Status = 200 } }; break;
            case "decision": entries[2] = entries[2] with { Event = entries[2].Event with { Decision = "allow" } }; break;
            case "key": entries[0] = entries[0] with { Event = entries[0].Event with { KeyName = "mallory" } }; break;
            case "null-height": entries[0] = entries[0] with { Event = entries[0].Event with { DataHeight = null } }; break;
            case "drop": entries.RemoveAt(1); expected = 3; break;
            case "swap": (entries[1], entries[2]) = (entries[2], entries[1]); expected = 3; break;
        }

        var result = await AuditChain.VerifyAsync(entries.ToAsyncEnumerable(), CancellationToken.None);

        Assert.False(result.IsIntact);
        Assert.Equal(expected, result.FailedSequence);
        Assert.True(index < 0 || result.Reason!.Contains("changed", StringComparison.Ordinal), result.Reason);
    }

    [Fact]
    public void KeySecret_HasAnId_AndAtLeast128RandomBits_AndNeverRepeats()
    {
        var texts = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Create("k", ApiRole.Admin, DateTimeOffset.UnixEpoch, null).Text).ToList();

        Assert.Equal(100, texts.Distinct().Count());
        Assert.All(texts, t => Assert.NotNull(ApiKeySecret.TryGetId(t)));
        Assert.Null(ApiKeySecret.TryGetId(texts[0][..^1]));
        Assert.Null(ApiKeySecret.TryGetId("ct_XXXXXXXXXXXX_" + new string('a', 43)));
        Assert.Throws<FormatException>(() => ApiKeySecret.Create("no spaces", ApiRole.Admin, DateTimeOffset.UnixEpoch, null));
    }
}
