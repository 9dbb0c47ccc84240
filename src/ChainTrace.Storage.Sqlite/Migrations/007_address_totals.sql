-- Per-address totals of the UTXO chain, maintained by the writer batch by batch (Utxo/AddressTotals.cs), so an
-- address summary is one row read instead of decoding the address's whole history. A transaction counts once
-- per address it touches (as output, input or both). unknown_inputs counts spends whose value is unknown.
CREATE TABLE utxo_address_totals (
    addr_key       BLOB    PRIMARY KEY,
    tx_count       INTEGER NOT NULL,
    received       INTEGER NOT NULL,
    sent           INTEGER NOT NULL,
    unknown_inputs INTEGER NOT NULL,
    first_height   INTEGER NOT NULL,
    last_height    INTEGER NOT NULL
) WITHOUT ROWID;

-- Work the store does on open after a migration that SQL alone cannot do: a store written before this migration
-- has transactions but no totals, and the totals come from decoding their bodies.
CREATE TABLE IF NOT EXISTS store_pending_tasks (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO store_pending_tasks (name) SELECT 'utxo-address-totals' WHERE EXISTS (SELECT 1 FROM utxo_txs);
