namespace ChainTrace.Core.Ports;

/// <param name="BlocksWritten">Blocks newly stored.</param>
/// <param name="BlocksSkipped">Blocks already stored with the same hash.</param>
/// <param name="Transactions">Transactions in the newly stored blocks.</param>
/// <param name="InputsResolvedFromStore">Inputs whose value and address came from stored outputs.</param>
public sealed record WriteResult(int BlocksWritten, int BlocksSkipped, long Transactions, long InputsResolvedFromStore)
{
    public static WriteResult Empty { get; } = new(0, 0, 0, 0);

    public WriteResult Add(WriteResult other) => new(
        BlocksWritten + other.BlocksWritten,
        BlocksSkipped + other.BlocksSkipped,
        Transactions + other.Transactions,
        InputsResolvedFromStore + other.InputsResolvedFromStore);
}
