using ChainTrace.Api.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChainTrace.Api.Access;

/// <summary>
/// Keys, roles, rate limits, audit and hardening. The host registers the app-state ports (<c>IApiKeyStore</c>,
/// <c>IAuditLog</c>). Every endpoint without a declared policy still needs a valid key (the fallback policy), and
/// the authorization matrix test fails for it until it declares one.
/// </summary>
public static class AccessRegistration
{
    private const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddChainTraceAccess(this IServiceCollection services, bool enabled)
    {
        services.AddSingleton(new AccessControlSettings(enabled));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AccessOptions>>((kestrel, access) =>
        {
            kestrel.Limits.MaxRequestBodySize = access.Value.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<AccessOptions>>((cors, access) =>
            cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(access.Value.CorsOrigins).AllowAnyHeader().WithMethods("GET", "POST", "DELETE")));
        services.AddSingleton<ApiKeyValidator>();
        if (!enabled)
        {
            return services;
        }

        // The authentication core alone: AddAuthentication() would also bring data protection, which writes a key ring
        // to the user's profile and which no part of an API-key scheme uses.
        services.AddWebEncoders();
        services.AddAuthenticationCore(options =>
        {
            options.DefaultScheme = ApiKeyValidator.Scheme;
            options.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyValidator.Scheme, null);
        });
        services.AddTransient<ApiKeyAuthenticationHandler>();
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var policy in AccessPolicy.All.Where(p => p != AccessPolicy.Public))
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(new AccessMetadata(policy).RoleCodes));
        }

        services.AddChainTraceRateLimits();
        services.AddSingleton<DataHeights>();
        services.AddSingleton<AuditBatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditBatcher>());
        return services;
    }

    /// <summary>Routing, then audit (so it sees 401/403/429 too), authentication, authorization, rate limits.</summary>
    public static IApplicationBuilder UseChainTraceAccess(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        app.UseRouting();
        var origins = app.ApplicationServices.GetRequiredService<IOptions<AccessOptions>>().Value.CorsOrigins;
        if (origins.Length > 0)
        {
            app.UseCors(CorsPolicy);
        }

        if (!app.ApplicationServices.GetRequiredService<AccessControlSettings>().Enabled)
        {
            return app;
        }

        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
