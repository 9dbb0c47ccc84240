using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Api.Access;

/// <summary>
/// One-line declarations for endpoints and route groups: <c>group.RequireAccess(AccessPolicy.Read)</c>,
/// <c>.Audited("address", "chain", "address")</c>, <c>.WithRateLimit(RateLimitClass.Heavy)</c>.
/// </summary>
public static class AccessConventions
{
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new AccessMetadata(policy);
        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(metadata);
            // Fails closed: an app composed without the settings still requires the policy.
            var enabled = endpoint.ApplicationServices.GetService<AccessControlSettings>()?.Enabled ?? true;
            if (policy == AccessPolicy.Public)
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
            else if (enabled)
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(policy));
            }
        });
        return builder;
    }

    public static TBuilder Audited<TBuilder>(this TBuilder builder, string kind, params string[] routeValues)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditSubjectMetadata(kind, routeValues));

    /// <summary>Raises the request body limit from <see cref="AccessOptions.MaxRequestBodyBytes"/> to <see cref="MaxUploadBytes"/> (file imports).</summary>
    public static TBuilder AllowsUploads<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes));

    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public static TBuilder WithRateLimit<TBuilder>(this TBuilder builder, RateLimitClass rateLimitClass)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitMetadata(rateLimitClass));
}
