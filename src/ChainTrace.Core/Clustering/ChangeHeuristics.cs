namespace ChainTrace.Core.Clustering;

/// <summary>
/// Change detection per transaction. Each heuristic names at most one output; <see cref="Best"/> is the most
/// confident. Coinbase, single-output and CoinJoin transactions have no change answer.
/// </summary>
public static class ChangeHeuristics
{
    public const int AddressReuseConfidence = 90;
    public const int OneTimeConfidence = 70;
    public const int OptimalConfidence = 50;
    public const int RoundValueConfidence = 40;

    /// <summary>Round to 0.0001 BTC: payments are usually typed by people; change almost never is.</summary>
    private const long RoundUnit = 10_000;

    public static IReadOnlyList<ChangeGuess> Evaluate(TxFacts tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var guesses = new List<ChangeGuess>();
        if (tx.IsCoinbase || tx.Outputs.Count < 2 || tx.Inputs.Count == 0)
        {
            return guesses;
        }

        Add(guesses, AddressReuse(tx), LinkHeuristic.AddressReuseChange, AddressReuseConfidence);
        Add(guesses, OneTime(tx), LinkHeuristic.OneTimeChange, OneTimeConfidence);
        Add(guesses, Optimal(tx), LinkHeuristic.OptimalChange, OptimalConfidence);
        Add(guesses, RoundValue(tx), LinkHeuristic.RoundValueChange, RoundValueConfidence);
        return guesses;
    }

    public static ChangeGuess? Best(IReadOnlyList<ChangeGuess> guesses)
    {
        ArgumentNullException.ThrowIfNull(guesses);
        ChangeGuess? best = null;
        foreach (var guess in guesses)
        {
            if (best is null || guess.Confidence > best.Confidence)
            {
                best = guess;
            }
        }

        return best;
    }

    public static bool IsRound(long value) => value % RoundUnit == 0;

    private static void Add(List<ChangeGuess> guesses, int? output, LinkHeuristic heuristic, int confidence)
    {
        if (output is { } index)
        {
            guesses.Add(new ChangeGuess(index, heuristic, confidence));
        }
    }

    /// <summary>An output paying one of the input addresses (exactly one such output, and not every output).</summary>
    private static int? AddressReuse(TxFacts tx)
    {
        var inputs = tx.DistinctInputAddresses();
        var hits = tx.Outputs.Where(o => o.Address >= 0 && inputs.Contains(o.Address)).ToList();
        return hits.Count == 1 && tx.Outputs.Count > 1 ? hits[0].Index : null;
    }

    /// <summary>
    /// The only output to a fresh address (Meiklejohn et al.: every other output pays an address seen before), of the
    /// same script type as every input, smaller than the smallest input and not round; and no output pays an input
    /// address (then the wallet reuses addresses and a fresh one proves nothing).
    /// </summary>
    private static int? OneTime(TxFacts tx)
    {
        var type = tx.Inputs[0].Type;
        if (type is null || tx.Inputs.Any(i => i.Type != type) || MinInput(tx) is not { } smallest || AddressReuse(tx) is not null)
        {
            return null;
        }

        var fresh = tx.Outputs.Where(o => o.Fresh).ToList();
        return fresh.Count == 1 && fresh[0].Type == type && fresh[0].Value < smallest && !IsRound(fresh[0].Value) ? fresh[0].Index : null;
    }

    /// <summary>Exactly one output smaller than the smallest input: had it been a payment, a wallet would have spent fewer inputs.</summary>
    private static int? Optimal(TxFacts tx)
    {
        if (MinInput(tx) is not { } smallest)
        {
            return null;
        }

        var smaller = tx.Outputs.Where(o => o.Value < smallest).ToList();
        return smaller.Count == 1 ? smaller[0].Index : null;
    }

    /// <summary>All outputs but one are round values: the odd one is the change.</summary>
    private static int? RoundValue(TxFacts tx)
    {
        var odd = tx.Outputs.Where(o => !IsRound(o.Value)).ToList();
        return odd.Count == 1 ? odd[0].Index : null;
    }

    private static long? MinInput(TxFacts tx)
    {
        long? min = null;
        foreach (var input in tx.Inputs)
        {
            if (input.Value is not { } value)
            {
                return null;
            }

            min = min is null ? value : Math.Min(min.Value, value);
        }

        return min;
    }
}
