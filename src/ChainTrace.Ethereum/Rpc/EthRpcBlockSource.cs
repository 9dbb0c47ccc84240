using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChainTrace.Ethereum.Rpc;

/// <summary>
/// Reads blocks from an Ethereum JSON-RPC node: <c>eth_getBlockByNumber(n, true)</c>,
/// <c>eth_getBlockReceipts</c> (falling back to <c>eth_getTransactionReceipt</c> per transaction when the node
/// lacks it) and traces, <see cref="EthRpcOptions.BlocksPerRequest"/> blocks per batch with up to
/// <see cref="EthRpcOptions.MaxConcurrentRequests"/> batches in flight; blocks are yielded in height order.
/// </summary>
public sealed class EthRpcBlockSource : IAccountBlockSource, IDisposable
{
    private readonly EthRpcOptions _options;
    private readonly JsonRpcClient _client;
    private readonly ILogger _logger;
    private volatile bool _blockReceiptsUnsupported;
    private TraceMode _traceMode;
    private Network? _network;

    public EthRpcBlockSource(EthRpcOptions options, HttpClient? http = null, ILogger<EthRpcBlockSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(options, new System.ComponentModel.DataAnnotations.ValidationContext(options), validateAllProperties: true);
        _options = options;
        _client = new JsonRpcClient(options, http, logger);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _traceMode = options.Traces;
        Description = $"rpc {_client.Endpoint}";
    }

    public string Description { get; }

    /// <summary>The tracer in use; <see cref="TraceMode.Auto"/> until the first block settled it.</summary>
    public TraceMode ActiveTraceMode => _traceMode;

    public JsonRpcClient Client => _client;

