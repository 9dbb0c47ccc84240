-- The subject index of the audit log, kept apart from the log and filled in bulk. Screening writes one entry per
-- request with a random subject (an address): the text index took each one in a random place of a large B-tree,
-- so every commit rewrote about one 4 KiB page per entry (most of the audit log's disk writes and a fifth of a
-- screening's CPU). Here a row is the subject's 8-byte hash with the sequence, grouped by bucket (sequence >> 18):
-- SqliteAppStateStore indexes the entries behind audit_subject_mark in sorted batches of tens of thousands, whose
-- rows land in the pages of one bucket only, and the query reads the few entries past the mark from the log itself.
-- The query checks the subject text too, so a hash collision never returns another subject's entries.
DROP INDEX IF EXISTS audit_log_by_subject;

CREATE TABLE audit_subjects (
    bucket INTEGER NOT NULL,
    subject_hash INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    PRIMARY KEY (bucket, subject_hash, sequence)
) WITHOUT ROWID;

-- The last sequence whose subject is in audit_subjects (the entries after it are indexed by the next batch).
CREATE TABLE audit_subject_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sequence INTEGER NOT NULL
);

INSERT INTO audit_subject_mark (id, sequence) VALUES (1, 0);
