namespace ChainTrace.Bitcoin.Blocks;

/// <summary>
/// Bitcoin Core 28+ obfuscates blk/rev files with the 8-byte key in <c>blocks/xor.dat</c>, applied cyclically
/// from offset 0 of every file. A missing file or an all-zero key means the files are stored plain.
/// </summary>
internal sealed class XorKey
{
    public const string FileName = "xor.dat";

    private readonly byte[] _key;

    private XorKey(byte[] key) => _key = key;

    public static async Task<XorKey?> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var key = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (key.Length != 8)
        {
            throw new Core.Ports.MalformedDataException(path, $"an obfuscation key is 8 bytes, this file has {key.Length}");
        }

        return key.AsSpan().ContainsAnyExcept((byte)0) ? new XorKey(key) : null;
    }

    /// <summary>Undoes the obfuscation of <paramref name="data"/>, which was read at <paramref name="fileOffset"/>.</summary>
    public void Apply(Span<byte> data, long fileOffset)
    {
        var k = (int)(fileOffset % 8);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= _key[k];
            k = (k + 1) & 7;
        }
    }
}
