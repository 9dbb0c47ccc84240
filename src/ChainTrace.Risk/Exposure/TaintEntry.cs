namespace ChainTrace.Risk.Exposure;

/// <summary>A share of an output's value attributed to a category at a hop distance (0 = direct).</summary>
internal readonly record struct TaintEntry(short Category, byte Hop, float Share);
