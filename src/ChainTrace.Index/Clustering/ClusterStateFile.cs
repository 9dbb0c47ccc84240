using System.Text.Json;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// <c>state.json</c> of a chain's clusters: how far they got (transactions of the read model), the policy they were
/// computed under, the committed counts of links and reviews, and <see cref="Pending"/> while an update runs
/// (a crash leaves it set, and the next open replays the links instead of trusting the union-find arrays).
/// </summary>
public sealed class ClusterStateFile
{
    public string Policy { get; set; } = "";

    public int Transactions { get; set; }

    public int Addresses { get; set; }

    public long Links { get; set; }

    public long Reviews { get; set; }

    public long Blocks { get; set; }

    public long Height { get; set; } = -1;

    public bool Pending { get; set; }

    public static ClusterStateFile? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClusterStateFile>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a cluster state file ({ex.Message})", ex);
        }
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        File.Move(temporary, path, overwrite: true);
    }
}
