using System.CommandLine;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Esplora;
using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Rpc;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Cli.Commands;

/// <summary>The options of <c>ingest btc</c> that choose where blocks come from; exactly one source per run.</summary>
internal sealed class BtcSourceOptions
{
    public Option<DirectoryInfo?> BlocksDir { get; } = new("--blocks-dir") { Description = "Bitcoin Core blocks/ directory (blk*.dat, xor.dat)" };

    public Option<Uri?> Rpc { get; } = UrlOption.Create("--rpc", "Bitcoin Core JSON-RPC URL, e.g. http://127.0.0.1:8332/");

    public Option<FileInfo?> RpcCookie { get; } = new("--rpc-cookie") { Description = "Bitcoin Core .cookie file" };

    public Option<string?> RpcUser { get; } = new("--rpc-user") { Description = "rpcuser" };

    public Option<string?> RpcPassword { get; } = new("--rpc-password") { Description = "rpcpassword" };

    public Option<Uri?> Esplora { get; } = UrlOption.Create("--esplora", "Esplora REST base URL, e.g. http://127.0.0.1:3000/");

    public Option<bool> EsploraPrevouts { get; } = new("--esplora-prevouts") { Description = "Also fetch prevouts (one request per 25 transactions)" };

    public Option<FileInfo[]> Raw { get; } = new("--raw") { Description = "Raw block files (binary or hex)", AllowMultipleArgumentsPerToken = true };

    public Option<long?> StartHeight { get; } = ValidatedOptions.Height("--start-height", "Height of the first block when it cannot be read from the data (pre-BIP34 raw blocks, partial blocks dirs)");

    public Option<Network?> Network { get; } = ValidatedOptions.Network(
        "main, test or regtest; default: from the blk frame magic (blocks dir, framed raw files), the node's chain (RPC), the genesis block (Esplora), else main");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { BlocksDir, Rpc, RpcCookie, RpcUser, RpcPassword, Esplora, EsploraPrevouts, Raw, StartHeight, Network })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            // GetResult, not GetValue: a value that failed to parse has its own error already and must not throw here.
            var chosen = new Option[] { BlocksDir, Rpc, Esplora, Raw }.Count(option => result.GetResult(option) is not null);
            if (chosen != 1)
            {
                result.AddError("give exactly one source: --blocks-dir DIR | --rpc URL | --esplora URL | --raw FILE...");
            }

            if (result.GetResult(RpcUser) is not null != result.GetResult(RpcPassword) is not null)
            {
                result.AddError("--rpc-user and --rpc-password go together");
            }
        });
    }

    public IUtxoBlockSource Create(ParseResult parse, ILoggerFactory logging)
    {
        var network = parse.GetValue(Network);
        if (parse.GetValue(BlocksDir) is { } dir)
        {
            return new BlocksDirectorySource(new BlocksDirectorySourceOptions(dir.FullName, network, parse.GetValue(StartHeight)));
        }

        if (parse.GetValue(Rpc) is { } rpc)
        {
            return new BitcoinCoreRpcSource(new BitcoinRpcOptions(rpc, network, parse.GetValue(RpcCookie)?.FullName, parse.GetValue(RpcUser), parse.GetValue(RpcPassword)), logger: logging.CreateLogger<BitcoinCoreRpcSource>());
        }

        if (parse.GetValue(Esplora) is { } esplora)
        {
            return new EsploraSource(new EsploraOptions(esplora, network, parse.GetValue(EsploraPrevouts)), logger: logging.CreateLogger<EsploraSource>());
        }

        var files = parse.GetValue(Raw)!.Select(f => f.FullName).ToList();
        return new RawBlockFileSource(new RawBlockFileSourceOptions(files, network, StartHeight: parse.GetValue(StartHeight)));
    }
}
