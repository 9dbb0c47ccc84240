using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.RawFiles;

/// <param name="Files">Block files: binary or hex text, bare or with one blk*.dat frame (magic + length).</param>
/// <param name="Network">
/// Network the blocks belong to (checked against a frame's magic when there is one); null = a framed file's magic,
/// else main.
/// </param>
/// <param name="Heights">Explicit heights by file path or file name; they win over everything else.</param>
/// <param name="StartHeight">Height of the first file when the files are consecutive blocks given in order.</param>
public sealed record RawBlockFileSourceOptions(
    IReadOnlyList<string> Files,
    CoreNetwork? Network = null,
    IReadOnlyDictionary<string, long>? Heights = null,
    long? StartHeight = null);
