namespace ChainTrace.Labels.Storage;

/// <summary>
/// The label database's tables, versioned by <c>PRAGMA user_version</c>. Subjects are stored as the address's
/// binary key (the graph store's key, so a join or a lookup needs no text) or a cluster id; the pack and line
/// of every label are kept, and nothing is unique per subject: disagreeing labels all stay.
/// </summary>
internal static class LabelSchema
{
    public const int Version = 2;

    public const string V1 = """
        CREATE TABLE packs (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            format TEXT NOT NULL,
            title TEXT,
            sha256 TEXT NOT NULL,
            lines INTEGER NOT NULL,
            imported_at TEXT NOT NULL);
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            pack_id INTEGER NOT NULL REFERENCES packs(id),
            chain INTEGER NOT NULL,
            network INTEGER NOT NULL,
            address_key BLOB,
            address TEXT,
            cluster_id INTEGER,
            label TEXT NOT NULL,
            category TEXT NOT NULL,
            source_category TEXT,
            actor_id TEXT,
            source TEXT NOT NULL,
            line INTEGER NOT NULL,
            confidence TEXT NOT NULL,
            confidence_level INTEGER NOT NULL,
            cluster_definer INTEGER NOT NULL,
            context TEXT,
            propagated_cluster INTEGER,
            CHECK ((address_key IS NULL) <> (cluster_id IS NULL)));
        CREATE INDEX labels_by_address ON labels(chain, address_key) WHERE address_key IS NOT NULL;
        CREATE INDEX labels_by_cluster ON labels(chain, cluster_id) WHERE cluster_id IS NOT NULL;
        CREATE INDEX labels_by_propagated ON labels(chain, propagated_cluster) WHERE propagated_cluster IS NOT NULL;
        CREATE INDEX labels_by_category ON labels(category, id);
        CREATE INDEX labels_by_pack ON labels(pack_id);
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            categories TEXT NOT NULL,
            uri TEXT,
            jurisdictions TEXT NOT NULL,
            pack_id INTEGER NOT NULL REFERENCES packs(id));
        """;

    /// <summary>
    /// Version 2: a counter that a propagation which moves a label to another cluster increments, so a reader
    /// knows the cluster labels changed without listing them (no pack changed, so the label-set digest did not).
    /// </summary>
    public const string V2 = """
        CREATE TABLE label_meta (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL);
        """;
}
