using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Commands;

/// <summary>Brings a chain's read model and clusters up to the store, printing progress and a summary line.</summary>
internal static class ClusterStep
{
    public static async Task RunAsync(DataDirectory data, SqliteGraphStore store, Chain chain, ClusteringPolicy? policy, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await store.GetTipAsync(chain, cancellationToken) is null && !Directory.Exists(Path.Combine(data.Path, "index", chain.ToCode())))
        {
            return;
        }

        using var clusters = data.OpenClusters(store, policy);
        var printer = new ClusterPrinter(error, chain);
        var summary = await clusters.UpdateAsync(chain, printer, cancellationToken);
        printer.Finish();
        output.WriteLine(ClusterPrinter.SummaryLine(chain, summary));
    }
}
