using System.Text.Json;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Esplora;

/// <summary>Fills input values and addresses from one <c>/block/:hash/txs/:start</c> page (values in satoshis).</summary>
internal static class EsploraPrevouts
{
    public static void Apply(UtxoBlock block, int start, JsonElement page, string location)
    {
        var position = start;
        foreach (var tx in page.EnumerateArray())
        {
            if (position >= block.Transactions.Count)
            {
                throw new MalformedDataException(location, $"more transactions than the block's {block.Transactions.Count}");
            }

            var target = block.Transactions[position];
            if (tx.GetProperty("txid").GetString() != target.TxId.ToString())
            {
                throw new MalformedDataException($"{location} [{position - start}].txid", $"expected {target.TxId}");
            }

            var i = 0;
            foreach (var vin in tx.GetProperty("vin").EnumerateArray())
            {
                if (vin.TryGetProperty("prevout", out var prevout) && prevout.ValueKind == JsonValueKind.Object && i < target.Inputs.Count)
                {
                    var input = target.Inputs[i];
                    var (kind, key) = OutputScriptClassifier.Classify(Convert.FromHexString(prevout.GetProperty("scriptpubkey").GetString()!));
                    input.Value = prevout.GetProperty("value").GetInt64();
                    input.PrevKind = kind;
                    input.AddressKey = key;
                    input.Source = PrevoutSource.Source;
                }

                i++;
            }

            position++;
        }
    }
}
