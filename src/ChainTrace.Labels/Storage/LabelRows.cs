using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Labels.Storage;

/// <summary>Rebuilds a stored label from a row of <see cref="SqliteLabelStore"/>'s label query (columns in its order).</summary>
internal static class LabelRows
{
    public static StoredLabel Read(SqliteDataReader r)
    {
        var chain = (Chain)r.GetInt32(1);
        var subject = r.IsDBNull(3)
            ? LabelSubject.OfCluster(chain, r.GetInt64(4))
            : LabelSubject.OfAddress(Address.Parse(chain, r.GetString(3), (Network)r.GetInt32(2)));
        LabelTaxonomy.TryFind(r.GetString(6), out var category);
        var actor = r.IsDBNull(8) ? null : new LabelActor(r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9));
        var label = new Label(
            subject,
            r.GetString(5),
            category,
            r.IsDBNull(7) ? null : r.GetString(7),
            actor,
            r.GetString(10),
            r.GetString(11),
            r.GetInt32(12),
            new Confidence(r.GetString(13), r.GetInt32(14)),
            r.GetInt32(15) == 1,
            r.IsDBNull(16) ? null : r.GetString(16));
        return new StoredLabel(r.GetInt64(0), label, r.IsDBNull(17) ? null : r.GetInt64(17));
    }
}
