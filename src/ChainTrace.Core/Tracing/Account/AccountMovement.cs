using System.Numerics;

namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// One movement of one asset on an account ledger, in ledger order: a gas fee (<see cref="To"/> -1, the fee
/// recipient), a transaction's value, an internal call, a token transfer. Addresses are dense ids.
/// </summary>
/// <param name="Tx">The transaction (dense id) it belongs to; -1 for block-level issuance.</param>
public readonly record struct AccountMovement(int From, int To, BigInteger Value, int Tx)
{
    public bool IsFee => To < 0;
}
