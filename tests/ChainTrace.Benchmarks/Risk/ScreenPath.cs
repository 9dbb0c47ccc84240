using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using ChainTrace.Api.Screening;
using ChainTrace.Core.Addresses;
using ChainTrace.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// The answer path of one screening, in process and on one thread, stage by stage: parsing the address, the
/// lookup with labels, score and decision (<see cref="RiskService.ScreenAsync"/>), the answer's DTO, and its JSON.
/// No HTTP, keys or audit: it says what the endpoint itself costs per request, which the wrk figures cannot split.
/// </summary>
internal static class ScreenPath
{
    private const int Passes = 4;

    public static async Task<string> MeasureAsync(IServiceProvider services, string dataDirectory, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var lookup = services.GetRequiredService<RiskLookup>();
        var risk = services.GetRequiredService<RiskService>();
        var parsed = new Address[addresses.Count];
        var answers = new RiskAnswer[addresses.Count];
        var dtos = new RiskDto[addresses.Count];
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer);
        // The fastest of a few passes: the first warms the JIT and the page cache; the machine is shared and noisy.
        double parse = double.MaxValue, screen = double.MaxValue, map = double.MaxValue, write = double.MaxValue;
        // Bytes allocated by each stage (of the last pass, on this thread; the await continuations stay on it as the lookups complete synchronously).
        var allocated = new long[4];
        for (var pass = 0; pass < Passes; pass++)
        {
            var mark = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < addresses.Count; i++)
            {
                parsed[i] = (await lookup.ParseAsync("btc", addresses[i], cancellationToken)).Address!;
            }

            parse = Math.Min(parse, clock.Elapsed.TotalMicroseconds);
            mark = Allocated(allocated, 0, mark);
            clock.Restart();
            for (var i = 0; i < addresses.Count; i++)
            {
                answers[i] = await risk.ScreenAsync(parsed[i], cancellationToken);
            }

            screen = Math.Min(screen, clock.Elapsed.TotalMicroseconds);
            mark = Allocated(allocated, 1, mark);
            clock.Restart();
            for (var i = 0; i < addresses.Count; i++)
            {
                dtos[i] = RiskMapping.ToDto(answers[i]);
            }

            map = Math.Min(map, clock.Elapsed.TotalMicroseconds);
            mark = Allocated(allocated, 2, mark);
            clock.Restart();
            for (var i = 0; i < addresses.Count; i++)
            {
                buffer.ResetWrittenCount();
                json.Reset();
                RiskJson.Write(json, dtos[i]);
                json.Flush();
            }

            write = Math.Min(write, clock.Elapsed.TotalMicroseconds);
            Allocated(allocated, 3, mark);
        }

        // The screening's parts: the stored facts, the labels, the score and the decision.
        var labels = services.GetRequiredService<RiskLabelSource>();
        using var store = ChainTrace.Risk.Storage.RiskStore.TryOpen(RiskRefresh.StorePath(dataDirectory))!;
        var facts = new ChainTrace.Core.Risk.RiskFacts?[addresses.Count];
        var found = new IReadOnlyList<ChainTrace.Core.Risk.RiskLabel>[addresses.Count];
        var scores = new ChainTrace.Core.Risk.RiskScore[addresses.Count];
        double find = double.MaxValue, label = double.MaxValue, score = double.MaxValue, decide = double.MaxValue;
        for (var pass = 0; pass < Passes; pass++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < addresses.Count; i++)
            {
                facts[i] = store.Find(parsed[i].Key);
            }

            find = Math.Min(find, clock.Elapsed.TotalMicroseconds);
            clock.Restart();
            for (var i = 0; i < addresses.Count; i++)
            {
                found[i] = await labels.GetAsync(parsed[i], facts[i]?.ClusterId, cancellationToken);
            }

            label = Math.Min(label, clock.Elapsed.TotalMicroseconds);
            clock.Restart();
            for (var i = 0; i < addresses.Count; i++)
            {
                scores[i] = ChainTrace.Core.Risk.RiskScorer.Score(facts[i] ?? ChainTrace.Core.Risk.RiskFacts.None, found[i]);
            }

            score = Math.Min(score, clock.Elapsed.TotalMicroseconds);
            clock.Restart();
            for (var i = 0; i < addresses.Count; i++)
            {
                _ = risk.Policy.Decide(scores[i], facts[i] ?? ChainTrace.Core.Risk.RiskFacts.None);
            }

            decide = Math.Min(decide, clock.Elapsed.TotalMicroseconds);
        }

        var n = (double)addresses.Count;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"answer path per request (one thread, {addresses.Count} addresses): parse {parse / n:F2} us, screening {screen / n:F2} us (stored facts {find / n:F2}, labels {label / n:F2}, score {score / n:F2}, decision {decide / n:F2}), dto {map / n:F2} us, json {write / n:F2} us; allocated per request: parse {allocated[0] / n:F0} B, screening {allocated[1] / n:F0} B, dto {allocated[2] / n:F0} B, json {allocated[3] / n:F0} B");
    }

    /// <summary>Records the bytes this thread allocated since <paramref name="mark"/> as stage <paramref name="stage"/>'s; returns the new mark.</summary>
    private static long Allocated(long[] allocated, int stage, long mark)
    {
        var now = GC.GetAllocatedBytesForCurrentThread();
        allocated[stage] = now - mark;
        return now;
    }
}
