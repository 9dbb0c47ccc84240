using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;

namespace ChainTrace.Ethereum.Normalization;

/// <summary>
/// Decodes ERC-20 <c>Transfer(address indexed from, address indexed to, uint256 value)</c> logs. As
/// blockchain-etl does, topics and data words are read as one sequence of four words, which also accepts early
/// tokens that declared the addresses without <c>indexed</c>; anything else (ERC-721's indexed token id, short
/// data) is not a fungible transfer and is counted as non-standard.
/// </summary>
public static class Erc20TransferDecoder
{
    /// <summary>keccak256("Transfer(address,address,uint256)").</summary>
    public static Hash32 TransferTopic { get; } = Hash32.Parse("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    public static bool IsTransferEvent(RawLog log) => log.Topics.Count > 0 && log.Topics[0] == TransferTopic;

    /// <summary>Null when the log is a Transfer event that cannot be read as an ERC-20 transfer.</summary>
    public static Transfer? TryDecode(RawLog log)
    {
        if (log.Data.Length % 32 != 0 || log.Topics.Count + (log.Data.Length / 32) != 4)
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
