using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Risk.Model;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace model train|evaluate|show</c>: the illicit/licit behaviour model (LightGbm) and its held-out metrics.</summary>
public static class ModelCommand
{
    private static readonly Option<DirectoryInfo> Truth = new("--truth") { Description = "A simulator output or truth directory (entities.jsonl, addresses.jsonl): the classes", Required = true };

    private static readonly Option<string> UnseenKind = new("--unseen-kind")
    {
        Description = "The illicit kind left out of training entirely, scored for unseen_kind_auc",
        DefaultValueFactory = _ => ModelEvaluation.DefaultUnseenKind,
    };

    private static readonly Option<string> ChainOption = CreateChainOption();

    public static Command Build()
    {
        var command = new Command("model", "The behaviour model behind the risk score's model probability");
        var train = new Command("train", "Evaluate on held-out entities, then train on every entity and save the next model version with its metrics") { Truth, UnseenKind, ChainOption };
        train.SetAction((parse, ct) => RunAsync(parse, save: true, ct));
        var evaluate = new Command("evaluate", "Print the held-out evaluation (EVAL line) without saving a model") { Truth, UnseenKind, ChainOption };
        evaluate.SetAction((parse, ct) => RunAsync(parse, save: false, ct));
        var show = new Command("show", "The current model version and its stored metrics") { ChainOption };
        show.SetAction(parse =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            var chain = ChainCodes.Parse(parse.GetValue(ChainOption));
            if (RiskModelFiles.CurrentDirectory(data.Path, chain) is not { } dir || RiskModelFiles.LoadMetrics(dir) is not { } metrics)
            {
                var flag = chain == Chain.Btc ? "" : $" --chain {chain.ToCode()}";
                parse.InvocationConfiguration.Error.WriteLine($"error: no {chain.ToCode()} model trained yet: run 'chaintrace model train{flag} --truth DIR' [no-model]");
                return 1;
            }

            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"model {metrics.Version} ({dir}) trained {metrics.TrainedAt:u} on {metrics.TrainRows} rows; unseen kind: {metrics.UnseenKind}");
            output.WriteLine("features: " + string.Join(", ", RiskModelFiles.FeatureNamesOf(chain)));
            output.WriteLine(metrics.EvalLine());
            return 0;
        });
        command.Subcommands.Add(train);
        command.Subcommands.Add(evaluate);
        command.Subcommands.Add(show);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, bool save, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
        var chain = ChainCodes.Parse(parse.GetValue(ChainOption));
        if (!Directory.Exists(Path.Combine(data.Path, "index", chain.ToCode())))
        {
            error.WriteLine($"error: {data.Path} has no {chain.ToCode()} read model: run 'chaintrace cluster update' (or ingest) first [no-read-model]");
            return 2;
        }

        var labels = await data.OpenLabelsAsync(cancellationToken);
        if ((await labels.ListAsync(new LabelQuery(chain, null, 0, 1), cancellationToken)).Items.Count == 0)
        {
            // Not an error (behaviour alone is a model), but the exposure features are then all zero.
            error.WriteLine($"warning: {data.Path} has no {chain.ToCode()} labels: the exposure features are all zero; import the truth's labels first (labels import SIMDIR/labels/tagpack.yaml)");
        }

        await using var store = await data.OpenGraphAsync(cancellationToken);
        try
        {
            var prefix = chain == Chain.Btc ? "model" : $"model ({chain.ToCode()})";
            var progress = new SyncProgress<string>(step => error.WriteLine($"{prefix}: {step}"));
            var (metrics, rows) = await ModelEvaluation.RunAsync(chain, data.Path, store, labels, parse.GetValue(Truth)!.FullName, parse.GetValue(UnseenKind)!, progress, cancellationToken);
            if (save)
            {
                var dir = ModelTrainer.TrainAndSave(data.Path, rows, metrics, chain);
                error.WriteLine($"model: saved {RiskModelFiles.VersionOf(dir)} to {dir}; run 'chaintrace risk refresh' to score with it");
            }

            parse.InvocationConfiguration.Output.WriteLine(metrics.EvalLine());
            return 0;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException or InvalidOperationException)
        {
            error.WriteLine($"error: {ex.Message} [bad-truth]");
            return 2;
        }
    }

    private static Option<string> CreateChainOption()
    {
        var option = new Option<string>("--chain")
        {
            Description = "The chain whose model (each has its own features and versions): btc or eth",
            DefaultValueFactory = _ => "btc",
        };
        option.AcceptOnlyFromAmong("btc", "eth");
        return option;
    }
}
