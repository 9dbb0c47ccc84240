using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NBitcoin;

namespace ChainTrace.Web.Tests;

/// <summary>The neighbours API's first/last block per neighbour and its total, against the demo blocks read by NBitcoin.</summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class NeighbourTimesApiTests(WebFixture web)
{
    [Theory]
    [InlineData("in")]
    [InlineData("out")]
    public async Task Neighbours_CarryTheFirstAndLastBlockWithEachNeighbour_AndTheTotal(string direction)
    {
        var subject = web.Exchange;
        var expected = new Dictionary<string, (int First, int Last)>();
        var coins = new Dictionary<OutPoint, string?>();
        var blocks = DemoBlocks.Read(web.Data);
        for (var height = 0; height < blocks.Count; height++)
        {
            foreach (var tx in blocks[height].Block.Transactions)
            {
                var payers = tx.IsCoinBase ? [] : tx.Inputs.Select(i => coins[i.PrevOut]).OfType<string>().ToHashSet();
                var payees = tx.Outputs.Select(DemoBlocks.AddressOf).OfType<string>().ToHashSet();
                for (var i = 0; i < tx.Outputs.Count; i++)
                {
                    coins[new OutPoint(tx, i)] = DemoBlocks.AddressOf(tx.Outputs[i]);
                }

                var (self, others) = direction == "in" ? (payees, payers) : (payers, payees);
                if (!self.Contains(subject))
                {
                    continue;
                }

                foreach (var other in others.Where(o => o != subject))
                {
                    expected[other] = expected.TryGetValue(other, out var span) ? (Math.Min(span.First, height), Math.Max(span.Last, height)) : (height, height);
                }
            }
        }

        using var api = web.Api();
        var seen = new Dictionary<string, JsonElement>();
        string? cursor = null;
        int? total = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{subject}/neighbours?direction={direction}&limit=25{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            total = page.GetProperty("total").GetInt32();
            foreach (var n in page.GetProperty("neighbours").EnumerateArray())
            {
                seen[n.GetProperty("address").GetString()!] = n;
            }

            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.True(expected.Count > 25, "the subject has more neighbours than one page of 25");
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), seen.Keys.Order(StringComparer.Ordinal));
        foreach (var (address, (first, last)) in expected)
        {
            var n = seen[address];
            Assert.Equal(first, n.GetProperty("firstHeight").GetInt64());
            Assert.Equal(last, n.GetProperty("lastHeight").GetInt64());
            Assert.Equal(blocks[first].Time, DateTimeOffset.Parse(n.GetProperty("firstTime").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(blocks[last].Time, DateTimeOffset.Parse(n.GetProperty("lastTime").GetString()!, CultureInfo.InvariantCulture));
        }
    }
}
