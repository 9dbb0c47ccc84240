namespace ChainTrace.Core.Clustering;

/// <summary>A Bitcoin transaction reduced to what the clustering heuristics read; built by the read model, no I/O here.</summary>
public sealed record TxFacts(bool IsCoinbase, IReadOnlyList<TxInputFacts> Inputs, IReadOnlyList<TxOutputFacts> Outputs)
{
    private List<int>? _distinctInputs;
    private OutputValueCounts? _valueCounts;

    /// <summary>Counts of the output values (computed once; every detector reads them).</summary>
    public OutputValueCounts ValueCounts => _valueCounts ??= new OutputValueCounts(Outputs);

    /// <summary>Distinct input address ids, in first-seen order (inputs without an address are left out).</summary>
    public IReadOnlyList<int> DistinctInputAddresses() => _distinctInputs ??= FindDistinctInputs();

    private List<int> FindDistinctInputs()
    {
        var seen = new List<int>(Inputs.Count);
        foreach (var input in Inputs)
        {
            if (input.Address >= 0 && !seen.Contains(input.Address))
            {
                seen.Add(input.Address);
            }
        }

        return seen;
    }
}
