namespace ChainTrace.Risk.Storage;

/// <summary>
/// One chain's stored refresh for the screening path, reopened when a newer file was moved into place. A refresh in
/// this process is seen at once (<see cref="Moved"/>); one by another process (the CLI next to a running service)
/// within <see cref="StatInterval"/>: the file's time is read at most that often, not on every call (a stat per
/// screening was a tenth of its own work).
/// </summary>
internal sealed class StoredRefresh(string path) : IDisposable
{
    public static readonly TimeSpan StatInterval = TimeSpan.FromSeconds(1);

    private static long s_moves;

    private readonly Lock _lock = new();
    private volatile RiskStore? _store;
    private DateTime _storeWritten;
    private long _checkedAt = long.MinValue;
    private long _checkedMoves = -1;

    /// <summary>Called after this process moved a refresh into place (any chain): every reader checks its file on its next call.</summary>
    public static void Moved() => Interlocked.Increment(ref s_moves);

    public RiskStore? Current()
    {
        var now = Environment.TickCount64;
        var moves = Volatile.Read(ref s_moves);
        if (_store is { } known && moves == Volatile.Read(ref _checkedMoves) && now - Volatile.Read(ref _checkedAt) < (long)StatInterval.TotalMilliseconds)
        {
            return known;
        }

        var written = File.GetLastWriteTimeUtc(path);
        if (_store is { } current && written == _storeWritten)
        {
            Volatile.Write(ref _checkedMoves, moves);
            Volatile.Write(ref _checkedAt, now);
            return current;
        }

        lock (_lock)
        {
            if (!File.Exists(path))
            {
                return _store;
            }

            written = File.GetLastWriteTimeUtc(path);
            if (_store is null || written != _storeWritten)
            {
                var old = _store;
                _store = RiskStore.TryOpen(path);
                _storeWritten = written;
                old?.Dispose();
            }

            Volatile.Write(ref _checkedMoves, moves);
            Volatile.Write(ref _checkedAt, now);
            return _store;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _store?.Dispose();
            _store = null;
        }
    }
}
