namespace ChainTrace.Jobs.Hosting;

/// <summary><c>serve --role</c>: all (API and job worker), api (API, enqueues only), worker (runs jobs).</summary>
public enum ServeRole
{
    All,
    Api,
    Worker,
}
