using System.Text.Json;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Rpc;

/// <summary>
/// Fills inputs the block did not resolve from <c>getrawtransaction &lt;txid&gt; true</c>, one call per distinct
/// spent transaction; spends of earlier transactions in the same block are resolved from the block itself.
/// </summary>
internal static class PrevoutLookup
{
    /// <returns>The block with its inputs resolved (a new block; the given one is unchanged).</returns>
    public static async Task<UtxoBlock> ApplyAsync(BitcoinRpcClient client, UtxoBlock block, string description, CancellationToken cancellationToken)
    {
        var inBlock = new Dictionary<Hash32, UtxoTransaction>();
        var fetched = new Dictionary<Hash32, JsonElement>();
        var transactions = new UtxoTransaction[block.Transactions.Count];
        for (var t = 0; t < transactions.Length; t++)
        {
            var tx = block.Transactions[t];
            var inputs = tx.Inputs.ToArray();
            for (var i = 0; i < inputs.Length; i++)
            {
                var input = inputs[i];
                if (input.Source is PrevoutSource.Coinbase or PrevoutSource.Source)
                {
                    continue;
                }

                var txid = input.PrevOut.TxId;
                if (inBlock.TryGetValue(txid, out var parent))
                {
                    var output = parent.Outputs[(int)input.PrevOut.Index];
                    inputs[i] = input.Resolved(new SpentOutput(output.Value, output.Kind, output.AddressKey), PrevoutSource.Source);
                    continue;
                }

                if (!fetched.TryGetValue(txid, out var spent))
                {
                    spent = await client.CallAsync("getrawtransaction", [txid.ToString(), true], cancellationToken).ConfigureAwait(false);
                    fetched[txid] = spent;
                }

                var where = $"{description} getrawtransaction {txid} vout[{input.PrevOut.Index}]";
                var vout = spent.GetProperty("vout");
                if (input.PrevOut.Index >= vout.GetArrayLength())
                {
                    throw new MalformedDataException(where, $"the transaction has {vout.GetArrayLength()} outputs");
                }

                var spentOutput = vout[(int)input.PrevOut.Index];
                try
                {
                    var value = BtcAmount.ToSatoshis(spentOutput.GetProperty("value"), $"{where}.value");
                    var (kind, key) = OutputScriptClassifier.Classify(Convert.FromHexString(spentOutput.GetProperty("scriptPubKey").GetProperty("hex").GetString()!));
                    inputs[i] = input.Resolved(new SpentOutput(value, kind, key), PrevoutSource.Source);
                }
                catch (FormatException ex)
                {
                    throw new MalformedDataException(where, ex.Message, ex);
                }
            }

            inBlock[tx.TxId] = tx;
            transactions[t] = tx with { Inputs = inputs };
        }

        return block with { Transactions = transactions };
    }
}
