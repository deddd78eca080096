-- Search finds other forms of a word ("brothers" finds "brother"): FTS5's porter stemmer
-- wrapped around the same unicode61 tokenizer, diacritics still folded ("cafe" finds
-- "café"). A tokenizer cannot be changed in place: drop the index and its triggers,
-- create them again, and rebuild the index from `entries` (external content).
DROP TRIGGER IF EXISTS entries_ai;
DROP TRIGGER IF EXISTS entries_ad;
DROP TRIGGER IF EXISTS entries_au;
DROP TABLE IF EXISTS entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5(
    title, body, tags_text,
    content = 'entries', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts(rowid, title, body, tags_text)
    VALUES (new.id, new.title, new.body, new.tags_text);
END;
CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text)
    VALUES ('delete', old.id, old.title, old.body, old.tags_text);
END;
CREATE TRIGGER entries_au AFTER UPDATE OF title, body, tags_text ON entries BEGIN
    INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text)
    VALUES ('delete', old.id, old.title, old.body, old.tags_text);
    INSERT INTO entries_fts(rowid, title, body, tags_text)
    VALUES (new.id, new.title, new.body, new.tags_text);
END;
INSERT INTO entries_fts(entries_fts) VALUES ('rebuild');
