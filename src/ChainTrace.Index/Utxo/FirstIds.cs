namespace ChainTrace.Index.Utxo;

/// <summary>The first id a row of an ascending range array starts at (for one binary search over each array).</summary>
internal interface IFirstId<TRow>
{
    static abstract int Of(in TRow row);
}

internal readonly struct FirstTxOf : IFirstId<IndexBlock>
{
    public static int Of(in IndexBlock row) => row.FirstTx;
}

internal readonly struct FirstOutputOf : IFirstId<IndexTx>
{
    public static int Of(in IndexTx row) => row.FirstOutput;
}

internal readonly struct FirstInputOf : IFirstId<IndexTx>
{
    public static int Of(in IndexTx row) => row.FirstInput;
}
