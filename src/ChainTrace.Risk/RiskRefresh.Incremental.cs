using ChainTrace.Core.Risk;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Model;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

public static partial class RiskRefresh
{
    /// <summary>
    /// A refresh of only what changed since the stored one (issue 13 item 1, "incrementally for new blocks"). The stored
    /// <see cref="RiskState"/> locates the last block both read models share; from the first transaction <c>F</c> after
    /// it, the rows to recompute are those <see cref="ExposureImpact.Affected"/> names on the new read model, those
    /// whose stored horizon reaches <c>F</c> (rows removed transactions fed), and those whose cluster changed (its id,
    /// or with a model its size, a feature); the clusters to recompute are theirs and every cluster an address left or joined. Rows
    /// of addresses a rollback removed are deleted.
    /// </summary>
    internal sealed class Incremental(UtxoIndex index, int[] roots, LabelSeeds seeds, RiskModel? model, ExposureOptions options, RiskState state)
    {
        private readonly HashSet<int> _rows = [];
        private readonly List<int> _clusters = [];
        private readonly List<long> _removedClusters = [];
        private bool _rolledBack;

        /// <summary>Why the refresh at <paramref name="path"/> cannot be continued for <paramref name="now"/>; null when it can.</summary>
        public static string? Refusal(string path, RiskSnapshot now)
        {
            try
            {
                return Compare(path, now) ?? (RiskStore.ReadState(path) is null ? "stored refresh has no incremental state" : null);
            }
            catch (Exception ex) when (ex is InvalidDataException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
            {
                return $"stored refresh unreadable ({ex.Message})";
            }
        }

        /// <summary>Why the refresh at <paramref name="path"/> was computed otherwise than <paramref name="now"/> asks (none, facts form, options, labels, model; either chain); null when alike.</summary>
        internal static string? Compare(string path, RiskSnapshot now)
        {
            using var store = RiskStore.TryOpen(path);
            if (store is null)
            {
                return "no stored refresh";
            }

            var before = store.Snapshot;
            return store.FactsVersion != 2 ? "stored facts of an older form"
                : before.Hops != now.Hops || before.DustThreshold != now.DustThreshold ? "other exposure options"
                : before.LabelSetVersion != now.LabelSetVersion ? "labels changed"
                : before.ModelVersion != now.ModelVersion ? "model changed"
                : null;
        }

        public static RiskState StateOf(UtxoIndex index, int[] roots, LabelSeeds seeds, ExposureOptions options, RiskCounts counts)
        {
            var locator = new List<RiskState.Block>();
            for (var depth = 0; index.BlockCount - 1 - depth >= 0; depth = depth < 8 ? depth + 1 : depth * 2)
            {
                var block = index.Block(index.BlockCount - 1 - depth);
                locator.Add(new RiskState.Block(block.Height, block.BlockHash.ToString()));
            }

            return new RiskState(index.TxCount, index.AddressCount, locator, counts)
            {
                Roots = roots,
                Seeds = seeds.Categories,
                Horizon = ExposureHorizon.Compute(index, options),
            };
        }

        /// <summary>Works out the rows and clusters to recompute; a reason when a full refresh is needed instead.</summary>
        public string? Plan()
        {
            var common = -1;
            foreach (var b in state.Locator)
            {
                if (index.FindBlock(b.Height) is var i and >= 0 && index.Block(i).BlockHash.ToString() == b.Hash)
                {
                    common = i;
                    break;
                }
            }

            if (common < 0)
            {
                return "no block of the stored refresh is left in the read model";
            }

            var next = common + 1;
            var firstTx = next < index.BlockCount ? index.Block(next).FirstTx : index.TxCount;
            var cut = next < index.BlockCount ? index.Block(next).FirstAddress : index.AddressCount;
            _rolledBack = index.Block(common).Height < state.Locator[0].Height;
            if (cut > state.AddressCount || firstTx > state.TxCount || (!_rolledBack && (cut != state.AddressCount || firstTx != state.TxCount)))
            {
                return "the read model does not continue the stored refresh's";
            }

            for (var a = 0; a < cut; a++)
            {
                if (seeds.Categories[a] != state.Seeds[a])
                {
                    return "a label now reaches an older address through its cluster";
                }
            }

            _rows.UnionWith(ExposureImpact.Affected(index, firstTx, options));
            var touched = new HashSet<int>();
            for (var a = 0; a < state.AddressCount; a++)
            {
                if (a >= cut || roots[a] != state.Roots[a])
                {
                    touched.Add(state.Roots[a]);
                }

                if (a < cut && (state.Horizon[a] >= firstTx || roots[a] != state.Roots[a]))
                {
                    _rows.Add(a);
                }
            }

            // A cluster's size is a model feature of each member: with a model, members of a cluster that grew or shrank change too.
            var before = Sizes(state.Roots);
            var after = Sizes(roots);
            for (var a = 0; model is not null && a < roots.Length; a++)
            {
                if (after[roots[a]] != before.GetValueOrDefault(roots[a]))
                {
                    _rows.Add(a);
                }
            }

            foreach (var a in _rows)
            {
                touched.Add(roots[a]);
            }

            foreach (var root in touched.Order())
            {
                if (after.GetValueOrDefault(root) > 1)
                {
                    _clusters.Add(root);
                }
                else
                {
                    _removedClusters.Add(root);
                }
            }

            return null;
        }

        /// <summary>Recomputes and stores the planned rows; null on a partial chain (only a full pass handles it).</summary>
        public RiskRefreshSummary? Apply(string path, RiskSnapshot snapshot, IProgress<(string Phase, long Done, long Total)>? progress)
        {
            progress?.Report(("exposure (incremental)", 0, _rows.Count));
            if (ExposurePass.RunFor(index, seeds.Categories, options, _rows, roots, _clusters) is not { } exposures)
            {
                return null;
            }

            progress?.Report(("score (incremental)", 0, _rows.Count));
            var features = model is null ? null : FeatureExtractor.Compute(index, roots, exposures, _rows);
            var rows = new List<(byte[], RiskFacts, int, RiskLevel)>(_rows.Count);
            var keys = index.KeysOf(_rows);
            var ordered = _rows.Order().ToArray();
            var scored = Rows(ordered, exposures, roots, seeds, model, features, null);
            for (var i = 0; i < ordered.Length; i++)
            {
                var (facts, score) = scored[i];
                rows.Add((keys[ordered[i]], facts, score.Score, score.Level));
            }

            progress?.Report(("write", 0, rows.Count));
            rows.Sort((x, y) => x.Item1.AsSpan().SequenceCompareTo(y.Item1));
            var clusters = ClusterFacts(exposures);
            var keep = _rolledBack ? (Func<byte[], bool>)(key => index.HasAddress(key)) : null;
            progress?.Report(("horizons", 0, index.TxCount));
            var fresh = StateOf(index, roots, seeds, options, state.Counts);
            progress?.Report(("update store", 0, rows.Count));
            var written = RiskStore.Update(path, snapshot, fresh, rows, keep, clusters, _removedClusters);
            var c = written.Counts;
            return RiskRefreshSummary.Of(snapshot.Height, index.AddressCount, c, CountClusters(roots), TimeSpan.Zero) with
            {
                Mode = "incremental",
                Recomputed = rows.Count,
            };
        }

        private static Dictionary<int, int> Sizes(int[] of)
        {
            var sizes = new Dictionary<int, int>();
            foreach (var r in of)
            {
                sizes[r] = sizes.GetValueOrDefault(r) + 1;
            }

            return sizes;
        }

        private static int CountClusters(int[] roots) => Sizes(roots).Count(s => s.Value > 1);
    }
}
