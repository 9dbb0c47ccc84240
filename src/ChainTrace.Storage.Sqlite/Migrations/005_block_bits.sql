-- Bitcoin headers keep their compact proof-of-work target (nBits), so a competing branch is weighed by
-- accumulated work against the stored one before anything is rolled back. Null for rows written before
-- (and for chains without it): the ingestor then weighs branches by length.
ALTER TABLE blocks ADD COLUMN bits INTEGER;
