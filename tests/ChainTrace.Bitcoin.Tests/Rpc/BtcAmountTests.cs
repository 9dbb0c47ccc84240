using System.Text.Json;
using ChainTrace.Bitcoin.Rpc;

namespace ChainTrace.Bitcoin.Tests.Rpc;

public class BtcAmountTests
{
    [Theory]
    [InlineData("50.00000000", 5_000_000_000)]
    [InlineData("0.00000001", 1)]
    [InlineData("0.1", 10_000_000)]
    [InlineData("20999999.97690000", 2_099_999_997_690_000)]
    [InlineData("1e-8", 1)]
    [InlineData("0", 0)]
    public void ToSatoshis_ConvertsExactly(string json, long satoshis)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(satoshis, BtcAmount.ToSatoshis(doc.RootElement, "value"));
    }

    [Theory]
    [InlineData("0.000000001", "not a whole number of satoshis")]
    [InlineData("-1", "outside")]
    [InlineData("21000000.00000001", "outside")]
    [InlineData("\"1.0\"", "expected a JSON number")]
    public void ToSatoshis_RejectsAmountsThatAreNotSatoshis(string json, string problem)
    {
        using var doc = JsonDocument.Parse(json);

        var ex = Assert.Throws<FormatException>(() => BtcAmount.ToSatoshis(doc.RootElement, "vin[0].prevout.value"));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("vin[0].prevout.value", ex.Message, StringComparison.Ordinal);
    }
}
