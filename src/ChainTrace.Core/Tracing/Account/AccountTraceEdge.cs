using System.Numerics;

namespace ChainTrace.Core.Tracing.Account;

/// <summary>One hop: movement <paramref name="Movement"/> carried <paramref name="Amount"/> of the traced value to its receiver.</summary>
/// <param name="Hop">Movements from the start (1 for the start's own payments).</param>
public readonly record struct AccountTraceEdge(int Movement, BigInteger Amount, int Hop, StopKind Stop);
