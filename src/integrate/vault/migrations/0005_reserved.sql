-- Placeholder for schema version 5 (main has 0005_entry_role there now). It changes
-- nothing; it only keeps the numbering without a gap on this branch so that 0006
-- (issue 18) can be applied. Delete this file when merging onto main's 0005.
SELECT 1;
