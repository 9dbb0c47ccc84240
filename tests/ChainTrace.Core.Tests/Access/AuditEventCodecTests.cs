using System.Buffers;
using ChainTrace.Core.Access;

namespace ChainTrace.Core.Tests.Access;

public sealed class AuditEventCodecTests
{
    private static readonly AuditEvent Screening = new(DateTimeOffset.UnixEpoch, "alice", "exchange", "GET /v1/addresses/{chain}/{address}/risk", "address:btc:bc1qxyz", 200, "block", 0);

    public static TheoryData<AuditEvent> Events =>
    [
        Screening,
        new AuditEvent(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123), null, null, "GET /v1/transactions/{chain}/{id}", "tx:btc:ab", 401, null, null),
        new AuditEvent(DateTimeOffset.FromUnixTimeMilliseconds(253_402_300_799_999), "ключ-名前", "admin", "POST /v1/screenings", "", int.MaxValue, "", long.MaxValue),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Read_ReturnsTheEventWritten_FieldForField(AuditEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AuditEventCodec.Write(buffer, e);

        Assert.Equal(e, AuditEventCodec.Read(buffer.WrittenSpan));
    }

    [Fact]
    public void Read_Throws_WhenTheBytesAreCutOrTrailed()
    {
        var buffer = new ArrayBufferWriter<byte>();
        AuditEventCodec.Write(buffer, Screening);
        var bytes = buffer.WrittenSpan.ToArray();

        Assert.Throws<FormatException>(() => AuditEventCodec.Read(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => AuditEventCodec.Read([.. bytes, 0]));
    }
}
