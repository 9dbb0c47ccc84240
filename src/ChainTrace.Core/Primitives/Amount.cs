namespace ChainTrace.Core.Primitives;

/// <summary>An amount of an asset in integer base units (satoshi, wei, token units). Never floating point.</summary>
public readonly record struct Amount(Asset Asset, UInt256 Value)
{
    public static Amount Satoshis(long satoshis) =>
        satoshis < 0 ? throw new ArgumentOutOfRangeException(nameof(satoshis), "amounts are never negative")
                     : new Amount(Asset.Btc, (ulong)satoshis);

    public static Amount Wei(UInt256 wei) => new(Asset.Eth, wei);

    public override string ToString() => $"{Value} {Asset}";
}
