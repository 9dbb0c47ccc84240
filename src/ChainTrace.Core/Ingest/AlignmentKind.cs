namespace ChainTrace.Core.Ingest;

public enum AlignmentKind
{
    /// <summary>The store holds no block of the chain.</summary>
    EmptyStore,

    /// <summary>The store holds no block at a height the source holds (the source starts above it, or ends below its blocks): nothing to compare, nothing to roll back.</summary>
    Disjoint,

    /// <summary>The highest height both hold has the same hash in both.</summary>
    Agrees,

    /// <summary>Both hold a block at <see cref="Alignment.ForkHeight"/> + 1 with different hashes and agree at the fork height.</summary>
    Forked,
}
