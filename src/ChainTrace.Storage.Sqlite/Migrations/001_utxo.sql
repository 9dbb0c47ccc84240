-- Progress marker for every chain: a block's header row is written in the same transaction as its data.
CREATE TABLE blocks (
    chain     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    hash      BLOB    NOT NULL,
    prev_hash BLOB    NOT NULL,
    time      INTEGER NOT NULL,
    tx_count  INTEGER NOT NULL,
    PRIMARY KEY (chain, height)
) WITHOUT ROWID;

-- The network a chain's data belongs to, fixed by the first block written.
CREATE TABLE chain_networks (
    chain   INTEGER PRIMARY KEY,
    network INTEGER NOT NULL
);

-- txid is not unique on Bitcoin (BIP-30 duplicate coinbases at 91812/91842 and 91722/91880), so lookups
-- go through an 8-byte prefix index and take the newest match.
CREATE TABLE utxo_txs (
    id           INTEGER PRIMARY KEY,
    txid         BLOB    NOT NULL,
    txid_prefix  INTEGER NOT NULL,
    block_height INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    is_coinbase  INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    vsize        INTEGER NOT NULL,
    fee          INTEGER
);
CREATE INDEX utxo_txs_by_prefix ON utxo_txs (txid_prefix);
CREATE INDEX utxo_txs_by_height ON utxo_txs (block_height);

-- Address keys are stored inline; addr_tag is a 64-bit hash of the key so the address index stays small.
CREATE TABLE utxo_outputs (
    tx_id    INTEGER NOT NULL,
    idx      INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    kind     INTEGER NOT NULL,
    addr_key BLOB,
    addr_tag INTEGER,
    PRIMARY KEY (tx_id, idx)
) WITHOUT ROWID;
CREATE INDEX utxo_outputs_by_address ON utxo_outputs (addr_tag) WHERE addr_tag IS NOT NULL;

CREATE TABLE utxo_inputs (
    tx_id       INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    prev_txid   BLOB    NOT NULL,
    prev_index  INTEGER NOT NULL,
    prev_prefix INTEGER,
    addr_key    BLOB,
    addr_tag    INTEGER,
    value       INTEGER,
    prev_kind   INTEGER,
    source      INTEGER NOT NULL,
    PRIMARY KEY (tx_id, idx)
) WITHOUT ROWID;
CREATE INDEX utxo_inputs_by_address ON utxo_inputs (addr_tag) WHERE addr_tag IS NOT NULL;
CREATE INDEX utxo_inputs_by_prevout ON utxo_inputs (prev_prefix) WHERE prev_prefix IS NOT NULL;
