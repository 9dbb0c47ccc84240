namespace ChainTrace.Benchmarks;

/// <summary>
/// One named benchmark. Its last line on stdout is <c>BENCH NAME key=value ...</c>; a baseline the issue
/// asks a ratio against is measured in the same run. Implementations are found by reflection.
/// </summary>
public interface IBenchmark
{
    string Name { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
