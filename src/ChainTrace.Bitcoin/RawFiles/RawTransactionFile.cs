using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.RawFiles;

/// <summary>Reads one serialized transaction from a file (binary or hex text) into the UTXO model.</summary>
public static class RawTransactionFile
{
    public static async Task<UtxoTransaction> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await RawFileContent.LoadAsync(path, "transaction file", cancellationToken).ConfigureAwait(false);
        try
        {
            return BitcoinBlockMapper.MapTransaction(bytes);
        }
        catch (FormatException ex)
        {
            throw new MalformedDataException($"{path} at byte 0", $"not one serialized transaction: {ex.Message}", ex);
        }
    }
}