    public Task<long> GetFirstHeightAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        await EnsureNetworkAsync(cancellationToken);
        var result = await _client.CallAsync(new RpcCall("eth_blockNumber"), cancellationToken);
        return EthHex.Int64(result.ValueKind == JsonValueKind.String ? result.GetString() : result.GetRawText(), Description, "eth_blockNumber");
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var result = await _client.CallAsync(new RpcCall("eth_getBlockByNumber", Hex(height), false), cancellationToken);
        return result.ValueKind == JsonValueKind.Null
            ? null
            : EthHex.Hash(result.TryGetProperty("hash", out var h) ? h.GetString() : null, $"{Description} block {height}", "hash");
    }

    public async IAsyncEnumerable<AccountBlock> ReadBlocksAsync(long fromHeight, long toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var network = await EnsureNetworkAsync(cancellationToken);
        await foreach (var data in ReadRawAsync(fromHeight, toHeight, cancellationToken))
        {
            yield return EthBlockNormalizer.Normalize(data, network);
        }
    }

    /// <summary>The network from <c>eth_chainId</c> (an Anvil node, 31337, is a dev chain: regtest), checked against a given one.</summary>
    private async Task<Network> EnsureNetworkAsync(CancellationToken cancellationToken)
    {
        if (_network is { } known)
        {
            return known;
        }

        JsonElement result;
        try
        {
            result = await _client.CallAsync(new RpcCall("eth_chainId"), cancellationToken);
        }
        catch (EthRpcException ex) when (ex.Code is not null)
        {
            // A node that answers with an error object (no EIP-695) cannot say: the given network, else main.
            return (_network = _options.Network ?? Network.Main).Value;
        }

        if (result.ValueKind == JsonValueKind.Null)
        {
            return (_network = _options.Network ?? Network.Main).Value;
        }

        var chainId = EthHex.Int64(result.ValueKind == JsonValueKind.String ? result.GetString() : result.GetRawText(), Description, "eth_chainId");
        Network? served = chainId switch
        {
            1 => Network.Main,
            3 or 4 or 5 or 42 or 17000 or 560048 or 11155111 => Network.Test,
            1337 or 31337 => Network.Regtest,
            _ => null,
        };
        if (_options.Network is { } wanted && served is { } actual && actual != wanted)
        {
            throw new IngestConflictException($"{Description} serves chain id {chainId} ({actual.ToCode()}), but --network {wanted.ToCode()} was given; nothing was read");
        }

        return (_network = _options.Network ?? served) ?? throw new IngestConflictException(
            $"{Description} serves chain id {chainId}, which is of no known network: give --network main, test or regtest");
    }

    /// <summary>The same requests as <see cref="ReadBlocksAsync"/>, parsed into the raw model but not normalized.</summary>
    public async IAsyncEnumerable<BlockData> ReadRawAsync(long fromHeight, long toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_traceMode == TraceMode.Auto && fromHeight <= toHeight)
        {
            _traceMode = await ProbeTracerAsync(fromHeight, cancellationToken);
        }

        var inFlight = new Queue<Task<IReadOnlyList<BlockData>>>();
        var next = fromHeight;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (next <= toHeight || inFlight.Count > 0)
            {
                while (next <= toHeight && inFlight.Count < _options.MaxConcurrentRequests)
                {
                    var count = (int)Math.Min(_options.BlocksPerRequest, toHeight - next + 1);
                    inFlight.Enqueue(FetchWindowAsync(next, count, stop.Token));
                    next += count;
                }

                foreach (var block in await inFlight.Dequeue())
                {
                    yield return block;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var pending in inFlight)
            {
                try
                {
                    await pending;
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    // The consumer stopped early or another window failed; these answers are no longer wanted.
                }
            }
        }
    }

    /// <summary>
    /// The same batched requests as <see cref="ReadBlocksAsync"/> with the same concurrency, answers received and
    /// parsed as JSON but then discarded: the benchmark's fetch baseline.
    /// </summary>
    public async Task<long> FetchOnlyAsync(long fromHeight, long toHeight, CancellationToken cancellationToken)
    {
        if (_traceMode == TraceMode.Auto && fromHeight <= toHeight)
        {
            _traceMode = await ProbeTracerAsync(fromHeight, cancellationToken);
        }

        var inFlight = new Queue<Task<int>>();
        long blocks = 0;
        for (var next = fromHeight; next <= toHeight || inFlight.Count > 0;)
        {
            while (next <= toHeight && inFlight.Count < _options.MaxConcurrentRequests)
            {
                var count = (int)Math.Min(_options.BlocksPerRequest, toHeight - next + 1);
                var calls = WindowCalls(next, count, !_blockReceiptsUnsupported);
                inFlight.Enqueue(Task.Run(async () =>
                {
                    using var response = await _client.BatchAsync(calls, cancellationToken);
                    return count;
                }, cancellationToken));
                next += count;
            }

            blocks += await inFlight.Dequeue();
        }

        return blocks;
    }

    private List<RpcCall> WindowCalls(long from, int count, bool useBlockReceipts)
    {
        var calls = new List<RpcCall>(count * 3);
        for (var h = from; h < from + count; h++)
        {
            calls.Add(new RpcCall("eth_getBlockByNumber", Hex(h), true));
            if (useBlockReceipts)
            {
                calls.Add(new RpcCall("eth_getBlockReceipts", Hex(h)));
            }

            if (TraceCall(h) is { } trace)
            {
                calls.Add(trace);
            }
        }

        return calls;
    }

    private async Task<IReadOnlyList<BlockData>> FetchWindowAsync(long from, int count, CancellationToken cancellationToken)
    {
        var traceMethod = TraceCall(from);
        var useBlockReceipts = !_blockReceiptsUnsupported;
        var perBlock = 1 + (useBlockReceipts ? 1 : 0) + (traceMethod is null ? 0 : 1);
        var calls = WindowCalls(from, count, useBlockReceipts);
        using var response = await _client.BatchAsync(calls, cancellationToken);
        var result = new List<BlockData>(count);
        for (var i = 0; i < count; i++)
        {
            var height = from + i;
            var at = $"{Description} block {height}";
            var slot = i * perBlock;
            var blockJson = response.Result(slot);
            if (blockJson.ValueKind == JsonValueKind.Null)
            {
                throw new EthRpcException($"{Description} has no block {height} (the chain is shorter than asked, or the node is still syncing)");
            }

            var block = RpcBlockReader.ReadBlock(blockJson, Description);
            if (block.Number != height)
            {
                throw new MalformedDataException(at, $"asked for block {height}, got block {block.Number}");
            }

            IReadOnlyList<RawReceipt> receipts;
            if (!useBlockReceipts)
            {
                receipts = await FetchReceiptsPerTransactionAsync(block, cancellationToken);
            }
            else if (response.Error(slot + 1) is { Code: EthRpcException.MethodNotFound })
            {
                EthRpcLog.NoBlockReceipts(_logger, Description);
                _blockReceiptsUnsupported = true;
                receipts = await FetchReceiptsPerTransactionAsync(block, cancellationToken);
            }
            else
            {
                receipts = RpcBlockReader.ReadReceipts(response.Result(slot + 1), at);
            }

            IReadOnlyList<TraceFrame>? traces = null;
            if (traceMethod is not null)
            {
                var traceJson = response.Result(slot + perBlock - 1);
                traces = _traceMode == TraceMode.Geth ? GethCallTraceReader.Read(traceJson, at) : ParityTraceReader.Read(traceJson, at);
            }

            result.Add(new BlockData(block, receipts, traces));
        }

        return result;
    }

    private async Task<IReadOnlyList<RawReceipt>> FetchReceiptsPerTransactionAsync(RawBlock block, CancellationToken cancellationToken)
    {
        if (block.Transactions.Count == 0)
        {
            return [];
        }

        var calls = block.Transactions.Select(t => new RpcCall("eth_getTransactionReceipt", "0x" + t.Hash)).ToList();
        using var response = await _client.BatchAsync(calls, cancellationToken);
        var receipts = new List<RawReceipt>(calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            receipts.Add(RpcBlockReader.ReadReceipt(response.Result(i), $"{Description} block {block.Number} receipt of {calls[i].Params[0]}"));
        }

        return receipts;
    }

    private RpcCall? TraceCall(long height) => _traceMode switch
    {
        TraceMode.Parity => new RpcCall("trace_block", Hex(height)),
        TraceMode.Geth => new RpcCall("debug_traceBlockByNumber", Hex(height), new Dictionary<string, string> { ["tracer"] = "callTracer" }),
        _ => null,
    };

    private async Task<TraceMode> ProbeTracerAsync(long height, CancellationToken cancellationToken)
    {
        foreach (var mode in new[] { TraceMode.Parity, TraceMode.Geth })
        {
            _traceMode = mode;
            using var response = await _client.BatchAsync([TraceCall(height)!], cancellationToken);
            if (response.Error(0) is null)
            {
                EthRpcLog.TracerChosen(_logger, Description, mode);
                return mode;
            }
        }

        EthRpcLog.NoTracer(_logger, Description);
        return TraceMode.None;
    }

    private static string Hex(long height) => "0x" + height.ToString("x", CultureInfo.InvariantCulture);

    public void Dispose() => _client.Dispose();
}
