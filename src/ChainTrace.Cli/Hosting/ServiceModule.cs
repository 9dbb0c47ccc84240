using Microsoft.AspNetCore.Builder;

namespace ChainTrace.Cli.Hosting;

/// <summary>A part of the service that <see cref="ServiceHost"/> composes beside the API: its services, middleware before the API's, and endpoints.</summary>
public sealed record ServiceModule(Action<WebApplicationBuilder> Configure, Action<WebApplication> UseBeforeApi, Action<WebApplication> Map);
