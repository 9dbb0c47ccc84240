-- The subject index is append-only too, enforced by the database: a row deleted or changed behind the code's back
-- would hide an audit entry from GET /v1/audit?subject= while the hash-chained log itself stayed intact. Rows are
-- added only for logged entries past the mark, and the mark only moves forward.
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
BEGIN
    SELECT RAISE(ABORT, 'audit_subjects is append-only: index rows cannot be changed');
END;

CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
BEGIN
    SELECT RAISE(ABORT, 'audit_subjects is append-only: index rows cannot be deleted');
END;

CREATE TRIGGER audit_subjects_past_the_mark BEFORE INSERT ON audit_subjects
WHEN NEW.sequence <= (SELECT sequence FROM audit_subject_mark WHERE id = 1)
  OR NOT EXISTS (SELECT 1 FROM audit_log WHERE sequence = NEW.sequence)
BEGIN
    SELECT RAISE(ABORT, 'audit_subjects is append-only: a row indexes a logged entry past the mark');
END;

CREATE TRIGGER audit_subject_mark_forward BEFORE UPDATE ON audit_subject_mark
WHEN NEW.sequence < OLD.sequence OR NEW.id IS NOT OLD.id
BEGIN
    SELECT RAISE(ABORT, 'audit_subject_mark only moves forward');
END;

CREATE TRIGGER audit_subject_mark_no_delete BEFORE DELETE ON audit_subject_mark
BEGIN
    SELECT RAISE(ABORT, 'audit_subject_mark cannot be deleted');
END;
