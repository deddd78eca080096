-- Issue 9: the journal list reads one covering index instead of every entry's whole text.
-- Columns after `body` (created_at, flagged, ...) sit behind its overflow pages, so listing
-- ten years of entries decrypted the whole file (~50 ms and more). `preview` is the start of
-- the body as a virtual generated column: nothing to keep in step by hand, and stored only
-- in this index. PRAGMA table_info does not list it, so backups and exports are unchanged.
ALTER TABLE entries ADD COLUMN preview TEXT GENERATED ALWAYS AS (substr(body, 1, 240)) VIRTUAL;
CREATE INDEX entries_list ON entries(
    created_at, id, uid, title, flagged, tags_text, session_id, checkin_id, preview
);
-- It starts with created_at, so it serves every lookup the old index did; left beside it,
-- the old one misled the planner into reading the table (and so every body) again.
DROP INDEX entries_created;
