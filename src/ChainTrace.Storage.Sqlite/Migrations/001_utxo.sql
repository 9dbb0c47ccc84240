-- UTXO chains (btc). 002_*.sql is reserved for the account-chain (eth) tables; each chain family adds its
-- rollback DELETEs and digest queries through the partial hooks of SqliteGraphStore.

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

-- txid is not unique on Bitcoin (BIP-30 duplicate coinbases at 91812/91842 and 91722/91880): lookups take
-- the newest match. body packs the transaction's outputs and inputs (address keys inline, resolved prevout
-- values) in the binary form of Utxo/TxBody.cs: one row per transaction keeps ingest cheap, and every query
-- reaches a transaction through the lookup tables below and decodes its body.
CREATE TABLE utxo_txs (
    id           INTEGER PRIMARY KEY,
    txid         BLOB    NOT NULL,
    txid_prefix  INTEGER NOT NULL,
    block_height INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    is_coinbase  INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    vsize        INTEGER NOT NULL,
    fee          INTEGER,
    body         BLOB    NOT NULL
);
CREATE INDEX utxo_txs_by_height ON utxo_txs (block_height);

-- Lookup tables keyed by random 64-bit tags. They are written by the store itself (not as SQLite indexes) so
-- each batch can insert its entries sorted by key: sorted inserts hit neighbouring B-tree pages and cost a
-- fraction of the same inserts in row order. Every lookup through a tag also compares the full value.
CREATE TABLE utxo_txid_index (
    prefix INTEGER NOT NULL,
    tx_id  INTEGER NOT NULL,
    PRIMARY KEY (prefix, tx_id)
) WITHOUT ROWID;

-- One row per address and transaction touching it (paid by an output or spending through an input).
CREATE TABLE utxo_address_txs (
    addr_tag INTEGER NOT NULL,
    tx_id    INTEGER NOT NULL,
    PRIMARY KEY (addr_tag, tx_id)
) WITHOUT ROWID;

-- One row per transaction and the txid prefix of each transaction it spends from: answers "spent by".
CREATE TABLE utxo_spends (
    prev_prefix INTEGER NOT NULL,
    tx_id       INTEGER NOT NULL,
    PRIMARY KEY (prev_prefix, tx_id)
) WITHOUT ROWID;
