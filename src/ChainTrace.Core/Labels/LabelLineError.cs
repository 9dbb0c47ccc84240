namespace ChainTrace.Core.Labels;

/// <summary>A bad line: the file, the 1-based line (0 when the whole file is unreadable) and what is wrong.</summary>
public sealed record LabelLineError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
