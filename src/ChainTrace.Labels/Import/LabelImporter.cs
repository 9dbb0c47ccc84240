using System.Security.Cryptography;
using System.Text;
using ChainTrace.Core.Labels;
using ChainTrace.Labels.Etherscan;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Ofac;
using ChainTrace.Labels.PlainCsv;
using ChainTrace.Labels.TagPacks;

namespace ChainTrace.Labels.Import;

/// <summary>
/// Imports label files into the label store, one file at a time and each file in one write: a file with bad
/// lines is either left out whole (<see cref="OnErrorPolicy.Reject"/>) or imported without them
/// (<see cref="OnErrorPolicy.Skip"/>); a file that cannot be read at all is never written. ActorPacks are
/// imported before TagPacks so that actor ids resolve whatever the order on the command line. When a cluster
/// port is given, cluster-defining labels are propagated after the import.
/// </summary>
public sealed class LabelImporter(ILabelStore store, IClusterOfAddress? clusters = null)
{
    public async Task<LabelImportSummary> ImportAsync(
        IReadOnlyList<LabelInput> inputs, LabelImportOptions options, IProgress<LabelImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var loaded = new List<(LabelInput Input, byte[]? Bytes, string? Text, LabelFormat? Format, string? Problem)>();
        foreach (var input in inputs)
        {
            loaded.Add(await LoadAsync(input, options.Format, cancellationToken).ConfigureAwait(false));
        }

        var ordered = loaded.OrderBy(l => l.Format == LabelFormat.ActorPack ? 0 : 1).ToList();
        var outcomes = new List<LabelFileOutcome>();
        var imported = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (input, bytes, text, format, problem) = ordered[i];
            if (problem is not null)
            {
                outcomes.Add(new LabelFileOutcome(input.Name, format?.ToCode() ?? "unknown", [], 0, new Dictionary<string, int>(), [new LabelLineError(input.Name, 0, problem)], Rejected: true));
                continue;
            }

            var index = i;
            var readOptions = new LabelReadOptions(options.BtcNetwork, n =>
            {
                if (n % 2000 == 0)
                {
                    progress?.Report(new LabelImportProgress(index + 1, ordered.Count, input.Name, n, imported));
                }
            });
            var parsed = Parse(input.Name, text!, format!.Value, readOptions);
            parsed.Lines = text!.Count(c => c == '\n') + (text!.EndsWith('\n') ? 0 : 1);
            var outcome = await WriteAsync(parsed, bytes!, options.OnError, cancellationToken).ConfigureAwait(false);
            imported += outcome.Imported.Count;
            progress?.Report(new LabelImportProgress(index + 1, ordered.Count, input.Name, parsed.Labels.Count, imported));
            outcomes.Add(outcome);
        }

        var reached = 0;
        if (clusters is not null)
        {
            await new LabelClusterPropagator(store, clusters).PropagateAsync(cancellationToken).ConfigureAwait(false);
            reached = await ClustersReachedAsync(clusters, outcomes, cancellationToken).ConfigureAwait(false);
        }

        return new LabelImportSummary(outcomes, reached);
    }

    /// <summary>The distinct clusters this import's cluster-defining labels reach (not those of earlier imports).</summary>
    private static async Task<int> ClustersReachedAsync(IClusterOfAddress clusters, List<LabelFileOutcome> outcomes, CancellationToken cancellationToken)
    {
        var reached = new HashSet<(Core.Chains.Chain, long)>();
        var direct = outcomes.SelectMany(o => o.Imported).Where(l => l.Subject.ClusterId is not null).Select(l => (l.Subject.Chain, l.Subject.ClusterId!.Value)).ToHashSet();
        foreach (var address in outcomes.SelectMany(o => o.Imported).Where(l => l.IsClusterDefiner).Select(l => l.Subject.Address).OfType<Core.Addresses.Address>().Distinct())
        {
            if (await clusters.GetClusterIdAsync(address, cancellationToken).ConfigureAwait(false) is { } id && !direct.Contains((address.Chain, id)))
            {
                reached.Add((address.Chain, id));
            }
        }

        return reached.Count;
    }

    internal static ParsedLabelFile Parse(string name, string text, LabelFormat format, LabelReadOptions options) => format switch
    {
        LabelFormat.TagPack => TagPackReader.Read(name, text, options),
        LabelFormat.ActorPack => ActorPackReader.Read(name, text),
        LabelFormat.Ofac => OfacListReader.Read(name, text, options),
        LabelFormat.Etherscan => EtherscanCsvReader.Read(name, text, options),
        LabelFormat.Csv => PlainCsvReader.Read(name, text, options),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown label format"),
    };

    private async Task<LabelFileOutcome> WriteAsync(ParsedLabelFile parsed, byte[] bytes, OnErrorPolicy policy, CancellationToken cancellationToken)
    {
        var rejected = parsed.Unreadable || (parsed.Errors.Count > 0 && policy == OnErrorPolicy.Reject);
        if (!rejected)
        {
            var pack = new LabelPack(
                parsed.PackName, parsed.Format.ToCode(), parsed.Title,
                Convert.ToHexStringLower(SHA256.HashData(bytes)), parsed.Lines);
            await store.ReplacePackAsync(pack, parsed.Labels, parsed.Actors, cancellationToken).ConfigureAwait(false);
        }

        return new LabelFileOutcome(
            parsed.File, parsed.Format.ToCode(), rejected ? [] : parsed.Labels, rejected ? 0 : parsed.Actors.Count,
            parsed.SkippedByCurrency, parsed.Errors, rejected)
        {
            Warnings = parsed.Warnings,
        };
    }

    private static async Task<(LabelInput, byte[]?, string?, LabelFormat?, string?)> LoadAsync(LabelInput input, LabelFormat? forced, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var stream = input.Open();
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                bytes = buffer.ToArray();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (input, null, null, forced, $"cannot read the file: {ex.Message}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            return (input, null, null, forced, $"not UTF-8 text (byte offset {ex.Index}): label files are text");
        }

        var format = forced ?? FormatDetector.Detect(input.Name, text);
        return format is null
            ? (input, null, null, null, $"cannot tell the format from the name and header; give --format ({LabelFormats.Codes})")
            : (input, bytes, text, format, null);
    }
}
