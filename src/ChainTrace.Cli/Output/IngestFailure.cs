using System.ComponentModel.DataAnnotations;
using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Ingest;

namespace ChainTrace.Cli.Output;

/// <summary>
/// How every ingest command reports a failure: classified by what it means (our own exception types), each with
/// its exit code (<see cref="ExitCodes"/>). Anything unclassified is an internal error and says so.
/// </summary>
public static class IngestFailure
{
    public static int Report(Exception ex, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(error);
        switch (ex)
        {
            case MalformedDataException:
                error.WriteLine($"error: {ex.Message}");
                error.WriteLine("nothing of the bad block was written; the store holds only whole blocks");
                return ExitCodes.BadData;
            case BadArgumentException or ValidationException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException:
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadArgument;
            case IngestConflictException or ReorgTooDeepException:
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Conflict;
            case SourceFailureException or HttpRequestException or TimeoutException:
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.SourceFailure;
            case OperationCanceledException:
                // Not the user's Ctrl-C (the commands let that through): a request that timed out.
                error.WriteLine($"error: the source did not answer in time ({ex.Message})");
                return ExitCodes.SourceFailure;
            default:
                error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message}");
                error.WriteLine("this is a bug in chaintrace, not a problem with the input; please report it with the trace below");
                error.WriteLine(ex.ToString());
                return ExitCodes.InternalError;
        }
    }
}
