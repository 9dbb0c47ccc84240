using System.Text.Json;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Rpc;

/// <summary>
/// Maps a <c>getblock … 2|3</c> result. Transactions are parsed from their <c>hex</c> (one parser for every
/// source); the JSON only adds what the bytes lack: height, and at verbosity 3 the spent outputs.
/// </summary>
internal static class RpcBlockMapper
{
    public static UtxoBlock Map(JsonElement block, Network network, string location)
    {
        try
        {
            return MapChecked(block, network, location);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            // A field of the wrong JSON type or shape (GetInt64 on a string, a short hash): the answer is bad data.
            throw new MalformedDataException(location, ex.Message, ex);
        }
    }

    private static UtxoBlock MapChecked(JsonElement block, Network network, string location)
    {
        var hash = Hash32.Parse(Required(block, "hash", location).GetString()!);
        var previous = block.TryGetProperty("previousblockhash", out var prev) ? Hash32.Parse(prev.GetString()!) : Hash32.Zero;
        var height = Required(block, "height", location).GetInt64();
        var timeSeconds = Required(block, "time", location).GetInt64();
        var time = DateTimeOffset.FromUnixTimeSeconds(timeSeconds);
        var bits = uint.Parse(Required(block, "bits", location).GetString()!, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        var merkleRoot = Hash32.Parse(Required(block, "merkleroot", location).GetString()!);
        var headerHash = HeaderHash(
            Required(block, "version", location).GetInt32(), previous, merkleRoot, checked((uint)timeSeconds), bits, Required(block, "nonce", location).GetUInt32());
        if (headerHash != hash)
        {
            throw new MalformedDataException($"{location}.hash", $"{hash} is not the hash of the header fields, which hash to {headerHash}");
        }

        var txs = Required(block, "tx", location);
        var transactions = new UtxoTransaction[txs.GetArrayLength()];
        var position = 0;
        foreach (var tx in txs.EnumerateArray())
        {
            transactions[position] = MapTransaction(tx, position, $"{location} tx[{position}]");
            position++;
        }

        if (block.TryGetProperty("nTx", out var count) && count.GetInt64() != transactions.Length)
        {
            throw new MalformedDataException($"{location}.nTx", $"{count.GetInt64()} transactions announced, {transactions.Length} given");
        }

        BlockIntegrity.Check(hash, bits, merkleRoot, transactions);
        return new UtxoBlock(new BlockHeader(Chain.Btc, height, hash, previous, time, bits), network, transactions);
    }

    /// <summary>The block hash from the header fields as the node reports them (serialized in consensus order).</summary>
    private static Hash32 HeaderHash(int version, Hash32 previous, Hash32 merkleRoot, uint time, uint bits, uint nonce)
    {
        Span<byte> header = stackalloc byte[80];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header, version);
        previous.CopyTo(header[4..36]);
        header[4..36].Reverse();
        merkleRoot.CopyTo(header[36..68]);
        header[36..68].Reverse();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[68..], time);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[72..], bits);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[76..], nonce);
        return Blocks.BlockFileIndexer.HeaderHash(header);
    }

    private static UtxoTransaction MapTransaction(JsonElement tx, int position, string location)
    {
        if (tx.ValueKind != JsonValueKind.Object || !tx.TryGetProperty("hex", out var hex))
        {
            throw new MalformedDataException(location, "no transaction hex: getblock must be called with verbosity 2 or 3");
        }

        UtxoTransaction mapped;
        try
        {
            mapped = BitcoinBlockMapper.MapTransaction(Convert.FromHexString(hex.GetString()!), position);
        }
        catch (FormatException ex)
        {
            throw new MalformedDataException($"{location}.hex", ex.Message, ex);
        }

        if (tx.TryGetProperty("txid", out var txid) && txid.GetString() != mapped.TxId.ToString())
        {
            throw new MalformedDataException($"{location}.txid", $"{txid.GetString()} does not match the hex, which hashes to {mapped.TxId}");
        }

        return tx.TryGetProperty("vin", out var vin) ? WithPrevouts(mapped, vin, location) : mapped;
    }

    private static UtxoTransaction WithPrevouts(UtxoTransaction tx, JsonElement vin, string location)
    {
        var inputs = tx.Inputs.ToArray();
        var i = 0;
        foreach (var input in vin.EnumerateArray())
        {
            if (i >= tx.Inputs.Count)
            {
                throw new MalformedDataException($"{location}.vin", $"{vin.GetArrayLength()} entries for {tx.Inputs.Count} inputs");
            }

            if (input.TryGetProperty("prevout", out var prevout) && prevout.ValueKind == JsonValueKind.Object)
            {
                var where = $"{location}.vin[{i}].prevout";
                try
                {
                    var value = BtcAmount.ToSatoshis(Required(prevout, "value", where), $"{where}.value");
                    var script = Required(Required(prevout, "scriptPubKey", where), "hex", $"{where}.scriptPubKey").GetString()!;
                    var (kind, key) = OutputScriptClassifier.Classify(Convert.FromHexString(script));
                    inputs[i] = inputs[i].Resolved(new SpentOutput(value, kind, key), PrevoutSource.Source);
                }
                catch (FormatException ex)
                {
                    throw new MalformedDataException(where, ex.Message, ex);
                }
            }

            i++;
        }

        return tx with { Inputs = inputs };
    }

    private static JsonElement Required(JsonElement element, string name, string location) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new MalformedDataException(location, $"missing field '{name}'");
}
