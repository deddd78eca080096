-- Issue 17: what ketamine treatment needs tracked between sessions. Only adds its own
-- tables (so it can be renumbered at merge time). Ranges repeat core/tracking.py's rules
-- as a last guard; the app checks them first and says which field is wrong.

-- After-effects of one session, at one moment (same day, day 1, from the session).
CREATE TABLE after_effects (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    session_id    INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    dissociation  INTEGER CHECK (dissociation IS NULL OR dissociation BETWEEN 0 AND 10),
    nausea        INTEGER CHECK (nausea IS NULL OR nausea BETWEEN 0 AND 10),
    headache      INTEGER CHECK (headache IS NULL OR headache BETWEEN 0 AND 10),
    dizziness     INTEGER CHECK (dizziness IS NULL OR dizziness BETWEEN 0 AND 10),
    anxiety       INTEGER CHECK (anxiety IS NULL OR anxiety BETWEEN 0 AND 10),
    unreal_24h    INTEGER CHECK (unreal_24h IS NULL OR unreal_24h IN (0, 1)),
    unreal        INTEGER CHECK (unreal IS NULL OR unreal BETWEEN 0 AND 10),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX after_effects_session ON after_effects(session_id, at);

-- The free text is searchable like journal entries (inside the encrypted file).
CREATE VIRTUAL TABLE after_effects_fts USING fts5(
    note,
    content = 'after_effects', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER after_effects_ai AFTER INSERT ON after_effects BEGIN
    INSERT INTO after_effects_fts(rowid, note) VALUES (new.id, new.note);
END;
CREATE TRIGGER after_effects_ad AFTER DELETE ON after_effects BEGIN
    INSERT INTO after_effects_fts(after_effects_fts, rowid, note) VALUES ('delete', old.id, old.note);
END;
CREATE TRIGGER after_effects_au AFTER UPDATE OF note ON after_effects BEGIN
    INSERT INTO after_effects_fts(after_effects_fts, rowid, note) VALUES ('delete', old.id, old.note);
    INSERT INTO after_effects_fts(rowid, note) VALUES (new.id, new.note);
END;

-- Sleep diary: one entry per night, filed under the day the patient woke up.
CREATE TABLE sleep_diary (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    day                TEXT NOT NULL UNIQUE,
    hours              REAL CHECK (hours IS NULL OR hours BETWEEN 0 AND 24),
    quality            INTEGER CHECK (quality IS NULL OR quality BETWEEN 0 AND 10),
    nightmares         INTEGER CHECK (nightmares IS NULL OR nightmares BETWEEN 0 AND 99),
    nightmare_distress INTEGER CHECK (nightmare_distress IS NULL OR nightmare_distress BETWEEN 0 AND 10),
    wakings            INTEGER CHECK (wakings IS NULL OR wakings BETWEEN 0 AND 99),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- Alcohol, cannabis, sedatives, stimulants, other: what, how much (free text), when.
CREATE TABLE substances (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'other',
    amount     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX substances_at ON substances(at);

-- Medication started, stopped or dose changed (worth recording for the prescriber).
CREATE TABLE medication_changes (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    change     TEXT NOT NULL CHECK (change IN ('started', 'stopped', 'dose')),
    dose       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX medication_changes_at ON medication_changes(at);
