using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// SHA-256 over every stored row in a canonical order, by natural keys (txid, height, position, index)
    /// rather than internal row ids, so two stores holding the same data give the same digest whatever the
    /// batch sizes, crashes and resumes that produced them.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL; values are always bound parameters.")]
    public async Task<string> ComputeDigestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var queries = DigestQueries();
        AddChainDigestQueries(queries);
        foreach (var sql in queries)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            AppendText(hash, sql);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    AppendValue(hash, reader.GetValue(i));
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static List<string> DigestQueries() =>
    [
        "SELECT chain, network FROM chain_networks ORDER BY chain",
        "SELECT chain, height, hash, prev_hash, time, tx_count FROM blocks ORDER BY chain, height",
        "SELECT txid, block_height, position, is_coinbase, size, vsize, fee, body FROM utxo_txs ORDER BY block_height, position, txid",
        "SELECT addr_key, tx_count, received, sent, unknown_inputs, first_height, last_height FROM utxo_address_totals ORDER BY addr_key",
    ];

    /// <summary>Lets another chain family's partial file add its tables to the digest, each query with an ORDER BY.</summary>
    static partial void AddChainDigestQueries(List<string> queries);

    private static void AppendText(IncrementalHash hash, string text) =>
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text));

    private static void AppendValue(IncrementalHash hash, object value)
    {
        Span<byte> buffer = stackalloc byte[9];
        switch (value)
        {
            case DBNull:
                buffer[0] = 0;
                hash.AppendData(buffer[..1]);
                break;
            case long number:
                buffer[0] = 1;
                System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(buffer[1..], number);
                hash.AppendData(buffer);
                break;
            case byte[] bytes:
                buffer[0] = 2;
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(buffer[1..], bytes.Length);
                hash.AppendData(buffer[..5]);
                hash.AppendData(bytes);
                break;
            default:
                var text = System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                buffer[0] = 3;
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(buffer[1..], text.Length);
                hash.AppendData(buffer[..5]);
                hash.AppendData(text);
                break;
        }
    }
}
