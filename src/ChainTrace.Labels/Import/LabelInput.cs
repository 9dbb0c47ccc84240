namespace ChainTrace.Labels.Import;

/// <summary>A file to import: its name (which detection and the pack identity use) and how to open its bytes.</summary>
public sealed record LabelInput(string Name, Func<Stream> Open)
{
    public static LabelInput FromFile(string path) => new(path, () => File.OpenRead(path));
}
