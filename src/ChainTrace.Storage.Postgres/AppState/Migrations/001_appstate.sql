-- App state: API keys (hashes only) and the append-only audit log. Times are Unix milliseconds (UTC), as in SQLite.
CREATE TABLE api_keys (
    name text PRIMARY KEY,
    key_id text NOT NULL UNIQUE,
    key_hash bytea NOT NULL,
    role text NOT NULL CHECK (role IN ('exchange', 'investigator', 'admin')),
    created_at bigint NOT NULL,
    expires_at bigint,
    revoked_at bigint
);

CREATE TABLE audit_log (
    sequence bigint PRIMARY KEY,
    time_ms bigint NOT NULL,
    key_name text,
    role text,
    endpoint text NOT NULL,
    subject text NOT NULL,
    status integer NOT NULL,
    decision text,
    data_height bigint,
    previous_hash bytea NOT NULL,
    hash bytea NOT NULL
);

CREATE INDEX audit_log_by_key ON audit_log (key_name, sequence);
CREATE INDEX audit_log_by_subject ON audit_log (subject, sequence);
CREATE INDEX audit_log_by_time ON audit_log (time_ms);

-- Append-only, enforced by the database and not only by the code that writes it: past entries cannot be changed,
-- deleted or truncated, and a new entry must extend the chain (next sequence, previous-hash of the last entry).
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_log is append-only: entries cannot be changed';
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: entries cannot be deleted';
END $$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE FUNCTION audit_log_extends_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sequence IS DISTINCT FROM (SELECT coalesce(max(sequence), 0) + 1 FROM audit_log)
       OR NEW.previous_hash IS DISTINCT FROM coalesce((SELECT hash FROM audit_log WHERE sequence = NEW.sequence - 1), decode(repeat('00', 32), 'hex')) THEN
        RAISE EXCEPTION 'audit_log is append-only: a new entry must follow the last one';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_log_extends_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_extends_chain();
