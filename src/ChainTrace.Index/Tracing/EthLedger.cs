using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Tracing.Account;
using ChainTrace.Index.Account;

namespace ChainTrace.Index.Tracing;

/// <summary>
/// One asset's movements on the stored Ethereum ledger, in the order the simulator's ledger applies them: per
/// transaction (by index) its gas fee first (ether only; failed transactions pay it too), then its transfers in
/// stored order (value, token events, internal calls by trace address), then the block's rewards and withdrawals.
/// Address ids are the account read model's, so clusters and labels apply; addresses it lacks (a sender of failed
/// transactions only) get ids above its range.
/// </summary>
internal sealed class EthLedger : IAccountFlowGraph
{
    public const string FeePosition = "fee";

    private readonly EthIndex _index;
    private readonly List<AccountMovement> _movements = [];
    private readonly List<string> _positions = [];
    private readonly List<(Hash32 Hash, long Height, DateTimeOffset Time)> _txs = [];
    private readonly Dictionary<string, int> _extra = new(StringComparer.Ordinal);
    private readonly List<EthAddress> _extraAddresses = [];

    private EthLedger(EthIndex index) => _index = index;

    public int Count => _movements.Count;

    /// <summary>Every transaction's top-level call, also those that moved no value (failed, or zero-value).</summary>
    public List<EthCall> Calls { get; } = [];

    public long Height(int tx) => _txs[tx].Height;

    public AccountMovement Movement(int index) => _movements[index];

    public DateTimeOffset Time(int tx) => _txs[tx].Time;

    public Hash32 TxHash(int tx) => _txs[tx].Hash;

    public string Position(int movement) => _positions[movement];

    /// <param name="token">The token to follow; null: ether.</param>
    public static EthLedger Build(EthIndex index, IEnumerable<StoredAccountBlock> blocks, EthAddress? token)
    {
        var ledger = new EthLedger(index);
        foreach (var block in blocks)
        {
            var byTx = new Dictionary<Hash32, List<Transfer>>();
            var issuance = new List<Transfer>();
            foreach (var transfer in block.Transfers)
            {
                if (!Follows(transfer.Asset, token))
                {
                    continue;
                }

                if (transfer.TxHash is { } hash)
                {
                    (byTx.TryGetValue(hash, out var list) ? list : byTx[hash] = []).Add(transfer);
                }
                else
                {
                    issuance.Add(transfer);
                }
            }

            var blockTx = -1;
            foreach (var tx in block.Transactions)
            {
                var id = ledger._txs.Count;
                ledger._txs.Add((tx.Hash, block.Header.Height, block.Header.Time));
                if ((tx.To ?? tx.CreatedContract) is { } callee)
                {
                    ledger.Calls.Add(new EthCall(id, ledger.Id(tx.From), ledger.Id(callee), tx.Value.ToBigInteger(), tx.Succeeded));
                }
                if (token is null && tx.Fee is { } fee && !fee.IsZero)
                {
                    ledger.Add(new AccountMovement(ledger.Id(tx.From), -1, fee.ToBigInteger(), id), FeePosition);
                }

                foreach (var transfer in byTx.GetValueOrDefault(tx.Hash) ?? [])
                {
                    ledger.Add(new AccountMovement(ledger.Id(transfer.From), ledger.Id(transfer.To), transfer.Value.ToBigInteger(), id), transfer.Position);
                }
            }

            foreach (var transfer in issuance)
            {
                if (blockTx < 0)
                {
                    blockTx = ledger._txs.Count;
                    ledger._txs.Add((Hash32.Zero, block.Header.Height, block.Header.Time));
                }

                ledger.Add(new AccountMovement(ledger.Id(transfer.From), ledger.Id(transfer.To), transfer.Value.ToBigInteger(), blockTx), $"{transfer.Kind.ToString().ToLowerInvariant()}:{transfer.Position}");
            }
        }

        return ledger;
    }

    /// <summary>The dense id of <paramref name="address"/>, -1 when the ledger never saw it.</summary>
    public int Find(EthAddress address)
    {
        var id = _index.FindAddress(address.Key);
        return id >= 0 ? id : _extra.GetValueOrDefault(address.ToString(), -1);
    }

    public EthAddress Address(int id) =>
        id < _index.AddressCount ? EthAddress.FromBytes(_index.AddressKey(id)) : _extraAddresses[id - _index.AddressCount];

    /// <summary>The movement of transaction <paramref name="hash"/> at <paramref name="position"/> (<c>tx</c>, a log index, a trace address, <c>fee</c>); -1 when none.</summary>
    public int FindMovement(Hash32 hash, string position)
    {
        for (var i = 0; i < _movements.Count; i++)
        {
            if (_movements[i].Tx >= 0 && _txs[_movements[i].Tx].Hash == hash && _positions[i] == position)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Follows(Asset asset, EthAddress? token) => token is null ? asset.IsNative : token.Equals(asset.Token);

    private void Add(AccountMovement movement, string position)
    {
        _movements.Add(movement);
        _positions.Add(position);
    }

    private int Id(EthAddress address)
    {
        var id = _index.FindAddress(address.Key);
        if (id >= 0)
        {
            return id;
        }

        var text = address.ToString();
        if (!_extra.TryGetValue(text, out id))
        {
            id = _index.AddressCount + _extraAddresses.Count;
            _extra[text] = id;
            _extraAddresses.Add(address);
        }

        return id;
    }
}
