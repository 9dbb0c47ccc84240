using ChainTrace.Core.Tracing;

namespace ChainTrace.Benchmarks.Tracing;

/// <summary>The floor: the same UTXO edges copied out of the read model into plain managed arrays (CSR), behind the same port.</summary>
internal sealed class ArrayFlowGraph : IUtxoFlowGraph
{
    private readonly int[] _inStart, _spent, _outStart, _address, _spentBy, _txOfOutput, _byAddressStart, _byAddress;
    private readonly long[] _value, _height;

    public ArrayFlowGraph(IUtxoFlowGraph source, int outputs, int addresses)
    {
        ArgumentNullException.ThrowIfNull(source);
        var txs = source.TxCount;
        (_inStart, _outStart, _height) = (new int[txs + 1], new int[txs + 1], new long[txs]);
        var inputs = txs == 0 ? 0 : source.Inputs(txs - 1).Start + source.Inputs(txs - 1).Count;
        _spent = new int[inputs];
        (_address, _spentBy, _txOfOutput, _value) = (new int[outputs], new int[outputs], new int[outputs], new long[outputs]);
        for (var t = 0; t < txs; t++)
        {
            var (i0, ic) = source.Inputs(t);
            var (o0, oc) = source.Outputs(t);
            (_inStart[t], _inStart[t + 1], _outStart[t], _outStart[t + 1], _height[t]) = (i0, i0 + ic, o0, o0 + oc, source.Height(t));
            for (var i = i0; i < i0 + ic; i++)
            {
                _spent[i] = source.SpentOutput(i);
            }

            for (var o = o0; o < o0 + oc; o++)
            {
                (_address[o], _spentBy[o], _txOfOutput[o], _value[o]) = (source.Address(o), source.SpentBy(o), t, source.Value(o));
            }
        }

        _byAddressStart = new int[addresses + 1];
        foreach (var a in _address)
        {
            if (a >= 0)
            {
                _byAddressStart[a + 1]++;
            }
        }

        for (var a = 0; a < addresses; a++)
        {
            _byAddressStart[a + 1] += _byAddressStart[a];
        }

        _byAddress = new int[_byAddressStart[addresses]];
        var fill = (int[])_byAddressStart.Clone();
        for (var o = 0; o < outputs; o++)
        {
            if (_address[o] >= 0)
            {
                _byAddress[fill[_address[o]]++] = o;
            }
        }
    }

    public int TxCount => _height.Length;

    public (int Start, int Count) Inputs(int tx) => (_inStart[tx], _inStart[tx + 1] - _inStart[tx]);

    public int SpentOutput(int input) => _spent[input];

    public (int Start, int Count) Outputs(int tx) => (_outStart[tx], _outStart[tx + 1] - _outStart[tx]);

    public long Value(int output) => _value[output];

    public int Address(int output) => _address[output];

    public int SpentBy(int output) => _spentBy[output];

    public int TxOfOutput(int output) => _txOfOutput[output];

    public long Height(int tx) => _height[tx];

    public bool IsCoinbase(int tx) => _inStart[tx + 1] == _inStart[tx];

    public IEnumerable<int> OutputsOf(int address) => new ArraySegment<int>(_byAddress, _byAddressStart[address], _byAddressStart[address + 1] - _byAddressStart[address]);
}
