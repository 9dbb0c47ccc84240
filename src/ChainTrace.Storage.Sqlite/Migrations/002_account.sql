-- Account-chain (Ethereum) graph. Block headers (the progress marker) live in the shared blocks table with
-- chain = 2 (eth); transfers are the edges
-- Address -TRANSFER{asset,value,tx,position}-> Address. Values are 32-byte big-endian unsigned integers
-- (wei, token base units); addresses 20 bytes; hashes 32 bytes.
CREATE TABLE IF NOT EXISTS eth_transactions (
    hash      BLOB    PRIMARY KEY,
    height    INTEGER NOT NULL,
    tx_index  INTEGER NOT NULL,
    from_addr BLOB    NOT NULL,
    to_addr   BLOB,
    created   BLOB,
    value     BLOB    NOT NULL,
    succeeded INTEGER,
    gas       INTEGER NOT NULL,
    gas_used  INTEGER,
    fee       BLOB
);
CREATE INDEX IF NOT EXISTS eth_transactions_height ON eth_transactions (height);
CREATE INDEX IF NOT EXISTS eth_transactions_from ON eth_transactions (from_addr);

-- token NULL = native ETH. tx_hash NULL = block-level issuance (reward, withdrawal).
CREATE TABLE IF NOT EXISTS eth_transfers (
    id        INTEGER PRIMARY KEY,
    height    INTEGER NOT NULL,
    tx_hash   BLOB,
    kind      INTEGER NOT NULL,
    position  TEXT    NOT NULL,
    token     BLOB,
    from_addr BLOB    NOT NULL,
    to_addr   BLOB    NOT NULL,
    value     BLOB    NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS eth_transfers_key ON eth_transfers (height, kind, coalesce(tx_hash, x''), position);
CREATE INDEX IF NOT EXISTS eth_transfers_tx ON eth_transfers (tx_hash);
CREATE INDEX IF NOT EXISTS eth_transfers_from ON eth_transfers (from_addr);
CREATE INDEX IF NOT EXISTS eth_transfers_to ON eth_transfers (to_addr);
