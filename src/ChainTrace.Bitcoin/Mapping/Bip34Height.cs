namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// The block height a coinbase declares under BIP-34. Only trusted from the activation height on mainnet
/// (227,931): earlier version-2 blocks already carried a height-like push, but nothing enforced it.
/// </summary>
public static class Bip34Height
{
    public const long MainnetActivation = 227_931;

    /// <summary>Reads the first push of a block's coinbase scriptSig as a little-endian number.</summary>
    public static long? FromBlock(byte[] rawBlock)
    {
        var block = BitcoinBlockMapper.ParseBlock(rawBlock);
        if (block.Header.Version < 2 || block.Transactions.Count == 0 || !block.Transactions[0].IsCoinBase)
        {
            return null;
        }

        var height = FromCoinbaseScript(block.Transactions[0].Inputs[0].ScriptSig.ToBytes(@unsafe: true));
        return height >= MainnetActivation ? height : null;
    }

    internal static long? FromCoinbaseScript(ReadOnlySpan<byte> script)
    {
        if (script.Length == 0)
        {
            return null;
        }

        var length = script[0];
        if (length is < 1 or > 8 || script.Length < 1 + length)
        {
            return null;
        }

        long value = 0;
        for (var i = length - 1; i >= 0; i--)
        {
            value = (value << 8) | script[1 + i];
        }

        return value;
    }
}
