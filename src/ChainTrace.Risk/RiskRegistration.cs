using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Risk;

public static class RiskRegistration
{
    /// <summary>The screening service (needs the <see cref="ILabelStore"/> registered, and the cluster port when clustering runs) over <paramref name="dataDirectory"/>'s stored refresh, under <paramref name="policy"/> (default policy when null).</summary>
    public static IServiceCollection AddRisk(this IServiceCollection services, string dataDirectory, ScreeningPolicy? policy = null)
    {
        services.AddSingleton(sp => new RiskLabelSource(sp.GetRequiredService<ILabelStore>(), sp.GetService<IClusterOfAddress>()));
        services.AddSingleton(sp => new RiskService(dataDirectory, policy ?? ScreeningPolicy.Default, sp.GetRequiredService<RiskLabelSource>()));
        return services;
    }
}
