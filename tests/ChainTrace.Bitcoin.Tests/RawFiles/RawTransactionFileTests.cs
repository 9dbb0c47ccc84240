using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Tests.RawFiles;

public class RawTransactionFileTests
{
    private const string MegaTxId = "bb41a757f405890fb0f5856228e23b715702d714d59bf2b1feb70d8b2b4e3e08";

    [Fact]
    public async Task Read_ParsesThe5569InputTransactionWhole()
    {
        var tx = await RawTransactionFile.ReadAsync(BtcData.Raw($"tx_{MegaTxId}.bin"), CancellationToken.None);

        Assert.Equal(MegaTxId, tx.TxId.ToString());
        Assert.Equal(5569, tx.Inputs.Count);
        Assert.Single(tx.Outputs);
        Assert.Equal(999_657, tx.Size);
        Assert.Equal(Enumerable.Range(0, 5569), tx.Inputs.Select(i => i.Index));
        Console.WriteLine(string.Join(",", tx.Inputs.GroupBy(i => (i.Source, i.PrevKind)).Select(g => $"{g.Key}={g.Count()}")));
        Console.WriteLine(string.Join(",", tx.Inputs.Where(i => i.AddressKey != null).Select(i => BtcData.Address(i.AddressKey)).Distinct().Take(5)));
        Console.WriteLine(BtcData.Address(tx.Outputs[0].AddressKey) + " " + tx.Outputs[0].Value);
    }
}
