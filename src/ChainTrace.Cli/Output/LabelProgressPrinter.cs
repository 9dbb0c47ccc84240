using ChainTrace.Labels.Import;

namespace ChainTrace.Cli.Output;

/// <summary>Label import progress on stderr: file i of n, labels read from it, labels imported so far.</summary>
public sealed class LabelProgressPrinter(TextWriter writer) : IProgress<LabelImportProgress>
{
    private readonly ProgressLine _line = new(writer);

    public void Report(LabelImportProgress value) => _line.Write(
        $"labels file {value.FileIndex}/{value.FileCount} {Path.GetFileName(value.File)}: {value.LabelsRead} read, {value.LabelsImported} imported so far");

    public void Finish() => _line.Finish();
}
