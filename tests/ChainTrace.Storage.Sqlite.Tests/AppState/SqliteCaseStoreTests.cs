using ChainTrace.Core.Cases;
using ChainTrace.Core.Ports;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;

namespace ChainTrace.Storage.Sqlite.Tests.AppState;

/// <summary>The case-store conformance suite on a real <c>appstate.db</c>, plus survival across a reopen.</summary>
public sealed class SqliteCaseStoreTests : CaseStoreConformanceTests
{
    private readonly TempDir _temp = new("cases");
    private SqliteAppStateStore? _store;

    public override async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _temp.Dispose();
    }

    protected override async Task<ICaseStore> OpenEmptyAsync()
    {
        _store = await SqliteAppStateStore.OpenAsync(_temp.File("appstate.db"), CancellationToken.None);
        return _store;
    }

    [Fact]
    public async Task ACase_SurvivesARestart_WithNotesPinsAndHistory()
    {
        await Cases.CreateCaseAsync(NewCase(), CancellationToken.None);
        await Cases.AddNoteAsync("case_a", "line one\nline two", "bob", DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None);
        await Cases.AddPinAsync(new CasePin(0, "case_a", CasePinKind.Trace, null, "0123", "comment", "bob", DateTimeOffset.UnixEpoch.AddDays(1)), CancellationToken.None);
        await _store!.DisposeAsync();

        _store = await SqliteAppStateStore.OpenAsync(_temp.File("appstate.db"), CancellationToken.None);

        // The note and pin are older than the case, so its updated time stays its creation time.
        Assert.Equal(NewCase(), await _store.GetCaseAsync("case_a", CancellationToken.None));
        Assert.Equal("line one\nline two", Assert.Single(await _store.ListNotesAsync("case_a", CancellationToken.None)).Text);
        var pin = Assert.Single(await _store.ListPinsAsync("case_a", CancellationToken.None));
        Assert.Equal((CasePinKind.Trace, (string?)null, "0123", "comment"), (pin.Kind, pin.Chain, pin.Subject, pin.Comment));
        Assert.Equal(3, (await _store.ListHistoryAsync("case_a", CancellationToken.None)).Count);
    }
}
