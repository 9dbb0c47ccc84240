using ChainTrace.Core.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Risk;

public static class RiskRegistration
{
    /// <summary>The screening service over <paramref name="dataDirectory"/>'s stored refresh, under <paramref name="policy"/> (default policy when null).</summary>
    public static IServiceCollection AddRisk(this IServiceCollection services, string dataDirectory, ScreeningPolicy? policy = null)
    {
        services.AddSingleton(_ => new RiskService(dataDirectory, policy ?? ScreeningPolicy.Default));
        return services;
    }
}
