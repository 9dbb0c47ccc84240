using System.Numerics;

namespace ChainTrace.Index.Tracing;

/// <summary>A transaction's top-level call in ledger ids: sender, recipient (or created contract), value, and whether it succeeded.</summary>
internal readonly record struct EthCall(int Tx, int From, int To, BigInteger Value, bool? Succeeded);
