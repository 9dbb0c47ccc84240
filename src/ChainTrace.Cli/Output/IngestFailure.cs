using ChainTrace.Core.Ports;

namespace ChainTrace.Cli.Output;

/// <summary>How every ingest command reports a failure: exit 2 for bad input data, 4 for a source or store that refused.</summary>
public static class IngestFailure
{
    public static bool IsBadData(Exception ex) =>
        ex is MalformedDataException or FormatException or IOException or UnauthorizedAccessException;

    public static int ReportBadData(Exception ex, TextWriter error)
    {
        error.WriteLine($"error: {ex.Message}");
        error.WriteLine("nothing of the bad block was written; the store holds only whole blocks");
        return 2;
    }

    public static int ReportSourceFailure(Exception ex, TextWriter error)
    {
        error.WriteLine($"error: {ex.Message}");
        return 4;
    }
}
