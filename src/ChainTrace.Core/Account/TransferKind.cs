namespace ChainTrace.Core.Account;

/// <summary>Where an account-chain value movement comes from.</summary>
public enum TransferKind : byte
{
    /// <summary>The value field of a successful transaction.</summary>
    Native = 1,

    /// <summary>An ERC-20 <c>Transfer(address,address,uint256)</c> event.</summary>
    Token = 2,

    /// <summary>A value-carrying call frame inside a transaction (CALL, CALLCODE, SELFDESTRUCT).</summary>
    Internal = 3,

    /// <summary>Block or uncle reward, paid by <see cref="EthChainAddress.Issuance"/>.</summary>
    Reward = 4,

    /// <summary>A beacon-chain withdrawal (post-Shanghai), paid by <see cref="EthChainAddress.Issuance"/>.</summary>
    Withdrawal = 5,

    /// <summary>A contract creation: creator to created address, with the endowment (possibly zero).</summary>
    Creation = 6,
}
