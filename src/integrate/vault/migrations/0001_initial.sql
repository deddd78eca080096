-- Schema version 1. Times are ISO 8601 text with a UTC offset; dates are YYYY-MM-DD.
-- Every user-visible record has a stable `uid` (hex) used by export/import and calendars.

-- ===== vault =====
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- In-vault settings (JSON values): anything that could reveal something about the patient.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- ===== sessions and series (issue 3) =====
CREATE TABLE series (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    started_on       TEXT NOT NULL,
    planned_sessions INTEGER CHECK (planned_sessions IS NULL OR planned_sessions > 0),
    ended_on         TEXT,
    end_reflection   TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    series_id       INTEGER REFERENCES series(id) ON DELETE SET NULL,
    kind            TEXT NOT NULL DEFAULT 'ketamine' CHECK (kind IN ('ketamine', 'therapy')),
    status          TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('planned', 'done')),
    at              TEXT NOT NULL,
    tz              TEXT NOT NULL,
    route           TEXT CHECK (route IS NULL OR route IN ('iv', 'im', 'sublingual', 'intranasal', 'other')),
    dose            REAL,
    dose_unit       TEXT,
    setting         TEXT CHECK (setting IS NULL OR setting IN ('clinic', 'home', 'other')),
    support_person  INTEGER,
    bp_before       TEXT,
    bp_after        TEXT,
    intention       TEXT NOT NULL DEFAULT '',
    distress_before INTEGER CHECK (distress_before IS NULL OR distress_before BETWEEN 0 AND 10),
    mood_before     INTEGER CHECK (mood_before IS NULL OR mood_before BETWEEN 0 AND 10),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX sessions_at ON sessions(at);
CREATE INDEX sessions_series ON sessions(series_id);

-- Check-ins are derived from sessions by core.schedule; `uid` is the schedule key, so
-- recomputation updates rows in place. States: due, done, skipped, missed, superseded.
CREATE TABLE checkins (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    session_id    INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    series_id     INTEGER REFERENCES series(id) ON DELETE CASCADE,
    phase         TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'due'
                  CHECK (state IN ('due', 'done', 'skipped', 'missed', 'superseded')),
    completed_at  TEXT,
    prompt_ids    TEXT NOT NULL DEFAULT '[]',   -- JSON list of prompt ids shown
    mood          INTEGER CHECK (mood IS NULL OR mood BETWEEN 0 AND 10),
    distress      INTEGER CHECK (distress IS NULL OR distress BETWEEN 0 AND 10),
    sleep_quality INTEGER CHECK (sleep_quality IS NULL OR sleep_quality BETWEEN 0 AND 10),
    intrusions    INTEGER CHECK (intrusions IS NULL OR intrusions >= 0),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX checkins_due ON checkins(due_at);
CREATE INDEX checkins_session ON checkins(session_id);

-- Prompts pinned by the patient (shown again even if already seen in a series).
CREATE TABLE pinned_prompts (
    prompt_id TEXT PRIMARY KEY,
    pinned_at TEXT NOT NULL
);

-- ===== journal (issues 2, 3) =====
CREATE TABLE entries (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    tags_text  TEXT NOT NULL DEFAULT '',       -- denormalised "tag1 tag2" for full-text search
    prompt_id  TEXT,
    checkin_id INTEGER REFERENCES checkins(id) ON DELETE SET NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    flagged    INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX entries_created ON entries(created_at);
CREATE INDEX entries_checkin ON entries(checkin_id);
CREATE INDEX entries_session ON entries(session_id);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX entry_tags_tag ON entry_tags(tag_id);

-- Full-text index inside the encrypted database (external content = entries).
CREATE VIRTUAL TABLE entries_fts USING fts5(
    title, body, tags_text,
    content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
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

-- ===== measures (issue 5) =====
CREATE TABLE measures (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    instrument   TEXT NOT NULL,                 -- resource id, e.g. 'pcl5_week', 'phq9'
    taken_at     TEXT NOT NULL,
    answers      TEXT NOT NULL,                 -- JSON list of ints (null for unanswered optional)
    total        INTEGER,
    result       TEXT NOT NULL DEFAULT '{}',    -- JSON: subscales, band, flags
    series_id    INTEGER REFERENCES series(id) ON DELETE SET NULL,
    crisis_shown INTEGER NOT NULL DEFAULT 0 CHECK (crisis_shown IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX measures_taken ON measures(instrument, taken_at);

-- ===== grounding toolkit and safety plan (issue 4) =====
CREATE TABLE exercise_runs (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    exercise_id TEXT NOT NULL,
    variant     TEXT,
    started_at  TEXT NOT NULL,
    duration_s  REAL NOT NULL DEFAULT 0,
    finished    INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
    suds_before INTEGER CHECK (suds_before IS NULL OR suds_before BETWEEN 0 AND 10),
    suds_after  INTEGER CHECK (suds_after IS NULL OR suds_after BETWEEN 0 AND 10),
    note        TEXT NOT NULL DEFAULT '',
    answers     TEXT,                           -- JSON, only when the patient chose to save
    created_at  TEXT NOT NULL
);
CREATE INDEX exercise_runs_ex ON exercise_runs(exercise_id, started_at);

-- The safety plan is one JSON document (sections with ordered items).
CREATE TABLE safety_plan (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Exercises whose caution the patient has already seen.
CREATE TABLE cautions_seen (
    exercise_id TEXT PRIMARY KEY,
    seen_at     TEXT NOT NULL
);

-- ===== sharing (issue 6) =====
CREATE TABLE shares (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    period_from  TEXT,
    period_to    TEXT,
    recipient    TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL,
    password     INTEGER NOT NULL DEFAULT 0 CHECK (password IN (0, 1)),
    content      TEXT NOT NULL DEFAULT '{}'     -- JSON: sections chosen, options
);

CREATE TABLE share_items (
    share_id  INTEGER NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,                    -- 'entry', 'checkin', 'measure', 'session', ...
    item_uid  TEXT NOT NULL,
    PRIMARY KEY (share_id, item_type, item_uid)
) WITHOUT ROWID;
CREATE INDEX share_items_item ON share_items(item_type, item_uid);

-- ===== reminders (issue 7) =====
-- `item_key` names what is reminded of: 'checkin:<uid>', 'measure:<instrument>:<date>', ...
CREATE TABLE reminders (
    item_key      TEXT PRIMARY KEY,
    snoozed_until TEXT,
    skipped       INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    fired_at      TEXT,
    due_at        TEXT,     -- the due time these marks belong to; a moved item starts afresh
    updated_at    TEXT NOT NULL
);
