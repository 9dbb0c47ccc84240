using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;

namespace ChainTrace.Ethereum.Normalization;

/// <summary>
/// Decodes ERC-20 <c>Transfer(address indexed from, address indexed to, uint256 value)</c> logs: three topics and
/// one data word, or (early tokens that declared nothing <c>indexed</c>) one topic and three data words. Unlike
/// blockchain-etl, which accepts any four words, an event with the token id as a fourth topic is ERC-721 and not
/// a fungible amount; it and anything else (missing topics, short data) is counted as non-standard.
/// </summary>
public static class Erc20TransferDecoder
{
    /// <summary>keccak256("Transfer(address,address,uint256)").</summary>
    public static Hash32 TransferTopic { get; } = Hash32.Parse("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    public static bool IsTransferEvent(RawLog log) => log.Topics.Count > 0 && log.Topics[0] == TransferTopic;

    /// <summary>Null when the log is a Transfer event that cannot be read as an ERC-20 transfer.</summary>
    public static Transfer? TryDecode(RawLog log)
    {
        var standard = log.Topics.Count == 3 && log.Data.Length == 32;
        var unindexed = log.Topics.Count == 1 && log.Data.Length == 96;
        if (!standard && !unindexed)
        {
            return null;
        }

        Span<byte> words = stackalloc byte[96];
        var w = 0;
        for (var i = 1; i < log.Topics.Count; i++, w++)
        {
            log.Topics[i].CopyTo(words.Slice(w * 32, 32));
        }

        log.Data.AsSpan().CopyTo(words[(w * 32)..]);
        return new Transfer(
            TransferKind.Token,
            Asset.Erc20(log.Address),
            EthAddress.FromBytes(words.Slice(12, 20)),
            EthAddress.FromBytes(words.Slice(44, 20)),
            UInt256.FromBigEndianBytes(words.Slice(64, 32)),
            log.TxHash,
            log.LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
