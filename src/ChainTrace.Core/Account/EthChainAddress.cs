using ChainTrace.Core.Addresses;
using ChainTrace.Core.Encoding;

namespace ChainTrace.Core.Account;

/// <summary>
/// The pseudo-address that pays newly issued ETH (block and uncle rewards, beacon-chain withdrawals), so that
/// issuance is an ordinary edge of the transfer graph. The zero address is deliberately NOT used: it is a real
/// account that receives burns and mints of tokens, and mixing issuance into it would corrupt its totals.
/// The pseudo-address is the last 20 bytes of keccak256("chaintrace:eth:issuance") — a hash nobody holds a
/// key for, stable across versions, and recognisable by <see cref="IsIssuance"/>.
/// </summary>
public static class EthChainAddress
{
    public const string Seed = "chaintrace:eth:issuance";

    public static EthAddress Issuance { get; } =
        EthAddress.FromBytes(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Seed)).AsSpan(12, 20));

    public static bool IsIssuance(EthAddress address) => address.Equals(Issuance);
}
