using System.Diagnostics;
using ChainTrace.Api.Audit;
using ChainTrace.Core.Access;
using ChainTrace.Storage.Sqlite.AppState;

namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// What the audit trail of one screening costs after its answer, in process and on one thread, on a fresh app-state
/// file in a scratch directory: the journal (a record written and fsynced in batches of <see cref="JournalBatch"/>,
/// about what the group commit gathers under the benchmark's load) and the copy into the hash-chained log (batches
/// as large as the copier's). No HTTP: it splits what the wrk figures cannot.
/// </summary>
internal static class AuditPath
{
    private const int Entries = 60_000;
    private const int JournalBatch = 12;
    private const int CopyBatch = 8192;

    public static async Task<string> MeasureAsync(string work, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(work, "audit-path");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var start = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, Entries).Select(i => new AuditEvent(
            start.AddMilliseconds(i), "bench-exchange", "exchange", "GET /v1/addresses/{chain}/{address}/risk",
            $"address:btc:bc1qbench{i:D8}", 200, i % 50 == 0 ? "block" : "allow", 850_000)).ToList();

        double journal;
        using (var file = AuditJournalFile.Create(Path.Combine(directory, "journal")))
        {
            var clock = Stopwatch.StartNew();
            foreach (var batch in events.Chunk(JournalBatch))
            {
                file.Append(batch);
            }

            journal = clock.Elapsed.TotalMicroseconds;
        }

        double copy;
        await using (var store = await SqliteAppStateStore.OpenAsync(Path.Combine(directory, "appstate.db"), cancellationToken))
        {
            var position = 0L;
            var clock = Stopwatch.StartNew();
            foreach (var batch in events.Chunk(CopyBatch))
            {
                position += batch.Length;
                await store.AppendAsync(batch, new AuditJournalMark("bench", position), cancellationToken);
            }

            copy = clock.Elapsed.TotalMicroseconds;
        }

        Directory.Delete(directory, recursive: true);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"audit path per entry (one thread, {Entries} entries): journal {journal / Entries:F2} us (batches of {JournalBatch}, one fdatasync each), copy into the log {copy / Entries:F2} us (batches of {CopyBatch})");
    }
}
