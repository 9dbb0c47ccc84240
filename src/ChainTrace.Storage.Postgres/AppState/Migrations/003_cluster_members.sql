-- cluster-grows baselines: per watchlist and watched subject (as written), whether a baseline exists and its known members.
CREATE TABLE cluster_baselines (
    watchlist text NOT NULL REFERENCES watchlists (id),
    subject text NOT NULL,
    PRIMARY KEY (watchlist, subject)
);

CREATE TABLE cluster_members (
    watchlist text NOT NULL,
    subject text NOT NULL,
    address text NOT NULL,
    PRIMARY KEY (watchlist, subject, address),
    FOREIGN KEY (watchlist, subject) REFERENCES cluster_baselines (watchlist, subject)
);
