using ChainTrace.Simulator.Bitcoin;
using ChainTrace.Simulator.Truth;

namespace ChainTrace.Simulator.Tests.Taint;

/// <summary>
/// A tiny Bitcoin world for hand-computed taint cases: two flagged sources (A = ransom, B = market), users, two
/// exchanges, and transactions moved through the simulator's own <see cref="TaintPropagation"/>.
/// </summary>
internal sealed class BitcoinTaintLedger
{
    private int _ids;

    public BitcoinTaintLedger()
    {
        A = NewEntity("A", EntityCategories.Ransomware);
        B = NewEntity("B", EntityCategories.Market);
        User = NewEntity("user", EntityCategories.User);
        Peeler = NewEntity("peeler", EntityCategories.User);
        X = NewEntity("X", EntityCategories.Exchange);
        Y = NewEntity("Y", EntityCategories.Exchange);
        Book.Flag(A, "ransom");
        Book.Flag(B, "market");
    }

    public TaintBook Book { get; } = new();

    public Entity A { get; }

    public Entity B { get; }

    public Entity User { get; }

    public Entity Peeler { get; }

    public Entity X { get; }

    public Entity Y { get; }

    /// <summary>A coin as it would be minted to <paramref name="owner"/>: a flagged source's coins are wholly its taint.</summary>
    public SimCoin Coin(Entity owner, long value)
    {
        var coin = new SimCoin { TxId = default, Index = 0, Value = value, Address = Address(owner) };
        if (owner.FlaggedSource >= 0)
        {
            coin.Taint = ChainTrace.Simulator.Bitcoin.Taint.Full(Book.Sources.Count, owner.FlaggedSource, value);
        }

        return coin;
    }

    /// <summary>Spends <paramref name="inputs"/> in that order to the outputs in that order; what is left is the fee.</summary>
    public SimCoin[] Spend(SimCoin[] inputs, params (Entity To, long Value)[] outputs)
    {
        var created = outputs.Select((o, i) => new SimCoin { TxId = default, Index = (uint)i, Value = o.Value, Address = Address(o.To) }).ToArray();
        if (created.Sum(c => c.Value) > inputs.Sum(c => c.Value))
        {
            throw new ArgumentException("outputs exceed inputs", nameof(outputs));
        }

        TaintPropagation.Apply(Book, inputs, created);
        return created;
    }

    public (long Fifo, long Haircut, long Poison) Reached(Entity source, Entity exchange)
    {
        var (f, h, p) = Book.Reached(source.FlaggedSource, exchange);
        return ((long)f, (long)h, (long)p);
    }

    public (long Fifo, long Haircut, long Poison) Outflow(Entity source)
    {
        var (f, h, p) = Book.Outflow[source.FlaggedSource];
        return ((long)f, (long)h, (long)p);
    }

    private Entity NewEntity(string name, string category) => new(++_ids, name, category, labelled: false, abuse: null);

    private SimAddress Address(Entity owner) => new(++_ids, owner, new Wallet(owner.Name), ScriptKind.P2WPKH);
}
