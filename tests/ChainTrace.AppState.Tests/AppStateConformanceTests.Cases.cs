using ChainTrace.Core.Cases;
using ChainTrace.Core.Ports;

namespace ChainTrace.AppState.Tests;

public abstract partial class AppStateConformanceTests
{
    protected ICaseStore Cases => Store;

    [Fact]
    public async Task EveryCaseChange_IsKept_WithWhoAndWhen_InItsHistory()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);
        var note = await Cases.AddNoteAsync("case_a", "reached exchange A", "bob", T0.AddMinutes(1), CancellationToken.None);
        var pin = await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Address, "btc", "bcrt1qexample", "the wallet", "bob", T0.AddMinutes(2)), CancellationToken.None);
        var again = await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Address, "btc", "bcrt1qexample", null, "carol", T0.AddMinutes(3)), CancellationToken.None);
        var updated = await Cases.UpdateCaseAsync("case_a", new CaseChange(null, null, CaseStatus.Closed), "alice", T0.AddMinutes(4), CancellationToken.None);

        Assert.NotNull(note);
        Assert.Equal(pin!.Id, again!.Id);
        Assert.Equal(("bob", "the wallet"), (again.PinnedBy, again.Comment));
        Assert.Equal(CaseStatus.Closed, updated!.Status);
        Assert.Equal("Ransom wave", updated.Title);
        Assert.Equal(T0.AddMinutes(4), updated.UpdatedAt);
        var history = await Cases.ListHistoryAsync("case_a", CancellationToken.None);
        Assert.Equal(
            [("alice", CaseActions.Created, "Ransom wave"), ("bob", CaseActions.NoteAdded, $"note {note.Id}"), ("bob", CaseActions.Pinned, "address btc:bcrt1qexample"), ("alice", CaseActions.Updated, "status closed")],
            history.Select(e => (e.Actor, e.Action, e.Detail)));
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(4)], history.Select(e => e.At));
        Assert.Single(await Cases.ListPinsAsync("case_a", CancellationToken.None));
        Assert.Equal("reached exchange A", Assert.Single(await Cases.ListNotesAsync("case_a", CancellationToken.None)).Text);
    }

    [Fact]
    public async Task Update_ChangesOnlyTheGivenFields()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);

        var retitled = await Cases.UpdateCaseAsync("case_a", new CaseChange("Wave 2", null, null), "bob", T0.AddMinutes(1), CancellationToken.None);
        var described = await Cases.UpdateCaseAsync("case_a", new CaseChange(null, "new lead", null), "bob", T0.AddMinutes(2), CancellationToken.None);

        Assert.Equal(("Wave 2", "what happened", CaseStatus.Open), (retitled!.Title, retitled.Description, retitled.Status));
        Assert.Equal(("Wave 2", "new lead", CaseStatus.Open, "alice", T0), (described!.Title, described.Description, described.Status, described.CreatedBy, described.CreatedAt));
        Assert.Equal(described, await Cases.GetCaseAsync("case_a", CancellationToken.None));
        Assert.Equal(["title 'Wave 2'", "description"], (await Cases.ListHistoryAsync("case_a", CancellationToken.None)).Skip(1).Select(e => e.Detail));
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
        Assert.Empty(await Cases.ListPinsAsync("case_x", CancellationToken.None));
        Assert.Null(await Cases.GetCaseAsync("case_x", CancellationToken.None));
        Assert.Equal(NewCase(), await Cases.GetCaseAsync("case_a", CancellationToken.None));
    }

    [Fact]
    public async Task APinOfAnotherCase_CannotBeRemovedThroughThisOne()
    {
        await Cases.CreateCaseAsync(NewCase("case_a"), CancellationToken.None);
        await Cases.CreateCaseAsync(NewCase("case_b"), CancellationToken.None);
        var pin = await Cases.AddPinAsync(new CasePin(0, "case_b", CasePinKind.Trace, null, "t1", null, "bob", T0), CancellationToken.None);

        Assert.False(await Cases.RemovePinAsync("case_a", pin!.Id, "bob", T0.AddMinutes(1), CancellationToken.None));

        Assert.Single(await Cases.ListPinsAsync("case_b", CancellationToken.None));
        Assert.Single(await Cases.ListHistoryAsync("case_a", CancellationToken.None));
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
        Assert.Equal(T0.AddMinutes(1), (await Cases.GetCaseAsync("case_a", CancellationToken.None))!.UpdatedAt);
    }

    [Fact]
    public async Task DeletingACase_RemovesItsNotesPinsAndHistory_AndLeavesOtherCases()
    {
        await Cases.CreateCaseAsync(NewCase("case_a"), CancellationToken.None);
        await Cases.CreateCaseAsync(NewCase("case_b") with { CreatedAt = T0.AddHours(1), UpdatedAt = T0.AddHours(1) }, CancellationToken.None);
        await Cases.AddNoteAsync("case_a", "n", "bob", T0, CancellationToken.None);
        await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Trace, null, "t", null, "bob", T0), CancellationToken.None);
        await Cases.AddNoteAsync("case_b", "kept", "bob", T0.AddHours(1), CancellationToken.None);

        Assert.True(await Cases.DeleteCaseAsync("case_a", CancellationToken.None));

        Assert.Null(await Cases.GetCaseAsync("case_a", CancellationToken.None));
        Assert.Empty(await Cases.ListNotesAsync("case_a", CancellationToken.None));
        Assert.Empty(await Cases.ListPinsAsync("case_a", CancellationToken.None));
        Assert.Empty(await Cases.ListHistoryAsync("case_a", CancellationToken.None));
        Assert.Equal(["case_b"], (await Cases.ListCasesAsync(CancellationToken.None)).Select(c => c.Id));
        Assert.Equal("kept", Assert.Single(await Cases.ListNotesAsync("case_b", CancellationToken.None)).Text);
        Assert.Equal(2, (await Cases.ListHistoryAsync("case_b", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Cases_ListMostRecentlyChangedFirst_TiesByIdAsBytes()
    {
        // Upper case sorts before lower case as bytes, and 'B' before 'a'; a locale's collation would put 'a' first.
        foreach (var id in new[] { "case_a", "case_B", "case_c" })
        {
            await Cases.CreateCaseAsync(NewCase(id), CancellationToken.None);
        }

        await Cases.AddNoteAsync("case_c", "fresh", "bob", T0.AddMinutes(5), CancellationToken.None);
        await Cases.RecordEventAsync("case_a", CaseActions.Exported, "bundle", "bob", T0.AddMinutes(9), CancellationToken.None);

        Assert.Equal(["case_c", "case_B", "case_a"], (await Cases.ListCasesAsync(CancellationToken.None)).Select(c => c.Id));
        Assert.Equal((CaseActions.Exported, "bundle"), ((await Cases.ListHistoryAsync("case_a", CancellationToken.None))[^1].Action, (await Cases.ListHistoryAsync("case_a", CancellationToken.None))[^1].Detail));
    }

    [Fact]
    public async Task ACase_SurvivesARestart_WithNotesPinsAndHistory()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);
        await Cases.AddNoteAsync("case_a", "line one\nline two", "bob", DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None);
        await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Trace, null, "0123", "comment", "bob", DateTimeOffset.UnixEpoch.AddDays(1)), CancellationToken.None);

        await ReopenAsync();

        // The note and pin are older than the case, so its updated time stays its creation time.
        Assert.Equal(NewCase(), await Cases.GetCaseAsync("case_a", CancellationToken.None));
        Assert.Equal("line one\nline two", Assert.Single(await Cases.ListNotesAsync("case_a", CancellationToken.None)).Text);
        var pin = Assert.Single(await Cases.ListPinsAsync("case_a", CancellationToken.None));
        Assert.Equal((CasePinKind.Trace, (string?)null, "0123", "comment"), (pin.Kind, pin.Chain, pin.Subject, pin.Comment));
        Assert.Equal(3, (await Cases.ListHistoryAsync("case_a", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task OneCase_ChangedAtOnceByTwoInstances_KeepsEveryChangeOnce_WithItsHistoryLine()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);
        await using var second = await OpenSecondAsync();
        var stores = new ICaseStore[] { Cases, second };

        // 20 notes, and 20 pins of 5 subjects: each subject pinned once, whichever instance gets there first.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var store = stores[i % 2];
            if (i < 20)
            {
                Assert.NotNull(await store.AddNoteAsync("case_a", $"n{i}", $"w{i % 2}", T0.AddSeconds(i), CancellationToken.None));
            }
            else
            {
                Assert.NotNull(await store.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Trace, null, $"t{i % 5}", null, $"w{i % 2}", T0.AddSeconds(i)), CancellationToken.None));
            }
        })));

        var notes = await second.ListNotesAsync("case_a", CancellationToken.None);
        var pins = await Cases.ListPinsAsync("case_a", CancellationToken.None);
        var history = await Cases.ListHistoryAsync("case_a", CancellationToken.None);
        Assert.Equal(20, notes.Select(n => n.Text).Distinct().Count());
        Assert.Equal(["t0", "t1", "t2", "t3", "t4"], pins.Select(p => p.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(notes.Select(n => $"note {n.Id}").Order(StringComparer.Ordinal), history.Where(e => e.Action == CaseActions.NoteAdded).Select(e => e.Detail).Order(StringComparer.Ordinal));
        Assert.Equal(pins.Select(p => $"trace {p.Subject}").Order(StringComparer.Ordinal), history.Where(e => e.Action == CaseActions.Pinned).Select(e => e.Detail).Order(StringComparer.Ordinal));
        Assert.Equal(1 + 20 + 5, history.Count);
        Assert.Equal(history.Select(e => e.Id).Order(), history.Select(e => e.Id));
        Assert.Equal(history.Where(e => e.Action != CaseActions.Created).Max(e => e.At), (await Cases.GetCaseAsync("case_a", CancellationToken.None))!.UpdatedAt);
    }

    private static InvestigationCase NewCase(string id = "case_a") => new(id, "Ransom wave", "what happened", CaseStatus.Open, "alice", T0, T0);
}
