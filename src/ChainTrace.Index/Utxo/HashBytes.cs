using System.Runtime.CompilerServices;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Index.Utxo;

/// <summary>32 hash bytes inline in a struct (display order, as <see cref="Hash32"/> prints).</summary>
[InlineArray(32)]
public struct HashBytes
{
    private byte _first;

    public static HashBytes From(Hash32 hash)
    {
        var bytes = default(HashBytes);
        hash.CopyTo(bytes);
        return bytes;
    }

    public readonly Hash32 ToHash() => new(this);
}
