-- cluster-grows baselines: per watchlist and watched subject (as written), whether a baseline exists and its known members.
CREATE TABLE cluster_baselines (
    watchlist TEXT NOT NULL REFERENCES watchlists (id),
    subject TEXT NOT NULL,
    PRIMARY KEY (watchlist, subject)
);

CREATE TABLE cluster_members (
    watchlist TEXT NOT NULL,
    subject TEXT NOT NULL,
    address TEXT NOT NULL,
    PRIMARY KEY (watchlist, subject, address),
    FOREIGN KEY (watchlist, subject) REFERENCES cluster_baselines (watchlist, subject)
);
