-- Placeholder for schema version 4 (main has 0004_tracking there now).
-- It changes nothing; it only keeps the numbering without a gap on this branch so that
-- 0006 (issue 18) can be applied. Delete this file when merging onto main's 0004.
SELECT 1;
