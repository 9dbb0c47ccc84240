-- How far each API node's audit journal has been copied into audit_log, as in SQLite's 005_audit_journals.
-- Written in the same transaction as the entries, so recovery after a crash copies each record once.
CREATE TABLE audit_journals (
    journal text PRIMARY KEY,
    position bigint NOT NULL
);
