using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChainTrace.Risk.Exposure;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>
/// What an Ethereum refresh leaves beside its rows so that the next one can go on over new blocks only: the read
/// model's size it ran over (transfers, addresses, blocks), a locator of its block hashes (tip, then depths 1, 2, 4, …)
/// to tell a rollback or reorg, the exposure options it ran with beyond the snapshot's (the epsilon), the store-wide
/// counts; per address id its cluster root and label seed; the forward state of both passes (per address and per
/// cluster, <see cref="EthForwardState"/>); and a 128-bit fingerprint of every stored address and cluster row, so only
/// rows whose content changed are rewritten. The arrays are in the file's <c>state</c> table (<see cref="StateBlob"/>).
/// </summary>
internal sealed record EthRiskState(long Transfers, int AddressCount, int BlockCount, IReadOnlyList<RiskState.Block> Locator, double Epsilon, RiskCounts Counts) : IRefreshState
{
    /// <summary>The form of this state: a refresh that finds another one (or none) starts over.</summary>
    public const int CurrentForm = 1;

    public int Form { get; init; } = CurrentForm;

    [JsonIgnore]
    public int[] Roots { get; init; } = [];

    [JsonIgnore]
    public int[] Seeds { get; init; } = [];

    [JsonIgnore]
    public EthForwardState? AddressForward { get; init; }

    [JsonIgnore]
    public EthForwardState? ClusterForward { get; init; }

    /// <summary>Per address id the fingerprint of its stored row (<see cref="RowPrint"/>).</summary>
    [JsonIgnore]
    public UInt128[] Rows { get; init; } = [];

    /// <summary>Per stored cluster row (root) its fingerprint.</summary>
    [JsonIgnore]
    public Dictionary<long, UInt128> Clusters { get; init; } = [];

    IRefreshState IRefreshState.WithCounts(RiskCounts counts) => this with { Counts = counts };

    public void WriteTo(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT OR REPLACE INTO meta (key, value) VALUES ('eth-state', $s)";
            command.Parameters.AddWithValue("$s", JsonSerializer.Serialize(this, RiskStore.Json));
            command.ExecuteNonQuery();
        }

        StateBlob.Write(connection, "eth-roots", w => Ints(w, Roots));
        StateBlob.Write(connection, "eth-seeds", w => Ints(w, Seeds));
        StateBlob.Write(connection, "eth-forward", w => AddressForward!.WriteTo(w));
        StateBlob.Write(connection, "eth-forward-clusters", w => ClusterForward!.WriteTo(w));
        StateBlob.Write(connection, "eth-rows", w =>
        {
            w.Write(Rows.Length);
            foreach (var print in Rows)
            {
                Print(w, print);
            }
        });
        StateBlob.Write(connection, "eth-clusters", w =>
        {
            w.Write(Clusters.Count);
            foreach (var (root, print) in Clusters.OrderBy(c => c.Key))
            {
                w.Write(root);
                Print(w, print);
            }
        });
    }

    /// <summary>The state the refresh file at <paramref name="path"/> holds; null when it holds none (or one of another form), or there is no file.</summary>
    public static EthRiskState? Read(string path, int hops)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT value FROM meta WHERE key = 'eth-state'";
            if (command.ExecuteScalar() is not string json || JsonSerializer.Deserialize<EthRiskState>(json, RiskStore.Json) is not { Form: CurrentForm } state)
            {
                return null;
            }

            var mix = ExposureCategories.All.Count * hops;
            var address = StateBlob.Read(connection, "eth-forward", r => EthForwardState.ReadFrom(r, mix));
            var cluster = StateBlob.Read(connection, "eth-forward-clusters", r => EthForwardState.ReadFrom(r, mix));
            if (address is null || cluster is null)
            {
                return null;
            }

            return state with
            {
                Roots = StateBlob.Read(connection, "eth-roots", Ints) ?? [],
                Seeds = StateBlob.Read(connection, "eth-seeds", Ints) ?? [],
                AddressForward = address,
                ClusterForward = cluster,
                Rows = StateBlob.Read(connection, "eth-rows", r =>
                {
                    var rows = new UInt128[r.ReadInt32()];
                    for (var i = 0; i < rows.Length; i++)
                    {
                        rows[i] = Print(r);
                    }

                    return rows;
                }) ?? [],
                Clusters = StateBlob.Read(connection, "eth-clusters", r =>
                {
                    var n = r.ReadInt32();
                    var clusters = new Dictionary<long, UInt128>(n);
                    for (var i = 0; i < n; i++)
                    {
                        var root = r.ReadInt64();
                        clusters[root] = Print(r);
                    }

                    return clusters;
                }) ?? [],
            };
        }
    }

    /// <summary>
    /// A 128-bit fingerprint of a stored row (the first half of SHA-256 over its key, its binary facts and its score and
    /// level): equal rows print alike, so a row whose print did not change needs no rewrite (two different rows printing
    /// alike, which would keep the old one, has odds of about 2^-128).
    /// </summary>
    public static UInt128 RowPrint(ReadOnlySpan<byte> key, Core.Risk.RiskFacts facts, int score, Core.Risk.RiskLevel level, RiskFactsCodec.StringTable strings, System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(strings);
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.ResetWrittenCount();
        buffer.Write(key);
        RiskFactsCodec.Encode(facts, strings, buffer);
        var tail = buffer.GetSpan(8);
        BitConverter.TryWriteBytes(tail, score);
        BitConverter.TryWriteBytes(tail[4..], (int)level);
        buffer.Advance(8);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(buffer.WrittenSpan, hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    /// <summary>
    /// A string table whose ids do not depend on the order rows come in, for <see cref="RowPrint"/>: every category and
    /// the Ethereum dust reason first (any other text gets the next id when first met: at worst a row prints differently
    /// and is rewritten as it was).
    /// </summary>
    public static RiskFactsCodec.StringTable PrintStrings()
    {
        var strings = new RiskFactsCodec.StringTable();
        foreach (var c in ExposureCategories.All)
        {
            strings.Id(c.Id);
        }

        strings.Id(ExposureFacts.EthDustReason);
        return strings;
    }

    private static void Ints(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static int[] Ints(BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadInt32();
        }

        return values;
    }

    private static void Print(BinaryWriter w, UInt128 print)
    {
        w.Write((ulong)(print >> 64));
        w.Write((ulong)print);
    }

    private static UInt128 Print(BinaryReader r)
    {
        var high = r.ReadUInt64();
        return new UInt128(high, r.ReadUInt64());
    }
}
