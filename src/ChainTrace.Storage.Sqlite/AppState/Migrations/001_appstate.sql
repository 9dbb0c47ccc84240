-- App state: API keys (hashes only) and the append-only audit log. Times are Unix milliseconds (UTC).
CREATE TABLE api_keys (
    name TEXT PRIMARY KEY,
    key_id TEXT NOT NULL UNIQUE,
    key_hash BLOB NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('exchange', 'investigator', 'admin')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER
);

CREATE TABLE audit_log (
    sequence INTEGER PRIMARY KEY,
    time_ms INTEGER NOT NULL,
    key_name TEXT,
    role TEXT,
    endpoint TEXT NOT NULL,
    subject TEXT NOT NULL,
    status INTEGER NOT NULL,
    decision TEXT,
    data_height INTEGER,
    previous_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);

CREATE INDEX audit_log_by_key ON audit_log (key_name, sequence);
CREATE INDEX audit_log_by_subject ON audit_log (subject, sequence);
CREATE INDEX audit_log_by_time ON audit_log (time_ms);

-- Append-only, enforced by the database and not only by the code that writes it: past entries cannot be changed
-- or deleted, and a new entry must extend the chain (next sequence, previous-hash of the last entry).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;

CREATE TRIGGER audit_log_extends_chain BEFORE INSERT ON audit_log
WHEN NEW.sequence IS NOT (SELECT ifnull(max(sequence), 0) + 1 FROM audit_log)
  OR NEW.previous_hash IS NOT ifnull((SELECT hash FROM audit_log WHERE sequence = NEW.sequence - 1), zeroblob(32))
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: a new entry must follow the last one');
END;
