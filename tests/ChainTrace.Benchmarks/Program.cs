Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ChainTrace.Benchmarks -- NAME");
return 2;
