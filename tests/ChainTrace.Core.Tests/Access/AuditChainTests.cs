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

    [Fact]
    public void Hash_IsTheDocumentedEncoding_ComputedIndependently()
    {
        // Expected values from Python's hashlib over the documented encoding (previous hash, then big-endian int64
        // sequence, time in ms, length-prefixed UTF-8 texts with -1 for null, status, decision, height or -1): a
        // change of the encoding would break every stored chain.
        Assert.Equal("be562dcdead1cb541a7b9b88c749d1d9984a2fe1f0d72d0b0aea373b0d95aa93", Convert.ToHexStringLower(Chain[2].Hash.Span));
        var longEvent = new AuditEvent(DateTimeOffset.UnixEpoch.AddSeconds(3), "zoë-ключ", "exchange", "GET /x", "address:btc:" + new string('é', 600), 200, "allow", 7);
        Assert.Equal("e43a18642caa424c1726e3809b5158ad96d956015e4238cebe9212f09c12b07e", Convert.ToHexStringLower(AuditChain.Hash(Chain[2].Hash.Span, 4, longEvent)));
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
