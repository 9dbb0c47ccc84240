using System.Numerics;

namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// The traced part of one account's balance under one model, as the simulator's ledger keeps it: FIFO a queue of
/// (traced?, amount) segments in arrival order; haircut the traced amount within <see cref="Total"/>; poison a
/// mark that never washes out (every payment is wholly traced). <see cref="Total"/> is the account's balance.
/// </summary>
internal sealed class AccountTaint(TaintModel model, BigInteger balance, int hop)
{
    private readonly List<(bool Traced, BigInteger Amount)> _queue = balance.IsZero ? [] : [(false, balance)];
    private int _head;
    private BigInteger _queuedTraced;

    public BigInteger Total { get; private set; } = balance;

    public BigInteger Haircut { get; private set; }

    public int Hop { get; set; } = hop;

    /// <summary>What of the balance is traced under the model.</summary>
    public BigInteger Amount => model switch
    {
        TaintModel.Haircut => Haircut,
        TaintModel.Poison => Total,
        _ => _queuedTraced,
    };

    public bool IsClean => model != TaintModel.Poison && Amount.IsZero;

    /// <summary>Value the account held before the data began (it pays more than the data shows it received): clean, and older than all else.</summary>
    public void AddUnseen(BigInteger amount)
    {
        _queue.Insert(_head, (false, amount));
        Total += amount;
    }

    public void Credit(BigInteger amount, BigInteger traced)
    {
        Total += amount;
        Haircut += traced;
        if (model == TaintModel.Fifo)
        {
            Append(traced.IsZero ? [(false, amount)] : [(true, traced), (false, amount - traced)]);
        }
    }

    public void CreditSegments(List<(bool Traced, BigInteger Amount)> segments)
    {
        foreach (var (_, a) in segments)
        {
            Total += a;
        }

        Append(segments);
    }

    /// <summary>Takes a payment of <paramref name="amount"/> (at most <see cref="Total"/>); returns its traced part and, for FIFO, its segments.</summary>
    public (BigInteger Traced, List<(bool Traced, BigInteger Amount)>? Segments) Take(BigInteger amount)
    {
        BigInteger traced;
        List<(bool, BigInteger)>? segments = null;
        switch (model)
        {
            case TaintModel.Haircut:
                traced = Total.IsZero ? 0 : Haircut * amount / Total;
                Haircut -= traced;
                break;
            case TaintModel.Poison:
                traced = amount;
                break;
            default:
                (traced, segments) = TakeFront(amount);
                break;
        }

        Total -= amount;
        return (traced, segments);
    }

    private (BigInteger, List<(bool, BigInteger)>) TakeFront(BigInteger amount)
    {
        var taken = new List<(bool, BigInteger)>();
        BigInteger traced = 0;
        var need = amount;
        while (need > 0 && _head < _queue.Count)
        {
            var (t, available) = _queue[_head];
            var take = BigInteger.Min(need, available);
            taken.Add((t, take));
            traced += t ? take : 0;
            need -= take;
            if (take == available)
            {
                _head++;
            }
            else
            {
                _queue[_head] = (t, available - take);
            }
        }

        if (_head > 64 && _head * 2 > _queue.Count)
        {
            _queue.RemoveRange(0, _head);
            _head = 0;
        }

        _queuedTraced -= traced;
        return (traced, taken);
    }

    private void Append(IEnumerable<(bool Traced, BigInteger Amount)> segments)
    {
        foreach (var (t, a) in segments)
        {
            if (a.IsZero)
            {
                continue;
            }

            _queuedTraced += t ? a : 0;
            if (_queue.Count > _head && _queue[^1].Traced == t)
            {
                _queue[^1] = (t, _queue[^1].Amount + a);
            }
            else
            {
                _queue.Add((t, a));
            }
        }
    }
}
