using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Primitives;

/// <summary>What moves: a chain's native coin, or a token identified by its contract address.</summary>
public sealed record Asset(Chain Chain, EthAddress? Token)
{
    public static Asset Btc { get; } = new(Chain.Btc, null);

    public static Asset Eth { get; } = new(Chain.Eth, null);

    public bool IsNative => Token is null;

    public static Asset Native(Chain chain) => chain == Chain.Btc ? Btc : Eth;

    public static Asset Erc20(EthAddress contract) => new(Chain.Eth, contract);

    /// <summary><c>btc</c>, <c>eth</c>, or <c>eth:0x…</c> for a token.</summary>
    public override string ToString() => Token is null ? Chain.ToCode() : $"{Chain.ToCode()}:{Token}";
}
