using ChainTrace.Core.Labels;
using ChainTrace.Labels.Import;
using ChainTrace.Labels.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Labels;

public static class LabelsRegistration
{
    /// <summary>
    /// The label store behind <see cref="ILabelStore"/>, the importer and the address label resolver. A cluster
    /// port (<see cref="IClusterOfAddress"/>), when clustering registers one, is picked up by both.
    /// </summary>
    public static IServiceCollection AddLabels(this IServiceCollection services, SqliteLabelStore store)
    {
        services.AddSingleton(store);
        services.AddSingleton<ILabelStore>(store);
        services.AddScoped(sp => new LabelImporter(sp.GetRequiredService<ILabelStore>(), sp.GetService<IClusterOfAddress>()));
        services.AddScoped(sp => new AddressLabelResolver(sp.GetRequiredService<ILabelStore>(), sp.GetService<IClusterOfAddress>()));
        return services;
    }
}
