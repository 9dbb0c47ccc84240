namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Exposure of each cluster of more than one address, counting only value that crosses its boundary: per cluster root
/// its slot in <see cref="Exposures"/> (same layout as the addresses').
/// </summary>
public sealed class ClusterExposures(IReadOnlyDictionary<int, int> slots, AddressExposures exposures)
{
    public IReadOnlyDictionary<int, int> Slots { get; } = slots;

    public AddressExposures Exposures { get; } = exposures;
}
