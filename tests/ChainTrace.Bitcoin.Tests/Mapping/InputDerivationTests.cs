using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Tests.Mapping;

public class InputDerivationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// Two independent paths must agree: the address classified from an output script, and the address
    /// derived from the scriptSig/witness of the input that spends it within the same block.
    /// </summary>
    [Theory]
    [InlineData("block_574200.raw")]
    [InlineData("block_481815.raw")]
    [InlineData("block_383616.raw")]
    public async Task DerivedInputAddress_EqualsTheSpentOutputsAddress_ForInBlockSpends(string file)
    {
        var block = Assert.Single(await BtcData.ReadAllAsync(new RawBlockFileSource(new([BtcData.Raw(file)], Network.Main))));
        var outputs = block.Transactions.SelectMany(t => t.Outputs.Select(o => (Key: new OutPoint(t.TxId, (uint)o.Index), Output: o)))
            .ToDictionary(x => x.Key, x => x.Output);

        var checkedKinds = new Dictionary<OutputKind, int>();
        foreach (var input in block.Transactions.SelectMany(t => t.Inputs))
        {
            if (!outputs.TryGetValue(input.PrevOut, out var spent) || spent.AddressKey is null)
            {
                continue;
            }

            if (spent.Kind is OutputKind.P2PKH or OutputKind.P2SH or OutputKind.P2WPKH or OutputKind.P2WSH)
            {
                Assert.Equal(PrevoutSource.Script, input.Source);
                Assert.Equal(BtcData.Address(spent.AddressKey), BtcData.Address(input.AddressKey));
                Assert.Equal(spent.Kind, input.PrevKind);
                checkedKinds[spent.Kind] = checkedKinds.GetValueOrDefault(spent.Kind) + 1;
            }
        }

        output.WriteLine(string.Join(", ", checkedKinds.Select(k => $"{k.Key}={k.Value}")));
        Assert.NotEmpty(checkedKinds);
    }

    [Theory]
    [InlineData("block_370661.raw", "1LnNsUycA3iAWhqKj1L3vEH1GV6nJE5NtF")]
    [InlineData("block_370661.raw", "1NxaBCFQwejSZbQfWcYNwgqML5wWoE3rK4")]
    [InlineData("block_277647.blk", "14ChPPM8rPYJeHnw6kMVUDnNNKx1KnjYW4")]
    public async Task DerivedInputAddresses_IncludeTheLabelledSpendersListedInTheManifest(string file, string address)
    {
        var block = Assert.Single(await BtcData.ReadAllAsync(new RawBlockFileSource(new([BtcData.Raw(file)], Network.Main))));

        var inputAddresses = block.Transactions.SelectMany(t => t.Inputs).Where(i => i.AddressKey is not null).Select(i => BtcData.Address(i.AddressKey));

        Assert.Contains(address, inputAddresses);
    }

    [Fact]
    public async Task SegwitBlock_DerivesNestedAndNativeSegwitInputs()
    {
        var block = Assert.Single(await BtcData.ReadAllAsync(new RawBlockFileSource(new([BtcData.Raw("block_574200.raw")], Network.Main))));
        var inputs = block.Transactions.Where(t => !t.IsCoinbase).SelectMany(t => t.Inputs).ToList();
        var byKind = inputs.GroupBy(i => i.PrevKind).ToDictionary(g => g.Key ?? OutputKind.NonStandard, g => g.Count());
        output.WriteLine(string.Join(", ", byKind.Select(k => $"{k.Key}={k.Value}")) + $", none={inputs.Count(i => i.Source == PrevoutSource.None)}");

        Assert.True(byKind.GetValueOrDefault(OutputKind.P2WPKH) > 0);
        Assert.True(byKind.GetValueOrDefault(OutputKind.P2SH) > 0);
        Assert.True(byKind.GetValueOrDefault(OutputKind.P2PKH) > 0);
    }
}
