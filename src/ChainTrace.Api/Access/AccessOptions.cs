using System.ComponentModel.DataAnnotations;

namespace ChainTrace.Api.Access;

/// <summary>Section <c>Access</c>: key caching, CORS and request limits.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long a looked-up key is trusted before it is read again, so a revocation by the CLI takes effect within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Origins allowed by CORS; empty (the default) sends no CORS headers at all.</summary>
    public string[] CorsOrigins { get; set; } = [];

    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
