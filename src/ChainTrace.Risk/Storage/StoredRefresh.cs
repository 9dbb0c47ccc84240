namespace ChainTrace.Risk.Storage;

/// <summary>One chain's stored refresh for the screening path, reopened when a newer file was moved into place (one stat per call, no lock unless it changed).</summary>
internal sealed class StoredRefresh(string path) : IDisposable
{
    private readonly Lock _lock = new();
    private volatile RiskStore? _store;
    private DateTime _storeWritten;

    public RiskStore? Current()
    {
        var written = File.GetLastWriteTimeUtc(path);
        if (_store is { } current && written == _storeWritten)
        {
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
