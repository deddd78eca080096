-- Placeholder for schema version 4, reserved for issue 17's migration (0004_tracking).
-- It changes nothing; it only keeps the numbering without a gap on this branch so that
-- 0005 (issue 18) can be applied. Delete this file when 0004_tracking.sql is merged.
SELECT 1;
