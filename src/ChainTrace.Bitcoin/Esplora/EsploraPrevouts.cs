using System.Text.Json;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Esplora;

/// <summary>Fills input values and addresses from one <c>/block/:hash/txs/:start</c> page (values in satoshis).</summary>
internal static class EsploraPrevouts
{
    /// <summary>Replaces the page's transactions in <paramref name="transactions"/> (the block's, copied by the caller) by ones with their inputs resolved.</summary>
    public static void Apply(UtxoTransaction[] transactions, int start, JsonElement page, string location)
    {
        var position = start;
        foreach (var tx in page.EnumerateArray())
        {
            if (position >= transactions.Length)
            {
                throw new MalformedDataException(location, $"more transactions than the block's {transactions.Length}");
            }

            var target = transactions[position];
            var inputs = target.Inputs.ToArray();
            if (tx.GetProperty("txid").GetString() != target.TxId.ToString())
            {
                throw new MalformedDataException($"{location} [{position - start}].txid", $"expected {target.TxId}");
            }

            var i = 0;
            foreach (var vin in tx.GetProperty("vin").EnumerateArray())
            {
                if (vin.TryGetProperty("prevout", out var prevout) && prevout.ValueKind == JsonValueKind.Object && i < inputs.Length)
                {
                    var (kind, key) = OutputScriptClassifier.Classify(Convert.FromHexString(prevout.GetProperty("scriptpubkey").GetString()!));
                    inputs[i] = inputs[i].Resolved(new SpentOutput(prevout.GetProperty("value").GetInt64(), kind, key), PrevoutSource.Source);
                }

                i++;
            }

            transactions[position] = target with { Inputs = inputs };
            position++;
        }
    }
}
