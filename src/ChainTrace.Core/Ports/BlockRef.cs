using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Ports;

public sealed record BlockRef(long Height, Hash32 Hash);
