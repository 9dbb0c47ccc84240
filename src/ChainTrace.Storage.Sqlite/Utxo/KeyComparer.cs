namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>Address keys by content; orders them as SQLite orders blobs (bytewise, a prefix first).</summary>
internal sealed class KeyComparer : IEqualityComparer<byte[]>, IComparer<byte[]>
{
    public static KeyComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => (int)KeyTags.AddressTag(obj);

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
