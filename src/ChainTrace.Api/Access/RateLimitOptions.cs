using System.ComponentModel.DataAnnotations;

namespace ChainTrace.Api.Access;

/// <summary>
/// Per-key token buckets (section <c>RateLimits</c>; e.g. <c>CHAINTRACE__RateLimits__HeavyPerSecond=2</c>): each key has
/// one bucket per <see cref="RateLimitClass"/>, holding up to <c>Burst</c> requests and refilled by <c>PerSecond</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, int.MaxValue)]
    public int ScreeningBurst { get; set; } = 2000;

    [Range(1, int.MaxValue)]
    public int ScreeningPerSecond { get; set; } = 1000;

    [Range(1, int.MaxValue)]
    public int StandardBurst { get; set; } = 600;

    [Range(1, int.MaxValue)]
    public int StandardPerSecond { get; set; } = 300;

    [Range(1, int.MaxValue)]
    public int HeavyBurst { get; set; } = 20;

    [Range(1, int.MaxValue)]
    public int HeavyPerSecond { get; set; } = 5;

    /// <summary>Heavy requests running at once across all keys, so they cannot take every thread from screening.</summary>
    [Range(1, int.MaxValue)]
    public int HeavyConcurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);
}
