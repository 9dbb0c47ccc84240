using System.Text.Json;

namespace ChainTrace.Index.Storage;

/// <summary>
/// The committed element count of every array of one read model, and the counts a write in progress may reach
/// (<see cref="Pending"/>): written before a batch touches the arrays and cleared after, so an interrupted batch
/// is undone on the next open. Replaced atomically (write a temporary file, rename).
/// </summary>
public sealed class IndexManifest
{
    /// <summary>The Ethereum read model's layout: 2 (hash indexes of any capacity, two-level address key offsets).</summary>
    public const int CurrentVersion = 2;

    /// <summary>
    /// The Bitcoin read model's layout, versioned apart so that changing it rebuilds only that model: 2, one int per
    /// input, two-level address key offsets, hash indexes of any capacity; 3, output values in 40 bits (9-byte
    /// outputs, larger values in an overflow array); 4, no address keys (each address's first place and script type;
    /// keys read back from the graph store).
    /// </summary>
    public const int UtxoVersion = 4;

    public int Version { get; set; } = CurrentVersion;

    public Dictionary<string, long> Counts { get; set; } = [];

    public Dictionary<string, long>? Pending { get; set; }

    public static IndexManifest Load(string path, int version = CurrentVersion)
    {
        if (!File.Exists(path))
        {
            return new IndexManifest { Version = version };
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: empty manifest");
            if (manifest.Version != version)
            {
                throw new InvalidDataException($"{path}: read model version {manifest.Version}, this build reads {version}; delete the directory to rebuild it");
            }

            return manifest;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a read-model manifest ({ex.Message})", ex);
        }
    }

    /// <summary>
    /// Like <see cref="Load"/>, but a read model of another layout version is derived data to rebuild: its files are
    /// deleted (subdirectories, such as the clusters, are kept; they cut back to the blocks the rebuilt model shares).
    /// </summary>
    public static IndexManifest LoadOrDiscard(string path, int version = CurrentVersion)
    {
        if (File.Exists(path) && ReadVersion(path) is { } found && found != version)
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(path)!))
            {
                File.Delete(file);
            }

            return new IndexManifest { Version = version };
        }

        return Load(path, version);
    }

    public long Count(string name) => Counts.GetValueOrDefault(name);

    private static int? ReadVersion(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty(nameof(Version), out var version) && version.TryGetInt32(out var number) ? number : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        File.Move(temporary, path, overwrite: true);
    }
}
