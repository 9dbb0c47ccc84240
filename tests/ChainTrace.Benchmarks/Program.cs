using ChainTrace.Benchmarks;

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    await Console.Error.WriteLineAsync("usage: dotnet run -c Release --project tests/ChainTrace.Benchmarks -- NAME [options]");
    await Console.Error.WriteLineAsync("benchmarks: " + string.Join(", ", benchmarks.Keys.Order()));
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return await benchmark.RunAsync(args[1..], cts.Token);
