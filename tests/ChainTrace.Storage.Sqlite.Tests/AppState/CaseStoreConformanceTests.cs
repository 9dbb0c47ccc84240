using ChainTrace.Core.Cases;
using ChainTrace.Core.Ports;

namespace ChainTrace.Storage.Sqlite.Tests.AppState;

/// <summary>What every <see cref="ICaseStore"/> adapter must do; each adapter's test class opens a real empty store.</summary>
public abstract class CaseStoreConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    protected ICaseStore Cases { get; private set; } = null!;

    public async Task InitializeAsync() => Cases = await OpenEmptyAsync();

    public abstract Task DisposeAsync();

    protected abstract Task<ICaseStore> OpenEmptyAsync();

    protected static InvestigationCase NewCase(string id = "case_a") => new(id, "Ransom wave", "what happened", CaseStatus.Open, "alice", T0, T0);

    [Fact]
    public async Task EveryChange_IsKept_WithWhoAndWhen_InItsHistory()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);
        var note = await Cases.AddNoteAsync("case_a", "reached exchange A", "bob", T0.AddMinutes(1), CancellationToken.None);
        var pin = await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Address, "btc", "bcrt1qexample", "the wallet", "bob", T0.AddMinutes(2)), CancellationToken.None);
        var again = await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Address, "btc", "bcrt1qexample", null, "carol", T0.AddMinutes(3)), CancellationToken.None);
        var updated = await Cases.UpdateCaseAsync("case_a", new CaseChange(null, null, CaseStatus.Closed), "alice", T0.AddMinutes(4), CancellationToken.None);

        Assert.NotNull(note);
        Assert.Equal(pin!.Id, again!.Id);
        Assert.Equal("bob", again.PinnedBy);
        Assert.Equal(CaseStatus.Closed, updated!.Status);
        Assert.Equal("Ransom wave", updated.Title);
        Assert.Equal(T0.AddMinutes(4), updated.UpdatedAt);
        var history = await Cases.ListHistoryAsync("case_a", CancellationToken.None);
        Assert.Equal(
            [("alice", CaseActions.Created), ("bob", CaseActions.NoteAdded), ("bob", CaseActions.Pinned), ("alice", CaseActions.Updated)],
            history.Select(e => (e.Actor, e.Action)));
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(4)], history.Select(e => e.At));
        Assert.Single(await Cases.ListPinsAsync("case_a", CancellationToken.None));
        Assert.Equal("reached exchange A", Assert.Single(await Cases.ListNotesAsync("case_a", CancellationToken.None)).Text);
    }

    [Fact]
    public async Task ChangesToAMissingCase_ChangeNothing()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);

        Assert.Null(await Cases.AddNoteAsync("case_x", "text", "bob", T0, CancellationToken.None));
        Assert.Null(await Cases.AddPinAsync(new CasePin(0, "case_x", CasePinKind.Trace, null, "abc", null, "bob", T0), CancellationToken.None));
        Assert.Null(await Cases.UpdateCaseAsync("case_x", new CaseChange("t", null, null), "bob", T0, CancellationToken.None));
        Assert.False(await Cases.RemovePinAsync("case_a", 99, "bob", T0, CancellationToken.None));
        Assert.False(await Cases.RecordEventAsync("case_x", CaseActions.Exported, "bundle", "bob", T0, CancellationToken.None));
        Assert.False(await Cases.DeleteCaseAsync("case_x", CancellationToken.None));
        Assert.Single(await Cases.ListHistoryAsync("case_a", CancellationToken.None));
        Assert.Empty(await Cases.ListHistoryAsync("case_x", CancellationToken.None));
    }

    [Fact]
    public async Task PinsOfOneSubject_DifferByKindAndChain_AndRemovingOneKeepsTheOthers()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);
        var cluster = await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Cluster, "btc", "3", null, "bob", T0), CancellationToken.None);
        var ethCluster = await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Cluster, "eth", "3", null, "bob", T0), CancellationToken.None);
        var trace = await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Trace, null, "3", null, "bob", T0), CancellationToken.None);

        Assert.Equal(3, new[] { cluster!.Id, ethCluster!.Id, trace!.Id }.Distinct().Count());
        Assert.Null(trace.Chain);
        Assert.True(await Cases.RemovePinAsync("case_a", ethCluster.Id, "carol", T0.AddMinutes(1), CancellationToken.None));
        Assert.Equal([cluster.Id, trace.Id], (await Cases.ListPinsAsync("case_a", CancellationToken.None)).Select(p => p.Id));
        var last = (await Cases.ListHistoryAsync("case_a", CancellationToken.None))[^1];
        Assert.Equal((CaseActions.Unpinned, "carol", "cluster eth:3"), (last.Action, last.Actor, last.Detail));
    }

    [Fact]
    public async Task DeletingACase_RemovesItsNotesPinsAndHistory_AndLeavesOtherCases()
    {
        await Cases.CreateCaseAsync(NewCase("case_a"), CancellationToken.None);
        await Cases.CreateCaseAsync(NewCase("case_b") with { CreatedAt = T0.AddHours(1), UpdatedAt = T0.AddHours(1) }, CancellationToken.None);
        await Cases.AddNoteAsync("case_a", "n", "bob", T0, CancellationToken.None);
        await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Trace, null, "t", null, "bob", T0), CancellationToken.None);

        Assert.True(await Cases.DeleteCaseAsync("case_a", CancellationToken.None));

        Assert.Null(await Cases.GetCaseAsync("case_a", CancellationToken.None));
        Assert.Empty(await Cases.ListNotesAsync("case_a", CancellationToken.None));
        Assert.Empty(await Cases.ListPinsAsync("case_a", CancellationToken.None));
        Assert.Empty(await Cases.ListHistoryAsync("case_a", CancellationToken.None));
        Assert.Equal(["case_b"], (await Cases.ListCasesAsync(CancellationToken.None)).Select(c => c.Id));
    }
}
