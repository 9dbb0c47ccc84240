namespace ChainTrace.Index.Tracing;

/// <summary>
/// Trace results kept as files, <c>DATA/traces/&lt;id&gt;.json</c>: a result is immutable (its id is derived from
/// its request and data), so a folder of files is enough, and a restart serves them again. Written to a
/// temporary name and moved, so a crash never leaves half a result.
/// </summary>
public sealed class TraceArchive(string dataDirectory)
{
    public string Directory { get; } = Path.Combine(dataDirectory, "traces");

    public async Task SaveAsync(string id, byte[] json, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(id);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, json, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The stored result, null when there is none (ids are 32 lowercase hex digits; anything else is no trace).</summary>
    public async Task<byte[]?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length != 32 || !id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return null;
        }

        var path = PathOf(id);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    private string PathOf(string id) => Path.Combine(Directory, id + ".json");
}
