using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.TestSupport;

namespace ChainTrace.Labels.Tests;

/// <summary>
/// The labelled addresses the shared data's MANIFEST lists (they occur in the shared blocks) come out of an
/// import of every shared label file with the category their sources give.
/// </summary>
public sealed class ManifestAddressTests(ManifestAddressTests.AllLabels all) : IClassFixture<ManifestAddressTests.AllLabels>
{
    [Theory]
    [InlineData("btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "sanction", "ofac:sanctioned_addresses_XBT.txt")]
    [InlineData("btc", "1J29zwZCRJafLCh3NHY7T11Sc2bLpDfKsq", "exchange", "tagpack:richest_addresses.yaml")]
    [InlineData("btc", "1MW8QJahh2YXovXpbhDcXAN8MEEL2AUn4n", "exchange", "tagpack:richest_addresses.yaml")]
    [InlineData("btc", "1LnNsUycA3iAWhqKj1L3vEH1GV6nJE5NtF", "exchange", "tagpack:hacks.yaml")]
    [InlineData("btc", "1NxaBCFQwejSZbQfWcYNwgqML5wWoE3rK4", "gambling", "tagpack:walletexplorer.yaml")]
    [InlineData("btc", "1Ks5aLkREyVUba3QiS64ZL5PPdcgXDXhBp", "exchange", "tagpack:walletexplorer.yaml")]
    [InlineData("btc", "35DVAzDtZDKAU94kFT9sxoscnuLCTxgwYc", "exchange", "tagpack:richest_addresses.yaml")]
    [InlineData("eth", "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c", "sanction", "ofac:sanctioned_addresses_ETH.txt")]
    public async Task ListedAddress_HasTheCategoryOfItsSource(string chain, string address, string category, string pack)
    {
        var labels = await all.Store!.GetByAddressAsync(Address.Parse(ChainCodes.Parse(chain), address), CancellationToken.None);

        Assert.Contains(labels, l => l.Label.Category.Id == category && l.Label.Pack == pack);
    }

    [Fact]
    public void WholeImport_SummaryCountsWhatWasReadAndSkipped()
    {
        var s = all.Summary!;

        Assert.Equal(s.Files.Sum(f => f.Imported.Count), s.Imported);
        Assert.Equal(2, s.Errors);
        Assert.Equal(3, s.Files.Sum(f => f.Warnings.Count));
        Assert.False(s.AnyRejected);
        Assert.Matches(@"^imported \d+ labels \(\d+ addresses, 0 clusters\), skipped \d+ \((\w+: \d+, )+\w+: \d+\), errors 2$", s.SummaryLine());
        Assert.True(s.SkippedByCurrency.SequenceEqual(s.SkippedByCurrency.OrderByDescending(p => p.Count).ThenBy(p => p.Currency, StringComparer.Ordinal)));
    }

    /// <summary>Every shared label file imported once into one store for the whole class.</summary>
    public sealed class AllLabels : IAsyncLifetime
    {
        private readonly TempDir _temp = new("manifest");
        private IAsyncDisposable? _pool;

        public Storage.SqliteLabelStore? Store { get; private set; }

        public LabelImportSummary? Summary { get; private set; }

        public async Task InitializeAsync()
        {
            _pool = (await LabelFiles.OpenStoreAsync(_temp)).AsDisposable(out var store);
            Store = store;
            var files = LabelFiles.AllTagPacks
                .Append(LabelFiles.ActorPack)
                .Concat(Directory.GetFiles(SharedData.Path("labels", "ofac-0xB10C")))
                .Concat(Directory.GetFiles(SharedData.Path("labels", "etherscan-labels-brianleect", "accounts")))
                .ToArray();
            Summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Skip, files);
        }

        public async Task DisposeAsync()
        {
            await _pool!.DisposeAsync();
            _temp.Dispose();
        }
    }
}
