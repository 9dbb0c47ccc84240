-- Investigation cases, their notes, pins and who-did-what history, as in SQLite's 003_cases. Times are Unix
-- milliseconds. Ids of cases order as bytes ("C"), as SQLite's text does, so both stores list cases alike.
CREATE TABLE cases (
    id text COLLATE "C" PRIMARY KEY,
    title text NOT NULL,
    description text NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'closed')),
    created_by text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
);

CREATE TABLE case_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    text text NOT NULL,
    author text NOT NULL,
    created_at bigint NOT NULL
);

CREATE TABLE case_pins (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('address', 'cluster', 'trace')),
    chain text NOT NULL,
    subject text NOT NULL,
    comment text,
    pinned_by text NOT NULL,
    pinned_at bigint NOT NULL,
    UNIQUE (case_id, kind, chain, subject)
);

CREATE TABLE case_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    actor text NOT NULL,
    action text NOT NULL,
    detail text NOT NULL,
    at bigint NOT NULL
);

CREATE INDEX case_notes_by_case ON case_notes (case_id, id);
CREATE INDEX case_events_by_case ON case_events (case_id, id);
CREATE INDEX cases_by_update ON cases (updated_at DESC, id);
