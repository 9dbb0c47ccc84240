using ChainTrace.Core.Utxo;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// Who paid how much of a transaction's outputs. Each distinct input address (inputs without one form a single
/// unknown payer) pays each output in proportion to the value of its inputs, or to the number of its inputs when
/// any input value is unknown. Shares are floored and the remainder goes to the largest payer (the first of
/// equals), so the shares of an amount add up to exactly that amount.
/// </summary>
internal sealed class PayerShares
{
    private readonly List<byte[]?> _payers = [];
    private readonly List<long> _weights = [];
    private long _total;

    public PayerShares(IReadOnlyList<UtxoInput> inputs)
    {
        var byCount = false;
        foreach (var input in inputs)
        {
            byCount |= input.Value is null;
        }

        foreach (var input in inputs)
        {
            var weight = byCount ? 1 : input.Value!.Value;
            var index = IndexOf(input.AddressKey);
            if (index < 0)
            {
                _payers.Add(input.AddressKey);
                _weights.Add(weight);
            }
            else
            {
                _weights[index] += weight;
            }

            _total += weight;
        }
    }

    /// <summary>Distinct payers in input order; null is the unknown payer.</summary>
    public IReadOnlyList<byte[]?> Payers => _payers;

    public int IndexOf(byte[]? key)
    {
        for (var i = 0; i < _payers.Count; i++)
        {
            if (key is null ? _payers[i] is null : _payers[i] is { } p && p.AsSpan().SequenceEqual(key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Payer <paramref name="index"/>'s share of <paramref name="amount"/>.</summary>
    public long Share(long amount, int index)
    {
        if (_payers.Count == 0)
        {
            return 0;
        }

        if (_total == 0)
        {
            // Every input weighs nothing (all zero-valued): the amount is split by payer, remainder to the first.
            var equal = amount / _payers.Count;
            return index == 0 ? amount - (equal * (_payers.Count - 1)) : equal;
        }

        var share = (long)((Int128)amount * _weights[index] / _total);
        if (index != Largest())
        {
            return share;
        }

        long others = 0;
        for (var i = 0; i < _payers.Count; i++)
        {
            others += i == index ? 0 : (long)((Int128)amount * _weights[i] / _total);
        }

        return amount - others;
    }

    private int Largest()
    {
        var best = 0;
        for (var i = 1; i < _weights.Count; i++)
        {
            if (_weights[i] > _weights[best])
            {
                best = i;
            }
        }

        return best;
    }
}
