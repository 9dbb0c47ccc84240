using System.CommandLine;
using System.Globalization;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Lookups;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace cluster update|show|reviews|approve</c>.</summary>
public static class ClusterCommand
{
    private static readonly Option<int?> ChangeMerge = new("--change-merge-confidence")
    {
        Description = "Let change heuristics merge clusters at or above this confidence (0-100); default: they never merge",
    };

    private static readonly Option<bool> NoCoinJoinExclusion = new("--no-coinjoin-exclusion")
    {
        Description = "Let co-spend merge the inputs of detected CoinJoins too (shows the collapse the exclusion prevents)",
    };

    private static readonly Option<int?> SuperclusterThreshold = new("--supercluster-threshold")
    {
        Description = $"Hold back a transaction joining two clusters both larger than this (default {ClusteringPolicy.DefaultSuperclusterThreshold})",
    };

    public static Command Build()
    {
        var command = new Command("cluster", "Address clusters (entities) from co-spend, change and deposit heuristics");
        command.Subcommands.Add(BuildUpdate());
        command.Subcommands.Add(BuildShow());
        command.Subcommands.Add(BuildReviews());
        command.Subcommands.Add(BuildApprove());
        return command;
    }

    /// <summary>The policy the options ask for, or null when none is given (keep the stored one).</summary>
    internal static ClusteringPolicy? Policy(ParseResult parse)
    {
        var change = parse.GetValue(ChangeMerge);
        var exclusionOff = parse.GetValue(NoCoinJoinExclusion);
        var threshold = parse.GetValue(SuperclusterThreshold);
        if (change is null && !exclusionOff && threshold is null)
        {
            return null;
        }

        if (change is < 0 or > 100)
        {
            throw new ArgumentException("--change-merge-confidence must be between 0 and 100");
        }

        return new ClusteringPolicy
        {
            ChangeMergeConfidence = change,
            ExcludeCoinJoins = !exclusionOff,
            SuperclusterThreshold = threshold ?? ClusteringPolicy.DefaultSuperclusterThreshold,
        };
    }

    private static Command BuildUpdate()
    {
        var command = new Command("update", "Extend the read model and clusters over the blocks stored since the last run (idempotent)")
        {
            ChangeMerge, NoCoinJoinExclusion, SuperclusterThreshold,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            ClusteringPolicy? policy;
            try
            {
                policy = Policy(parse);
            }
            catch (ArgumentException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }

            await using var store = await data.OpenGraphAsync(cancellationToken);
            foreach (var chain in Enum.GetValues<Chain>())
            {
                await ClusterStep.RunAsync(data, store, chain, policy, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
            }

            return 0;
        });
        return command;
    }

    private static Command BuildShow()
    {
        var chainArgument = new Argument<string>("chain") { Description = "btc or eth" };
        var target = new Argument<string>("address-or-id") { Description = "An address, or a cluster id (digits)" };
        var command = new Command("show", "A cluster: size, totals, activity, evidence") { chainArgument, target, CommonOptions.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            await using var store = await data.OpenGraphAsync(cancellationToken);
            using var clusters = data.OpenClusters(store);
            var lookup = new ClusterLookup(clusters, store);
            var text = parse.GetValue(target)!;
            var chain = parse.GetValue(chainArgument)!;
            var result = text.All(char.IsAsciiDigit)
                ? await lookup.GetAsync(chain, text, cancellationToken)
                : await lookup.GetByAddressAsync(chain, text, cancellationToken);
            if (result.Error is { } error)
            {
                return ProblemPrinter.Print(error, parse.InvocationConfiguration.Error);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(CommonOptions.Json))
            {
                JsonOutput.Write(output, result.Value!);
            }
            else
            {
                Print(result.Value!, output);
            }

            return 0;
        });
        return command;
    }

    private static void Print(ClusterDto c, TextWriter output)
    {
        output.WriteLine($"cluster     {c.Chain} {c.Id}{(c.AbsorbedInto is null ? "" : $" (id {c.RequestedId} was absorbed into it)")}");
        output.WriteLine($"size        {c.Size} addresses");
        output.WriteLine($"received    {c.Received}");
        output.WriteLine($"sent        {c.Sent}");
        output.WriteLine($"tx count    {c.TxCount}");
        output.WriteLine($"first seen  {(c.FirstSeen is { } f ? $"height {f.Height}" : "-")}");
        output.WriteLine($"last seen   {(c.LastSeen is { } l ? $"height {l.Height}" : "-")}");
        output.WriteLine($"evidence    {(c.Evidence.Count == 0 ? "none (a single address)" : string.Join(", ", c.Evidence.Select(e => $"{e.Key} {e.Value}")))}");
        output.WriteLine($"reviews     {c.PendingReviews} pending");
        output.WriteLine($"data height {c.DataHeight}");
    }

    private static Command BuildReviews()
    {
        var command = new Command("reviews", "Transactions the supercluster guard held back instead of merging") { CommonOptions.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            await using var store = await data.OpenGraphAsync(cancellationToken);
            using var clusters = data.OpenClusters(store);
            var reviews = await clusters.GetReviewsAsync(cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(CommonOptions.Json))
            {
                JsonOutput.Write(output, reviews);
                return 0;
            }

            foreach (var r in reviews)
            {
                output.WriteLine($"{r.Id}\t{(r.Approved ? "approved" : "pending")}\ttx {r.Tx}\tjoins cluster {r.ClusterA} ({r.SizeA}) and {r.ClusterB} ({r.SizeB}) by {r.Links} links");
            }

            output.WriteLine($"{reviews.Count} reviews, {reviews.Count(r => !r.Approved)} pending");
            return 0;
        });
        return command;
    }

    private static Command BuildApprove()
    {
        var id = new Argument<string>("id") { Description = "The review id (from `cluster reviews`)" };
        var command = new Command("approve", "Merge what a held-back transaction links") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            var text = parse.GetValue(id)!;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var reviewId))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: '{text}' is not a review id [invalid-parameter]");
                return 2;
            }

            await using var store = await data.OpenGraphAsync(cancellationToken);
            using var clusters = data.OpenClusters(store);
            if (!await clusters.ApproveAsync(reviewId, cancellationToken))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: no review {reviewId} [not-found]");
                return 3;
            }

            parse.InvocationConfiguration.Output.WriteLine($"review {reviewId} approved: its links are merged");
            return 0;
        });
        return command;
    }
}
