using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Parsing;

namespace ChainTrace.Ethereum.Etl;

/// <summary>
/// Reads one table that is sorted by block a block range at a time, holding back the first row of the next range.
/// The order was checked before (<see cref="EtlSortCheck"/>); a row that goes back all the same means the file
/// changed since, and is refused rather than read into the wrong range.
/// </summary>
internal sealed class EtlTableCursor(string path, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<EtlRow> _rows = EtlFileReader.ReadAsync(path, cancellationToken).GetAsyncEnumerator(cancellationToken);
    private (EtlRow Row, long Block)? _next;
    private long _last = long.MinValue;

    public string Path { get; } = path;

    /// <summary>The rows of blocks <paramref name="first"/>..<paramref name="last"/>; rows below <paramref name="first"/> are passed over.</summary>
    public async Task<List<EtlRow>> TakeAsync(long first, long last)
    {
        var rows = new List<EtlRow>();
        while (true)
        {
            if (_next is null)
            {
                if (!await _rows.MoveNextAsync())
                {
                    return rows;
                }

                var row = _rows.Current;
                var block = EtlSortCheck.BlockOf(row);
                if (block < _last)
                {
                    throw new MalformedDataException(row.Location, $"block {block} after block {_last}: the table is no longer sorted by block (did the file change while it was read?)");
                }

                _last = block;
                _next = (row, block);
            }

            var (current, number) = _next.Value;
            if (number > last)
            {
                return rows;
            }

            _next = null;
            if (number >= first)
            {
                rows.Add(current);
            }
        }
    }

    public ValueTask DisposeAsync() => _rows.DisposeAsync();
}
