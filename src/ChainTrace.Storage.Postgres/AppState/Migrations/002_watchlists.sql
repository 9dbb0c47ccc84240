-- Watchlists, their alerts (one per watchlist and cause key) and webhook deliveries. Times are Unix milliseconds.
CREATE TABLE watchlists (
    id text PRIMARY KEY,
    name text NOT NULL,
    chain text NOT NULL,
    body text NOT NULL,
    created_at bigint NOT NULL
);

CREATE TABLE alerts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    watchlist text NOT NULL REFERENCES watchlists (id),
    rule text NOT NULL,
    cause text NOT NULL,
    txs text NOT NULL,
    amount text NOT NULL,
    entity text,
    raised_at bigint NOT NULL,
    UNIQUE (watchlist, cause)
);

CREATE TABLE webhook_deliveries (
    id text PRIMARY KEY,
    watchlist text NOT NULL REFERENCES watchlists (id),
    alert bigint NOT NULL UNIQUE REFERENCES alerts (id),
    status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL,
    last_status integer,
    last_error text,
    created_at bigint NOT NULL,
    delivered_at bigint
);

CREATE INDEX webhook_deliveries_by_watchlist ON webhook_deliveries (watchlist, created_at);
