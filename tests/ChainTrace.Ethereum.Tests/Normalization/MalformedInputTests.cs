using System.Text.Json;
using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Parsing;

namespace ChainTrace.Ethereum.Tests.Normalization;

public class MalformedInputTests
{
    private const string Block = """
        {"number":"0x10","hash":"0x246edb4b351d93c27926f4649bcf6c24366e2a7c7c718dc9158eea20c03bc6ae",
         "parentHash":"0x2610dc6eb941f4bcbddfd2362b999087ccd956e978f0ece4f8da96851283a2ba","timestamp":"0x5",
         "transactions":[{"hash":"0x04cbcb236043d8fb7839e07bbc7f5eed692fb2ca55d897f1101eac3e3ad4fab8","transactionIndex":"0x0",
           "from":"0x1b63142628311395ceafeea5667e7c9026c862ca","to":"0xf4eced2f682ce333f96f2d8966c613ded8fc95dd",
           "value":"VALUE","gas":"0x5208"}]}
        """;

    [Theory]
    [InlineData("18446744073709551615", "is larger than 9223372036854775807")]
    [InlineData("-5", "is not a non-negative integer")]
    [InlineData("12x", "is not a non-negative integer")]
    public void BadDecimalField_SaysWhetherItIsTooLargeOrNotANumber(string text, string problem)
    {
        var e = Assert.Throws<MalformedDataException>(() => EthHex.DecimalInt64(text, "receipts.csv line 3", "gas_used"));

        Assert.Equal("receipts.csv line 3", e.Location);
        Assert.Contains($"field 'gas_used': '{text}' {problem}", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0xZZ", "'Z' is not a hex digit")]
    [InlineData("12", "expected 0x")]
    [InlineData("0x", "expected 0x and 1 to 64 hex digits")]
    [InlineData("0x10000000000000000000000000000000000000000000000000000000000000000", "expected 0x and 1 to 64 hex digits")]
    public void BadHexValue_NamesTheBlockTransactionAndField(string value, string problem)
    {
        using var doc = JsonDocument.Parse(Block.Replace("VALUE", value, StringComparison.Ordinal));

        var e = Assert.Throws<MalformedDataException>(() => RpcBlockReader.ReadBlock(doc.RootElement, "rpc test"));

        Assert.Contains("block 16 tx 0", e.Location, StringComparison.Ordinal);
        Assert.Contains("field 'value'", e.Problem, StringComparison.Ordinal);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MixedCaseAddressWithBadChecksum_IsRejected()
    {
        using var doc = JsonDocument.Parse(Block.Replace("VALUE", "0x1", StringComparison.Ordinal)
            .Replace("0x1b63142628311395ceafeea5667e7c9026c862ca", "0x1B63142628311395ceafeea5667e7c9026c862ca", StringComparison.Ordinal));

        var e = Assert.Throws<MalformedDataException>(() => RpcBlockReader.ReadBlock(doc.RootElement, "rpc test"));

        Assert.Contains("field 'from'", e.Problem, StringComparison.Ordinal);
        Assert.Contains("EIP-55", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockWithTransactionHashesOnly_IsRefusedWithAReason()
    {
        using var doc = JsonDocument.Parse("""{"number":"0x1","hash":"0x246edb4b351d93c27926f4649bcf6c24366e2a7c7c718dc9158eea20c03bc6ae","parentHash":"0x2610dc6eb941f4bcbddfd2362b999087ccd956e978f0ece4f8da96851283a2ba","timestamp":"0x5","transactions":["0x04cbcb236043d8fb7839e07bbc7f5eed692fb2ca55d897f1101eac3e3ad4fab8"]}""");

        var e = Assert.Throws<MalformedDataException>(() => RpcBlockReader.ReadBlock(doc.RootElement, "rpc"));

        Assert.Contains("full transaction objects", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTraceType_IsMalformed()
    {
        using var doc = JsonDocument.Parse("""[{"type":"teleport","action":{},"traceAddress":[]}]""");

        var e = Assert.Throws<MalformedDataException>(() => ParityTraceReader.Read(doc.RootElement, "trace_block 5"));

        Assert.Contains("teleport", e.Problem, StringComparison.Ordinal);
        Assert.Contains("trace_block 5 trace 0", e.Location, StringComparison.Ordinal);
    }
}
