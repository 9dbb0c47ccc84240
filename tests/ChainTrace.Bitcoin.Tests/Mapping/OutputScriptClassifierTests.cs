using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Tests.Mapping;

public class OutputScriptClassifierTests
{
    /// <summary>BIP-173 / BIP-350 vectors, Bitcoin Core key_io vectors, and Satoshi's genesis-key address.</summary>
    [Theory]
    [InlineData("0014751e76e8199196d454941c45d1b3a323f1433bd6", OutputKind.P2WPKH, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [InlineData("00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262", OutputKind.P2WSH, "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3")]
    [InlineData("512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", OutputKind.P2TR, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")]
    [InlineData("6002751e", OutputKind.WitnessUnknown, "bc1sw50qgdz25j")]
    [InlineData("5210751e76e8199196d454941c45d1b3a323", OutputKind.WitnessUnknown, "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs")]
    [InlineData("76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac", OutputKind.P2PKH, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88ac", OutputKind.P2PKH, "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i")]
    [InlineData("a91474f209f6ea907e2ea48f74fae05782ae8a66525787", OutputKind.P2SH, "3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou")]
    public void Classify_GivesKindAndAddress(string scriptHex, OutputKind kind, string address)
    {
        var (gotKind, key) = OutputScriptClassifier.Classify(Convert.FromHexString(scriptHex));

        Assert.Equal(kind, gotKind);
        Assert.Equal(address, BtcData.Address(key));
    }

    [Theory]
    [InlineData("6a0b68656c6c6f20776f726c64", OutputKind.NullData)]
    [InlineData("6a", OutputKind.NullData)]
    [InlineData("51210300000000000000000000000000000000000000000000000000000000000000012102000000000000000000000000000000000000000000000000000000000000000252ae", OutputKind.Multisig)]
    [InlineData("0015751e76e8199196d454941c45d1b3a323f1433bd6ff", OutputKind.NonStandard)]
    [InlineData("76a914751e76e8199196d454941c45d1b3a323f1433bd688", OutputKind.NonStandard)]
    [InlineData("", OutputKind.NonStandard)]
    [InlineData("ac", OutputKind.NonStandard)]
    public void Classify_GivesNoAddress_ForScriptsWithoutOne(string scriptHex, OutputKind kind)
    {
        var (gotKind, key) = OutputScriptClassifier.Classify(Convert.FromHexString(scriptHex));

        Assert.Equal(kind, gotKind);
        Assert.Null(key);
    }

    [Theory]
    [InlineData("1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d")]
    [InlineData("1J29zwZCRJafLCh3NHY7T11Sc2bLpDfKsq")]
    [InlineData("1MW8QJahh2YXovXpbhDcXAN8MEEL2AUn4n")]
    public async Task Block574200_PaysTheLabelledAddressesListedInTheManifest(string address)
    {
        var block = Assert.Single(await BtcData.ReadAllAsync(new RawBlockFileSource(new([BtcData.Raw("block_574200.raw")], Network.Main))));

        Assert.Contains(address, block.Transactions.SelectMany(t => t.Outputs).Select(o => BtcData.Address(o.AddressKey)));
    }
}
