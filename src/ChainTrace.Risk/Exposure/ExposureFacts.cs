using ChainTrace.Core.Risk;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// One row of a pass (<see cref="AddressExposures"/>, <see cref="EthExposures"/>) as stored facts: the haircut-weighted
/// amounts rounded to whole base units, each with its share of what the address received or sent.
/// </summary>
internal static class ExposureFacts
{
    public const string DustReason = "unsolicited output below the dust threshold, never spent by the address";

    /// <summary>The Ethereum dust reason; it says what <see cref="DiscountedExposure.Outputs"/> counts there (transfers: an account has no outputs).</summary>
    public const string EthDustReason = "unsolicited transfer below the dust threshold from an address the recipient never sent to (outputs counts these transfers)";

    /// <param name="amounts">Layout <c>[(direction * 2 + type) * K + category]</c>, null when none.</param>
    /// <param name="discounted">Layout <c>[type * K + category]</c>, null when none.</param>
    /// <param name="exactDirect">Exact direct amounts, layout <c>[direction * K + category]</c>; when given they replace the rounded doubles of the direct slots.</param>
    /// <param name="exactDirectDust">Exact direct dust, layout <c>[category]</c>; the same for the direct dust slots.</param>
    public static RiskFacts Of(
        long? cluster, UInt128 received, UInt128 sent, double[]? amounts, int k, double[]? discounted, int discountedCount, string reason,
        UInt128[]? exactDirect = null, UInt128[]? exactDirectDust = null)
    {
        var list = new List<CategoryExposure>();
        if (amounts is not null)
        {
            for (var slot = 0; slot < 4; slot++)
            {
                var direction = slot < 2 ? ExposureDirection.Incoming : ExposureDirection.Outgoing;
                var total = direction == ExposureDirection.Incoming ? received : sent;
                for (var c = 0; c < k; c++)
                {
                    var amount = slot % 2 == 0 && exactDirect is not null ? exactDirect[(slot / 2 * k) + c] : (UInt128)Math.Round(amounts[(slot * k) + c]);
                    if (amount > 0 && total > 0)
                    {
                        list.Add(new CategoryExposure(ExposureCategories.All[c].Id, direction, (ExposureType)(slot % 2), amount, Math.Round((double)amount / (double)total, 6)));
                    }
                }
            }
        }

        var dust = new List<DiscountedExposure>();
        if (discounted is not null)
        {
            for (var slot = 0; slot < 2; slot++)
            {
                for (var c = 0; c < k; c++)
                {
                    var amount = slot == 0 && exactDirectDust is not null ? exactDirectDust[c] : (UInt128)Math.Round(discounted[(slot * k) + c]);
                    if (amount > 0)
                    {
                        dust.Add(new DiscountedExposure(ExposureCategories.All[c].Id, (ExposureType)slot, amount, discountedCount, reason));
                    }
                }
            }
        }

        return new RiskFacts(cluster, received, sent, list, dust);
    }
}
