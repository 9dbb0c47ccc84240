-- Ethereum blocks stored without traces (the source had no tracer, or the export no traces file): their internal
-- transfers are unknown, and answers say so. Blocks stored before this table existed are listed too: whether
-- their traces were read was not recorded, and not knowing is not evidence of completeness.
CREATE TABLE eth_untraced_blocks (height INTEGER PRIMARY KEY);
INSERT INTO eth_untraced_blocks (height) SELECT height FROM blocks WHERE chain = 2;
