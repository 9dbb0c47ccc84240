using ChainTrace.Api.Audit;
using ChainTrace.Core.Access;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>
/// The audit journal against the real SQLite audit log: what a crash leaves in a journal is copied on the next
/// start exactly once, a torn last record is dropped, and a flush makes every journaled entry queryable.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AuditJournalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDir _temp = new("audit-journal");
    private SqliteAppStateStore? _log;

    private string Directory => _temp.File("journal");

    public async Task InitializeAsync() => _log = await SqliteAppStateStore.OpenAsync(_temp.File("appstate.db"), CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public void DirectorySync_FlushesAnExistingDirectory_AndNamesAMissingOne()
    {
        var existing = System.IO.Directory.CreateDirectory(_temp.File("synced")).FullName;
        DirectorySync.Flush(existing);

        var missing = _temp.File("missing");
        var error = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_CopiesWhatACrashLeftInTheJournal_InOrder_AndRemovesTheJournal()
    {
        await CrashAfterJournalingAsync([Event(0, "a"), Event(1, "b")], [Event(2, "c")]);

        using var next = await OpenAsync();

        Assert.Equal(["address:btc:a", "address:btc:b", "address:btc:c"], await SubjectsAsync());
        Assert.Single(System.IO.Directory.GetFiles(Directory)); // only the new run's own journal
        Assert.True((await AuditChain.VerifyAsync(_log!.ReadAllAsync(CancellationToken.None), CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task Recover_SkipsRecordsAlreadyCopied_WhenTheCrashCameAfterACopyCommit()
    {
        var journal = await CrashAfterJournalingAsync([Event(0, "a"), Event(1, "b")], [Event(2, "c")]);
        // The copier committed the first two (with their mark) and the process died before the journal was removed.
        await _log!.AppendAsync([Event(0, "a"), Event(1, "b")], new AuditJournalMark(journal, 2), CancellationToken.None);

        using var next = await OpenAsync();

        Assert.Equal(["address:btc:a", "address:btc:b", "address:btc:c"], await SubjectsAsync());
    }

    [Fact]
    public async Task Recover_DropsATornLastRecord_AndKeepsTheIntactOnes()
    {
        var (path, length) = JournalFile([Event(0, "a")], [Event(1, "b")], [Event(2, "c")]);
        var bytes = await File.ReadAllBytesAsync(path);
        var record = (int)length / 3; // three records of the same length
        // A crash in the middle of the last write: half its record on disk, the zeroed space ahead after it.
        bytes.AsSpan((int)length - (record / 2)).Clear();
        await File.WriteAllBytesAsync(path, bytes);

        using var next = await OpenAsync();

        Assert.Equal(["address:btc:a", "address:btc:b"], await SubjectsAsync());
    }

    [Fact]
    public async Task Recover_StopsAtARecordThatFailsItsCheck()
    {
        var (path, length) = JournalFile([Event(0, "a")], [Event(1, "b")], [Event(2, "c")]);
        var bytes = await File.ReadAllBytesAsync(path);
        // Records here are the same length: flip a byte in the middle record's payload.
        bytes[((int)length / 2) + 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        using var next = await OpenAsync();

        Assert.Equal(["address:btc:a"], await SubjectsAsync());
    }

    /// <summary>
    /// A journal left by a run from before the CRC-32C check (each record checked by the first 4 bytes of its SHA-256)
    /// is still recovered whole after an upgrade; a record whose check is neither still ends the reading.
    /// </summary>
    [Fact]
    public async Task Recover_ReadsAJournalWrittenWithTheEarlierSha256Check()
    {
        var (path, length) = JournalFile([Event(0, "a")], [Event(1, "b")], [Event(2, "c")]);
        var bytes = await File.ReadAllBytesAsync(path);
        var record = (int)length / 3; // three records of the same length
        for (var at = 0; at < length; at += record)
        {
            var body = bytes.AsSpan(at, record - 4);
            System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 4).CopyTo(bytes.AsSpan(at + record - 4, 4));
        }

        bytes[(3 * record) - 1] ^= 0x01; // the third one's check is neither
        await File.WriteAllBytesAsync(path, bytes);

        using var next = await OpenAsync();

        Assert.Equal(["address:btc:a", "address:btc:b"], await SubjectsAsync());
    }

    [Fact]
    public void JournalFile_IsZeroedAheadInChunks_AndItsZeroedSpaceIsNotATornTail()
    {
        var big = Enumerable.Range(0, 1 + (AuditJournalFile.ChunkBytes / 100)).Select(i => Event(i % 60, $"a{i}")).ToArray();
        var (path, length) = JournalFile([Event(0, "a")], big, [Event(1, "b")]);
        Assert.True(new FileInfo(path).Length > length, "the file is zeroed beyond its records");
        Assert.True(length > AuditJournalFile.ChunkBytes, "the big batch needed a second chunk");

        using var claimed = AuditJournalFile.TryClaim(path)!;
        var (records, tornTail) = AuditJournalFile.Read(claimed);
        Assert.Equal(big.Length + 2, records.Count);
        Assert.Equal("address:btc:b", records[^1].Event.Subject);
        Assert.False(tornTail);
    }

    [Fact]
    public async Task Flush_WaitsUntilEveryJournaledEntryIsInTheLog()
    {
        using var journal = await OpenAsync();
        var stop = new TaskCompletionSource();
        var copier = journal.RunCopierAsync(stop.Task);
        journal.Write([Event(0, "a"), Event(1, "b")]);
        journal.Write([Event(2, "c")]);

        await journal.FlushAsync(CancellationToken.None);

        Assert.Equal(["address:btc:a", "address:btc:b", "address:btc:c"], await SubjectsAsync());
        stop.SetResult();
        await copier;
        Assert.Empty(System.IO.Directory.GetFiles(Directory));
    }

    /// <summary>A run that journals the batches and dies before its copier ran (the file handle just closed); returns the journal's id.</summary>
    private async Task<string> CrashAfterJournalingAsync(params AuditEvent[][] batches)
    {
        var before = System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory) : [];
        using (var journal = await OpenAsync())
        {
            foreach (var batch in batches)
            {
                journal.Write(batch);
            }
        }

        var created = Assert.Single(System.IO.Directory.GetFiles(Directory).Except(before));
        return Path.GetFileNameWithoutExtension(created);
    }

    /// <summary>A journal file as a crashed run leaves it, written batch by batch without any copying.</summary>
    private (string Path, long Length) JournalFile(params AuditEvent[][] batches)
    {
        using var file = AuditJournalFile.Create(Directory);
        foreach (var batch in batches)
        {
            file.Append(batch);
        }

        return (file.Path, file.Length);
    }

    private async Task<AuditJournal> OpenAsync()
    {
        var journal = new AuditJournal(Directory, _log!, NullLogger<AuditJournal>.Instance);
        await journal.RecoverAsync(CancellationToken.None);
        return journal;
    }

    private async Task<List<string>> SubjectsAsync()
    {
        var subjects = new List<string>();
        await foreach (var entry in _log!.ReadAllAsync(CancellationToken.None))
        {
            subjects.Add(entry.Event.Subject);
        }

        return subjects;
    }

    private static AuditEvent Event(int minute, string address) =>
        new(T0.AddMinutes(minute), "exchange", "exchange", "GET /v1/addresses/{chain}/{address}/risk", $"address:btc:{address}", 200, "allow", 506);
}
