namespace ChainTrace.Api.Health;

/// <summary>
/// What a module beside the API adds to <c>/health</c> (the jobs module: each source's lag and reachability, each
/// job's last run). <see cref="ServiceHealthReport.Degraded"/> turns the status from <c>ok</c> to <c>degraded</c>.
/// </summary>
public interface IServiceHealth
{
    Task<ServiceHealthReport> GetAsync(CancellationToken cancellationToken);
}
