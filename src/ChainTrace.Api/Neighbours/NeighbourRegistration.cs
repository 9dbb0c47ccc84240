using ChainTrace.Core.Clustering;
using ChainTrace.Index.Service;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Api.Neighbours;

public static class NeighbourRegistration
{
    /// <summary>Neighbour times over the cluster service's read model; without one (a host composed without clustering) the times stay null.</summary>
    public static IServiceCollection AddNeighbourActivity(this IServiceCollection services) =>
        services.AddSingleton(sp => new NeighbourActivity(sp.GetService<ClusterService>() ?? sp.GetService<IClusterQueries>() as ClusterService));
}
