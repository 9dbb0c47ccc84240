using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Utxo;
using NBitcoin;

namespace ChainTrace.Bitcoin.Tests.Mapping;

/// <summary>Spend shapes the shared blocks lack (P2WSH, nested P2WSH, taproot), built with NBitcoin, whose addresses are the oracle.</summary>
public class WitnessInputDerivationTests
{
    private static readonly NBitcoin.Network Main = NBitcoin.Network.Main;
    private static readonly Key[] Keys = [.. Enumerable.Range(1, 3).Select(i => new Key(NBitcoin.Crypto.Hashes.SHA256([(byte)i])))];
    private static readonly Script Multisig = PayToMultiSigTemplate.Instance.GenerateScriptPubKey(2, [.. Keys.Select(k => k.PubKey)]);
    private static readonly byte[] FakeSig = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x01];

    [Fact]
    public void NativeP2WSH_IsTheSha256OfTheWitnessScript()
    {
        var input = MapSingleInput(Script.Empty, new WitScript([[], FakeSig, FakeSig, Multisig.ToBytes()]));

        Assert.Equal(OutputKind.P2WSH, input.PrevKind);
        Assert.Equal(Multisig.WitHash.GetAddress(Main).ToString(), BtcData.Address(input.AddressKey));
    }

    [Fact]
    public void NestedP2WSH_IsTheP2SHOfTheWitnessProgram()
    {
        var program = Multisig.WitHash.ScriptPubKey;
        var input = MapSingleInput(new Script(Op.GetPushOp(program.ToBytes())), new WitScript([[], FakeSig, FakeSig, Multisig.ToBytes()]));

        Assert.Equal(OutputKind.P2SH, input.PrevKind);
        Assert.Equal(program.Hash.GetAddress(Main).ToString(), BtcData.Address(input.AddressKey));
    }

    [Fact]
    public void NestedP2WPKH_IsTheP2SHOfTheKeyHashProgram()
    {
        var pubKey = Keys[0].PubKey;
        var input = MapSingleInput(new Script(Op.GetPushOp(pubKey.WitHash.ScriptPubKey.ToBytes())), new WitScript([FakeSig, pubKey.ToBytes()]));

        Assert.Equal(OutputKind.P2SH, input.PrevKind);
        Assert.Equal(pubKey.GetAddress(ScriptPubKeyType.SegwitP2SH, Main).ToString(), BtcData.Address(input.AddressKey));
    }

    [Fact]
    public void NativeP2WPKH_IsTheHash160OfTheWitnessKey()
    {
        var pubKey = Keys[1].PubKey;
        var input = MapSingleInput(Script.Empty, new WitScript([FakeSig, pubKey.ToBytes()]));

        Assert.Equal(OutputKind.P2WPKH, input.PrevKind);
        Assert.Equal(pubKey.GetAddress(ScriptPubKeyType.Segwit, Main).ToString(), BtcData.Address(input.AddressKey));
    }

    [Fact]
    public void BareP2SHMultisig_IsTheHashOfTheLastPush()
    {
        var scriptSig = new Script(OpcodeType.OP_0, Op.GetPushOp(FakeSig), Op.GetPushOp(FakeSig), Op.GetPushOp(Multisig.ToBytes()));
        var input = MapSingleInput(scriptSig, WitScript.Empty);

        Assert.Equal(OutputKind.P2SH, input.PrevKind);
        Assert.Equal(Multisig.Hash.GetAddress(Main).ToString(), BtcData.Address(input.AddressKey));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TaprootSpends_GetNoAddress(int shape)
    {
        var signature = new byte[64];
        var controlBlock = new byte[33 + 32];
        controlBlock[0] = 0xc0;
        var witness = shape switch
        {
            1 => new WitScript([signature]),
            2 => new WitScript([signature, [0x50, 0x01]]),
            _ => new WitScript([signature, [0x20, .. new byte[32], 0xac], controlBlock]),
        };

        var input = MapSingleInput(Script.Empty, witness);

        Assert.Null(input.AddressKey);
        Assert.Equal(PrevoutSource.None, input.Source);
    }

    private static UtxoInput MapSingleInput(Script scriptSig, WitScript witness)
    {
        var tx = Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new NBitcoin.OutPoint(uint256.One, 0), scriptSig) { WitScript = witness });
        tx.Outputs.Add(Money.Coins(1), Keys[2].PubKey.GetAddress(ScriptPubKeyType.Legacy, Main));
        var mapped = BitcoinBlockMapper.MapTransaction(tx.ToBytes());
        Assert.Equal(tx.GetHash().ToString(), mapped.TxId.ToString());
        Assert.Equal(tx.GetSerializedSize(), mapped.Size);
        Assert.Equal(tx.GetVirtualSize(), mapped.VSize);
        return Assert.Single(mapped.Inputs);
    }
}
