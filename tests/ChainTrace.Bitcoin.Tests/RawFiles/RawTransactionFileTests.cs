using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.RawFiles;

public class RawTransactionFileTests
{
    private const string MegaTxId = "bb41a757f405890fb0f5856228e23b715702d714d59bf2b1feb70d8b2b4e3e08";

    [Fact]
    public async Task Read_ParsesThe5569InputTransactionWhole_AndDerivesEveryInputAddress()
    {
        var tx = await RawTransactionFile.ReadAsync(BtcData.Raw($"tx_{MegaTxId}.bin"), CancellationToken.None);

        Assert.Equal(MegaTxId, tx.TxId.ToString());
        Assert.Equal(5569, tx.Inputs.Count);
        Assert.Equal(OutputKind.P2PKH, Assert.Single(tx.Outputs).Kind);
        Assert.Equal(999_657, tx.Size);
        Assert.Equal(999_657, tx.VSize);
        Assert.Equal(Enumerable.Range(0, 5569), tx.Inputs.Select(i => i.Index));
        Assert.All(tx.Inputs, i =>
        {
            Assert.Equal(PrevoutSource.Script, i.Source);
            Assert.Equal(OutputKind.P2PKH, i.PrevKind);
            Assert.StartsWith("1", BtcData.Address(i.AddressKey), StringComparison.Ordinal);
            Assert.Null(i.Value);
        });
    }

    [Fact]
    public async Task Read_ParsesHexText_AndRejectsTrailingBytes()
    {
        using var dir = new TempDir("tx");
        var bytes = await File.ReadAllBytesAsync(BtcData.Raw($"tx_{MegaTxId}.bin"));
        await File.WriteAllTextAsync(dir.File("tx.hex"), Convert.ToHexStringLower(bytes));
        await File.WriteAllBytesAsync(dir.File("tx-extra.bin"), [.. bytes, 0x01]);

        var fromHex = await RawTransactionFile.ReadAsync(dir.File("tx.hex"), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<MalformedDataException>(() => RawTransactionFile.ReadAsync(dir.File("tx-extra.bin"), CancellationToken.None));

        Assert.Equal(MegaTxId, fromHex.TxId.ToString());
        Assert.Contains("1 bytes left after the transaction", ex.Problem, StringComparison.Ordinal);
    }
}
