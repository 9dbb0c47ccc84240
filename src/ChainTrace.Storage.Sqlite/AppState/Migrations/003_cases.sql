-- Investigation cases, their notes, pins and who-did-what history. Times are Unix milliseconds.
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE case_notes (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE case_pins (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('address', 'cluster', 'trace')),
    chain TEXT NOT NULL,
    subject TEXT NOT NULL,
    comment TEXT,
    pinned_by TEXT NOT NULL,
    pinned_at INTEGER NOT NULL,
    UNIQUE (case_id, kind, chain, subject)
);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    at INTEGER NOT NULL
);

CREATE INDEX case_notes_by_case ON case_notes (case_id, id);
CREATE INDEX case_events_by_case ON case_events (case_id, id);
