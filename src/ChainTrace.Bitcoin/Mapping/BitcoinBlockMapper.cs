using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using NBitcoin;
using CoreNetwork = ChainTrace.Core.Chains.Network;
using CoreOutPoint = ChainTrace.Core.Utxo.OutPoint;
using UtxoBlockHeader = ChainTrace.Core.Utxo.BlockHeader;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// Turns consensus-serialized Bitcoin blocks and transactions into the chain-agnostic UTXO model.
/// Input addresses are derived from scripts (value unknown); sources that know prevouts fill them in after.
/// </summary>
public static class BitcoinBlockMapper
{
    /// <summary>Parsing is identical on every Bitcoin network; only the magic and address prefixes differ.</summary>
    internal static readonly ConsensusFactory Consensus = NBitcoin.Network.Main.Consensus.ConsensusFactory;

    /// <summary>Parses and maps one serialized block, checking it is one (<see cref="BlockIntegrity"/>).</summary>
    /// <exception cref="FormatException">The bytes are not one whole, intact block.</exception>
    public static UtxoBlock MapBlock(byte[] rawBlock, long height, CoreNetwork network)
    {
        var block = ParseBlock(rawBlock);
        var mapped = Map(block, height, network, rawBlock);
        BlockIntegrity.Check(mapped.Header.Hash, mapped.Header.Bits!.Value, block.Header.HashMerkleRoot.ToHash32(), mapped.Transactions);
        WitnessCommitment.Check(block, rawBlock);
        return mapped;
    }

    /// <summary>Parses and maps one serialized transaction (e.g. a transaction file), as at <paramref name="position"/> in a block.</summary>
    /// <exception cref="FormatException">The bytes are not one whole transaction.</exception>
    public static UtxoTransaction MapTransaction(byte[] rawTransaction, int position = 0)
    {
        ArgumentNullException.ThrowIfNull(rawTransaction);
        var tx = Consensus.CreateTransaction();
        var stream = new BitcoinStream(rawTransaction) { ConsensusFactory = Consensus };
        try
        {
            tx.ReadWrite(stream);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw new FormatException($"transaction does not parse: {ex.Message}", ex);
        }

        if (stream.Inner.Position != rawTransaction.Length)
        {
            throw new FormatException($"{rawTransaction.Length - stream.Inner.Position} bytes left after the transaction");
        }

        return MapTransaction(tx, position);
    }

    internal static Block ParseBlock(byte[] rawBlock)
    {
        ArgumentNullException.ThrowIfNull(rawBlock);
        var block = Consensus.CreateBlock();
        var stream = new BitcoinStream(rawBlock) { ConsensusFactory = Consensus };
        try
        {
            block.ReadWrite(stream);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw new FormatException($"block does not parse: {ex.Message}", ex);
        }

        if (stream.Inner.Position != rawBlock.Length)
        {
            throw new FormatException($"{rawBlock.Length - stream.Inner.Position} bytes left after the block");
        }

        return block;
    }

    /// <summary>What NBitcoin throws on bytes that are not what they claim (short data, absurd counts, non-canonical sizes).</summary>
    private static bool IsParseFailure(Exception ex) =>
        ex is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException or OverflowException or IOException
            or InvalidDataException;

    /// <param name="rawBlock">
    /// The bytes <paramref name="block"/> was parsed from, when there are some: txids are then hashed straight
    /// from them instead of re-serializing every transaction through NBitcoin.
    /// </param>
    internal static UtxoBlock Map(Block block, long height, CoreNetwork network, byte[]? rawBlock = null)
    {
        var header = block.Header;
        var transactions = new UtxoTransaction[block.Transactions.Count];
        var txids = rawBlock is null ? null : RawTxids.Compute(block, rawBlock);
        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i] = MapTransaction(block.Transactions[i], i, txids?[i]);
        }

        return new UtxoBlock(
            new UtxoBlockHeader(Chain.Btc, height, header.GetHash().ToHash32(), header.HashPrevBlock.ToHash32(), header.BlockTime, header.Bits.ToCompact()),
            network,
            transactions);
    }

    internal static UtxoTransaction MapTransaction(Transaction tx, int position, Hash32? txid = null)
    {
        var isCoinbase = tx.IsCoinBase;
        var inputs = new UtxoInput[tx.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = MapInput(tx.Inputs[i], i, isCoinbase);
        }

        var outputs = new UtxoOutput[tx.Outputs.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            var output = tx.Outputs[i];
            var (kind, key) = OutputScriptClassifier.Classify(output.ScriptPubKey.ToBytes(@unsafe: true));
            outputs[i] = new UtxoOutput(i, output.Value.Satoshi, kind, key);
        }

        var (size, vsize) = TransactionSizes.Compute(tx);
        return new UtxoTransaction(txid ?? tx.GetHash().ToHash32(), position, isCoinbase, size, vsize, inputs, outputs);
    }

    private static UtxoInput MapInput(TxIn input, int index, bool isCoinbase)
    {
        var prevOut = new CoreOutPoint(input.PrevOut.Hash.ToHash32(), input.PrevOut.N);
        if (isCoinbase)
        {
            return new UtxoInput { Index = index, PrevOut = prevOut, Source = PrevoutSource.Coinbase };
        }

        var derived = InputScriptDeriver.Derive(input.ScriptSig.ToBytes(@unsafe: true), input.WitScript);
        return derived is { } found
            ? new UtxoInput { Index = index, PrevOut = prevOut, AddressKey = found.AddressKey, PrevKind = found.Kind, Source = PrevoutSource.Script }
            : new UtxoInput { Index = index, PrevOut = prevOut, Source = PrevoutSource.None };
    }
}
