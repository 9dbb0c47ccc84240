using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;

namespace ChainTrace.Labels.Import;

/// <summary>What a reader made of one file: labels, actors, tags skipped per currency, and bad lines.</summary>
public sealed class ParsedLabelFile(string file, LabelFormat format)
{
    public string File { get; } = file;

    public LabelFormat Format { get; } = format;

    /// <summary>The pack identity labels of this file are stored under (<c>tagpack:hacks.yaml</c>).</summary>
    public string PackName => $"{Format.ToCode()}:{Path.GetFileName(File)}";

    public string? Title { get; set; }

    public int Lines { get; set; }

    public List<Label> Labels { get; } = [];

    public List<Actor> Actors { get; } = [];

    public Dictionary<string, int> SkippedByCurrency { get; } = new(StringComparer.Ordinal);

    public List<LabelLineError> Errors { get; } = [];

    /// <summary>Lines skipped for a reason worth telling (a valid address of another chain filed under this one); not errors.</summary>
    public List<LabelLineError> Warnings { get; } = [];

    /// <summary>The file could not be read at all (not YAML, not JSON, no header): nothing of it may be written, whatever the policy.</summary>
    public bool Unreadable { get; private set; }

    public void Error(int line, string message) => Errors.Add(new LabelLineError(File, line, message));

    public void Warn(int line, string message) => Warnings.Add(new LabelLineError(File, line, message));

    public void Fail(int line, string message)
    {
        Unreadable = true;
        Error(line, message);
    }

    public void Skip(string currency)
    {
        var code = CurrencyMap.Normalize(currency);
        SkippedByCurrency[code.Length == 0 ? "?" : code] = SkippedByCurrency.GetValueOrDefault(code) + 1;
    }
}
