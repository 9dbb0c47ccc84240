-- How far each API node's audit journal (a file of acknowledged entries, see AuditJournal) has been copied into
-- audit_log. Written in the same transaction as the entries, so recovery after a crash copies each record once.
CREATE TABLE audit_journals (
    journal TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
