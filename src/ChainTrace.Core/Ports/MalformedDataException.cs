namespace ChainTrace.Core.Ports;

/// <summary>
/// Source data that cannot be read: names where (file and byte offset, line, or field) and what is wrong.
/// Raised before anything of the bad unit is written, so the store stays as it was.
/// </summary>
public sealed class MalformedDataException(string location, string problem, Exception? inner = null)
    : Exception($"{location}: {problem}", inner)
{
    public string Location { get; } = location;

    public string Problem { get; } = problem;
}
