-- Watchlists, their alerts (one per watchlist and cause key) and webhook deliveries. Times are Unix milliseconds.
CREATE TABLE watchlists (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    chain TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    watchlist TEXT NOT NULL REFERENCES watchlists (id),
    rule TEXT NOT NULL,
    cause TEXT NOT NULL,
    txs TEXT NOT NULL,
    amount TEXT NOT NULL,
    entity TEXT,
    raised_at INTEGER NOT NULL,
    UNIQUE (watchlist, cause)
);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    watchlist TEXT NOT NULL REFERENCES watchlists (id),
    alert INTEGER NOT NULL UNIQUE REFERENCES alerts (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL,
    last_status INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER
);

CREATE INDEX webhook_deliveries_by_watchlist ON webhook_deliveries (watchlist, created_at);
