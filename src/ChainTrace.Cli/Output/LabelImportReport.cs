using ChainTrace.Core.Labels;

namespace ChainTrace.Cli.Output;

/// <summary>
/// Prints an import's bad lines (file:line: message, the first <see cref="MaxPerFile"/> of each file), which files
/// were rejected, and the summary as the last line of standard output.
/// </summary>
public static class LabelImportReport
{
    public const int MaxPerFile = 50;

    public static int Print(LabelImportSummary summary, IReadOnlyCollection<string> unresolvedActors, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var file in summary.Files)
        {
            foreach (var warning in file.Warnings.Take(MaxPerFile))
            {
                error.WriteLine($"warning: {warning}");
            }

            foreach (var bad in file.Errors.Take(MaxPerFile))
            {
                error.WriteLine($"error: {bad}");
            }

            if (file.Errors.Count > MaxPerFile)
            {
                error.WriteLine($"error: {file.File}: {file.Errors.Count - MaxPerFile} more bad lines not shown");
            }

            if (file.Rejected)
            {
                error.WriteLine($"rejected {file.File}: nothing imported from it ({file.Errors.Count} bad line{(file.Errors.Count == 1 ? "" : "s")}; --on-error skip imports the good lines)");
            }
        }

        if (unresolvedActors.Count > 0)
        {
            error.WriteLine($"warning: {unresolvedActors.Count} actor ids are in no imported ActorPack (import actors/*.actorpack.yaml to name them): {string.Join(", ", unresolvedActors.Take(10))}{(unresolvedActors.Count > 10 ? ", …" : "")}");
        }

        var actors = summary.Files.Sum(f => f.Actors);
        if (actors > 0)
        {
            output.WriteLine($"actors {actors}");
        }

        output.WriteLine(summary.SummaryLine());
        return summary.AnyRejected ? 2 : 0;
    }
}
