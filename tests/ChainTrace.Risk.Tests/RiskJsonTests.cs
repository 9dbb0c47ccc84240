using System.Text.Json;
using ChainTrace.Api;
using ChainTrace.Api.Screening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChainTrace.Risk.Tests;

/// <summary>The screening answer's hand-written JSON is, byte for byte, what the service's serializer writes for the same answer.</summary>
public sealed class RiskJsonTests
{
    public static TheoryData<string> Answers => ["empty", "full", "escaped"];

    [Theory]
    [MemberData(nameof(Answers))]
    public void Write_MatchesTheServiceSerializer(string name)
    {
        var options = new ServiceCollection().AddLogging().AddChainTraceApi().BuildServiceProvider()
            .GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var answer = Answer(name);
        var expected = JsonSerializer.Serialize(answer, options);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented }))
        {
            RiskJson.Write(writer, answer);
        }

        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static RiskDto Answer(string name) => name switch
    {
        "empty" => new RiskDto("btc", "bc1qempty", false, "never seen on chain up to height 5: no history; labels still apply", 0, "low", "allow",
            [], null, "0", "0", [], [], [], null, [], null, null),
        "full" => new RiskDto("eth", "0x00000000219ab540356cbb839cbe05303d7705fa", true, null, 87, "severe", "block", ["sanction: block", "second"],
            long.MaxValue, "115792089237316195423570985008687907853269984665640564039457584007913129639935", "1",
            [new ExposureDto("sanction", "incoming", "direct", "12345", 0.600006), new ExposureDto("mixing_service", "outgoing", "indirect", "1", 7.4E-05), new ExposureDto("scam", "outgoing", "indirect", "2", 1e-7)],
            [new DiscountedDto("sanction", "direct", "546", 3, "dust below 1000 sat, never spent")],
            [new RiskLabelDto("sanction", "OFAC SDN", "https://ofac.treasury.gov/", 100, "cluster")],
            new RiskModelDto("risk-v0003", 0.9999, [new FeatureDto("fan_in", 12, 0.25), new FeatureDto("round_share", 0.5, -0.125)]),
            [new RiskReasonDto("label", "sanction", 100, "listed"), new RiskReasonDto("model", null, 3, "model")],
            19_000_000, new DateTimeOffset(2026, 12, 4, 20, 3, 9, 123, TimeSpan.FromHours(2))),
        _ => new RiskDto("btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", true, "quote \" backslash \\ <tag> & ü 日本 \u0001", 50, "high", "review",
            ["a'b"], 0, "0", "0", [], [], [new RiskLabelDto("market", "Hydra \"market\" <ru>", "file:///labels/ä.yaml", 40, "address")],
            new RiskModelDto(null, double.Epsilon, []), [], 0, DateTimeOffset.UnixEpoch),
    };
}
