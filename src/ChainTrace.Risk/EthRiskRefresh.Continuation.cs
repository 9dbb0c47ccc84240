using ChainTrace.Index.Account;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

public static partial class EthRiskRefresh
{
    /// <summary>
    /// Whether a stored Ethereum refresh can be continued (issue 13, "incrementally for new blocks"), and why not. It
    /// can when it was computed with the same options and label set, holds its state in the current form, and the read
    /// model now is the one it ran over with blocks appended: its tip block still there with the same hash, at the same
    /// transfer and address counts. A rollback or reorg below that tip refuses (the forward mixes cannot be taken back:
    /// no checkpoints are kept), and so does a label that now reaches an older address through its cluster. The
    /// cluster pass goes on only when every older address keeps its cluster root and every older cluster its seed.
    /// </summary>
    internal static class Continuation
    {
        /// <summary>The stored state when its options, labels and form allow going on; else null and why in <paramref name="refusal"/>.</summary>
        public static EthRiskState? Open(string path, RiskSnapshot now, ExposureOptions options, out string? refusal)
        {
            try
            {
                refusal = RiskRefresh.Incremental.Compare(path, now);
                var state = refusal is null ? EthRiskState.Read(path, now.Hops) : null;
                if (refusal is null && state is null)
                {
                    refusal = "stored refresh has no incremental state of this form";
                }
                else if (state is not null && state.Epsilon != options.Epsilon)
                {
                    (refusal, state) = ("other exposure options", null);
                }

                return state;
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
            {
                refusal = $"stored refresh unreadable ({ex.Message})";
                return null;
            }
        }

        /// <summary>Why the read model or the seeds do not continue the state's; null when they do.</summary>
        public static string? Refusal(EthRiskState state, EthIndex index, int[] seeds)
        {
            if (state.BlockCount == 0 || state.Locator.Count == 0)
            {
                return "the stored refresh saw no blocks";
            }

            var tip = state.BlockCount - 1;
            if (!Holds(index, tip, state.Locator[0]))
            {
                var shared = state.Locator.Skip(1).FirstOrDefault(b => Find(index, b) >= 0);
                return shared is null
                    ? "no block of the stored refresh is left in the read model"
                    : $"the read model was rolled back or reorganised below the refreshed tip {state.Locator[0].Height} (last block shared: {shared.Height})";
            }

            var addresses = tip + 1 < index.BlockCount ? index.Block(tip + 1).FirstAddress : index.AddressCount;
            if (index.EndOfBlock(tip) != state.Transfers || addresses != state.AddressCount || state.Seeds.Length != state.AddressCount ||
                state.AddressForward!.Count != state.AddressCount || state.Rows.Length != state.AddressCount)
            {
                return "the read model does not continue the stored refresh's";
            }

            for (var a = 0; a < state.AddressCount; a++)
            {
                if (seeds[a] != state.Seeds[a])
                {
                    return "a label now reaches an older address through its cluster";
                }
            }

            return null;
        }

        /// <summary>Why the cluster pass has to start over (an older address changed cluster, an older cluster its seed); null when it can go on.</summary>
        public static string? ClusterRefusal(EthRiskState state, int[] roots, int[] seeds)
        {
            if (state.Roots.Length != state.AddressCount || state.ClusterForward!.Count != state.AddressCount)
            {
                return "no cluster state";
            }

            for (var a = 0; a < state.AddressCount; a++)
            {
                if (roots[a] != state.Roots[a])
                {
                    return "an older address changed cluster";
                }
            }

            var nodeSeeds = EthExposurePass.NodeSeeds(seeds, roots);
            for (var r = 0; r < state.AddressCount; r++)
            {
                if (nodeSeeds[r] != state.ClusterForward.NodeSeeds[r])
                {
                    return "an older cluster's seed changed";
                }
            }

            return null;
        }

        /// <summary>The read model's tip block, then the blocks at depths 1, 2, 4, … (height and hash).</summary>
        public static List<RiskState.Block> Locator(EthIndex index)
        {
            var locator = new List<RiskState.Block>();
            for (var depth = 0; index.BlockCount - 1 - depth >= 0; depth = depth == 0 ? 1 : depth * 2)
            {
                var block = index.Block(index.BlockCount - 1 - depth);
                locator.Add(new RiskState.Block(block.Height, block.Hash.ToHash().ToString()));
            }

            return locator;
        }

        private static bool Holds(EthIndex index, int position, RiskState.Block block) =>
            position < index.BlockCount && index.Block(position).Height == block.Height && index.Block(position).Hash.ToHash().ToString() == block.Hash;

        /// <summary>The position of <paramref name="block"/> in the read model (by height, blocks being in height order), -1 when it is not there with that hash.</summary>
        private static int Find(EthIndex index, RiskState.Block block)
        {
            int lo = 0, hi = index.BlockCount - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                var h = index.Block(mid).Height;
                if (h == block.Height)
                {
                    return Holds(index, mid, block) ? mid : -1;
                }

                (lo, hi) = h < block.Height ? (mid + 1, hi) : (lo, mid - 1);
            }

            return -1;
        }
    }
}
