using ChainTrace.TestSupport;
using Xunit.Abstractions;

namespace ChainTrace.Cli.Tests.Mutation;

/// <summary>
/// Issue 8's mutation test: mutants from one fixed seed of real mainnet blocks (a blk file of heights 300–599 and
/// single raw blocks, segwit among them), and of the simulator's blockchain-etl export, each ingested against a
/// store that already holds data (mainnet heights 0–299 and the export's first 16 blocks). See
/// <see cref="MutationHarness"/> for what each outcome must be.
/// </summary>
public sealed class IngestMutationTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261202;
    private readonly TempDir _temp = new("mutation");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task EveryMutant_IsRejectedWithItsLocation_OrStoresWhatTheOriginalStores()
    {
        var random = new Random(Seed);
        var template = _temp.File("template");
        var work = _temp.File("work");
        var high = await PrepareStoreAsync(template);
        MutationHarness.CopyStore(template, work);
        var baseDigest = await StoreDigest.ComputeAsync(work);
        var harness = new MutationHarness(template, work, baseDigest);

        // The blocks dir: blk00001 (heights 300–599) is mutated beside an intact blk00000; a new file beside them too.
        var blocks = MainnetFiles.BlocksDir(_temp);
        var blk = new InputSet("blk", blocks, data => ["ingest", "btc", "--blocks-dir", blocks, "--data", data, "--no-cluster"]);
        var blk1 = await File.ReadAllBytesAsync(Path.Combine(blocks, "blk00001.dat"));
        var sets = new List<(InputSet Set, List<Mutant> Mutants)>
        {
            (blk, [
                .. BlockMutants.OfBlkFile(blk.Name, "blk00001.dat", blk1, random),
                new(blk.Name, "preallocated-file", "blk00002.dat", new byte[16 * 1024]),
                new(blk.Name, "junk-file", "blk00002.dat", BlockMutants.Junk(random, 3000)),
                new(blk.Name, "copy-of-a-file", "blk00002.dat", blk1),
            ]),
        };
        foreach (var (file, height) in new[] { ("block_169482.raw", 169482L), ("block_227835.raw", 227835L), ("block_277647.blk", 277647L), ("block_574200.raw", 574200L) })
        {
            var dir = Directory.CreateDirectory(_temp.File($"raw-{file}")).FullName;
            File.Copy(MainnetFiles.Raw(file), Path.Combine(dir, file));
            var set = new InputSet($"raw {file}", dir, data => ["ingest", "btc", "--raw", Path.Combine(dir, file), "--start-height", $"{height}", "--data", data, "--no-cluster"]);
            sets.Add((set, [.. BlockMutants.OfRawBlock(set.Name, file, await File.ReadAllBytesAsync(Path.Combine(dir, file)), file.EndsWith(".blk", StringComparison.Ordinal), random)]));
        }

        var junkDir = Directory.CreateDirectory(_temp.File("raw-junk")).FullName;
        var junk = new InputSet("raw junk", junkDir, data => ["ingest", "btc", "--raw", Path.Combine(junkDir, "junk.raw"), "--start-height", "700000", "--data", data, "--no-cluster"]);
        sets.Add((junk, [.. BlockMutants.Junkfiles(junk.Name, "junk.raw", random)]));

        var etl = new InputSet("etl", high, data => ["ingest", "eth", "--etl", high, "--network", "regtest", "--data", data, "--no-cluster"]);
        var etlMutants = new List<Mutant>();
        foreach (var table in Directory.EnumerateFiles(high).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(table);
            etlMutants.AddRange(EtlMutants.OfTable(etl.Name, name, await File.ReadAllBytesAsync(table), name is "blocks.json" or "transactions.json" or "receipts.json", random));
        }

        sets.Add((etl, etlMutants));

        var number = 0;
        var total = sets.Sum(s => s.Mutants.Count);
        Assert.True(total >= 300, $"{total} mutants");
        foreach (var (set, mutants) in sets)
        {
            if (set != junk)
            {
                set.Expected = await harness.ReferenceAsync(set);
            }

            foreach (var file in mutants.Where(m => m.AsIfAbsent).Select(m => m.File).Distinct())
            {
                set.WithoutFile[file] = await harness.ReferenceAsync(set, file);
            }

            foreach (var mutant in mutants)
            {
                Assert.True(await harness.RunAsync(set, mutant with { Number = ++number }), string.Join('\n', harness.Failures));
            }
        }

        output.WriteLine($"{total} mutants (seed {Seed}): {harness.Rejected} rejected, {harness.Accepted} accepted, {harness.Failures.Count} failures");
        Assert.True(harness.Failures.Count == 0, $"{harness.Failures.Count} of {total} mutants failed:\n{string.Join('\n', harness.Failures.Take(40))}");
    }

    /// <summary>The store every mutant meets: mainnet heights 0–299 and the simulator export's blocks 0–15.</summary>
    private async Task<string> PrepareStoreAsync(string data)
    {
        var only0 = Directory.CreateDirectory(_temp.File("only0")).FullName;
        File.Copy(MainnetFiles.Raw("blk00000_mainnet_h0-299.dat"), Path.Combine(only0, "blk00000.dat"));
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", only0, "--data", data, "--no-cluster")).ExitCode);
        var sim = _temp.File("sim");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--scenario", "small", "--seed", "5", "--out", sim)).ExitCode);
        var (low, high) = EtlChunks.Split(Path.Combine(sim, "eth", "etl"), 16, _temp.File("chunks"));
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "eth", "--etl", low, "--network", "regtest", "--data", data, "--no-cluster")).ExitCode);
        return high;
    }
}
