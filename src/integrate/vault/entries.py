"""Journal entries: storage, tags and full-text search (FTS5 inside the encrypted DB)."""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from integrate.core.model import Entry, EntryRole, new_uid
from integrate.core.timeutil import now_local, stored_time, to_iso
from integrate.vault.db import Connection, transaction
from integrate.vault.unreadable import READ_ERRORS, note

MAX_TAG_LENGTH = 40
_TAG_CLEAN = re.compile(r"[\s,]+")


def normalise_tag(tag: str) -> str:
    """Tags are single words: whitespace/commas become '-', trimmed, at most 40 chars."""
    cleaned = _TAG_CLEAN.sub("-", tag.strip()).strip("-#")
    return cleaned[:MAX_TAG_LENGTH]


def link_tags(conn: Connection, entry_id: int, tags: list[str]) -> None:
    """Give the entry `tags` (already clean), adding any tag not yet known; tags it has
    already are kept."""
    for tag in tags:
        conn.execute("INSERT INTO tags(name) VALUES (?) ON CONFLICT(name) DO NOTHING", (tag,))
        conn.execute(
            "INSERT OR IGNORE INTO entry_tags(entry_id, tag_id) "
            "SELECT ?, id FROM tags WHERE name = ?",
            (entry_id, tag),
        )


def _row_to_entry(row: Sequence[object], tags: list[str]) -> Entry:
    (id_, uid, title, body, prompt_id, checkin_id, session_id, flagged, created, updated) = row[:10]
    role = row[10] if len(row) > 10 else None
    return Entry(
        id=int(id_),  # type: ignore[call-overload]
        uid=str(uid),
        title=str(title),
        body=str(body),
        prompt_id=prompt_id if prompt_id is None else str(prompt_id),
        checkin_id=checkin_id if checkin_id is None else int(checkin_id),  # type: ignore[call-overload]
        session_id=session_id if session_id is None else int(session_id),  # type: ignore[call-overload]
        flagged=bool(flagged),
        created_at=stored_time(created),
        updated_at=stored_time(updated),
        tags=tags,
        role=_role(role),
    )


def _role(value: object) -> EntryRole | None:
    try:
        return None if value is None else EntryRole(str(value))
    except ValueError:  # a role from a newer version: the entry is shown as a plain one
        return None


def _entries(conn: Connection, rows: Iterable[Sequence[object]], tags: Any) -> list[Entry]:
    """Entries from rows; a row whose times cannot be read is noted and left out."""
    out: list[Entry] = []
    for row in rows:
        try:
            out.append(_row_to_entry(row, tags(int(row[0]))))  # type: ignore[call-overload]
        except READ_ERRORS:
            note(conn, "entries", row[1])
    return out


_COLUMNS = (
    "id, uid, title, body, prompt_id, checkin_id, session_id, flagged, created_at, updated_at, role"
)


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    uid: str
    title: str
    snippet: str  # plain text; matches are wrapped in the markers passed to search()
    created_at: datetime
    flagged: bool


class EntryRepository:
    """CRUD and search for journal entries on an open vault connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- writing

    def add(self, entry: Entry) -> Entry:
        """Insert `entry` (new uid/timestamps filled in) and return it with its id."""
        now = now_local()
        entry.created_at = entry.created_at or now
        entry.updated_at = entry.updated_at or entry.created_at
        entry.uid = entry.uid or new_uid()
        tags = _unique_tags(entry.tags)
        with transaction(self.conn):
            cur = self.conn.execute(
                "INSERT INTO entries(uid, title, body, tags_text, prompt_id, checkin_id, "
                "session_id, flagged, created_at, updated_at, role) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    entry.uid,
                    entry.title,
                    entry.body,
                    " ".join(tags),
                    entry.prompt_id,
                    entry.checkin_id,
                    entry.session_id,
                    int(entry.flagged),
                    to_iso(entry.created_at),
                    to_iso(entry.updated_at),
                    None if entry.role is None else str(entry.role),
                ),
            )
            entry.id = int(cur.lastrowid or 0)
            link_tags(self.conn, entry.id, tags)
        entry.tags = tags
        return entry

    def save_text(self, entry_id: int, title: str, body: str) -> bool:
        """The autosave path: one small UPDATE (FTS kept in sync by triggers).

        Returns False if no such entry exists (deleted meanwhile), so the caller can
        keep the words some other way instead of writing them into nothing.
        """
        cur = self.conn.execute(
            "UPDATE entries SET title = ?, body = ?, updated_at = ? WHERE id = ?",
            (title, body, to_iso(now_local()), entry_id),
        )
        return cur.rowcount > 0

    def set_flagged(self, entry_id: int, flagged: bool) -> None:
        self.conn.execute(
            "UPDATE entries SET flagged = ?, updated_at = ? WHERE id = ?",
            (int(flagged), to_iso(now_local()), entry_id),
        )

    def set_tags(self, entry_id: int, tags: Iterable[str]) -> list[str]:
        clean = _unique_tags(tags)
        with transaction(self.conn):
            self.conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
            link_tags(self.conn, entry_id, clean)
            self.conn.execute(
                "UPDATE entries SET tags_text = ?, updated_at = ? WHERE id = ?",
                (" ".join(clean), to_iso(now_local()), entry_id),
            )
        return clean

    def delete(self, entry_id: int) -> Entry | None:
        """Delete and return the entry as it was (so the UI can offer undo via `restore`)."""
        entry = self.get(entry_id)
        if entry is not None:
            self.conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            self.conn.execute(
                "DELETE FROM tags WHERE id NOT IN (SELECT DISTINCT tag_id FROM entry_tags)"
            )
        return entry

    def restore(self, entry: Entry) -> Entry:
        """Put back an entry returned by `delete` with its uid and timestamps.

        A link to a check-in or session deleted in the meantime is dropped (as the
        database's ON DELETE SET NULL would have done): the words always come back.
        """
        entry.id = None
        for attr, table in (("checkin_id", "checkins"), ("session_id", "sessions")):
            linked = getattr(entry, attr)
            if (
                linked is not None
                and not self.conn.execute(
                    f"SELECT 1 FROM {table} WHERE id = ?", (linked,)
                ).fetchone()
            ):
                setattr(entry, attr, None)
        return self.add(entry)

    # -- reading

    def get(self, entry_id: int) -> Entry | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        found = _entries(self.conn, [row] if row else [], self.tags_of)
        return found[0] if found else None

    def get_by_uid(self, uid: str) -> Entry | None:
        row = self.conn.execute("SELECT id FROM entries WHERE uid = ?", (uid,)).fetchone()
        return None if row is None else self.get(int(row[0]))

    def tags_of(self, entry_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT t.name FROM tags t JOIN entry_tags et ON et.tag_id = t.id "
            "WHERE et.entry_id = ? ORDER BY t.name",
            (entry_id,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def all_tags(self) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT t.name, count(*) FROM tags t JOIN entry_tags et ON et.tag_id = t.id "
            "GROUP BY t.id ORDER BY t.name"
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def list_between(self, start: datetime, end: datetime) -> list[Entry]:
        """Entries written in [start, end), oldest first, in two queries (rows, then tags).

        Stored times carry their own UTC offset; SQLite's julianday() reads the offset,
        so entries written in another zone (travel, a DST change) are compared correctly.
        """
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM entries "
            "WHERE julianday(created_at) >= julianday(?) AND julianday(created_at) < julianday(?) "
            "ORDER BY julianday(created_at), id",
            (to_iso(start), to_iso(end)),
        ).fetchall()
        tags: dict[int, list[str]] = {}
        if rows:
            for entry_id, name in self.conn.execute(
                "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
                "JOIN entries e ON e.id = et.entry_id "
                "WHERE julianday(e.created_at) >= julianday(?) "
                "AND julianday(e.created_at) < julianday(?) ORDER BY t.name",
                (to_iso(start), to_iso(end)),
            ):
                tags.setdefault(int(entry_id), []).append(str(name))
        return [_row_to_entry(r, tags.get(int(r[0]), [])) for r in rows]

    def list_recent(self, limit: int = 50, offset: int = 0) -> list[Entry]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM entries ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return _entries(self.conn, rows, self.tags_of)

    def search(
        self,
        query: str,
        *,
        tag: str | None = None,
        limit: int = 50,
        marks: tuple[str, str] = ("[", "]"),
    ) -> list[SearchHit]:
        """Full-text search. `query` is what the patient typed (see `fts_query`).

        Best matches first (bm25; equal scores newest entry first), ranked from the
        full-text index alone: snippets and rows are read only for the `limit` returned.
        """
        match = fts_query(query)
        if not match:
            return []
        where = ""
        params: list[object] = [match]
        if tag:
            where = (
                " AND +rowid IN (SELECT et.entry_id FROM entry_tags et JOIN tags t "
                "ON t.id = et.tag_id WHERE t.name = ?)"
            )
            params.append(normalise_tag(tag))
        sql = (
            f"WITH top AS ({_RANKED_IDS.format(where=where)} LIMIT ?) "
            "SELECT e.id, e.uid, e.title, "
            "snippet(entries_fts, 1, ?, ?, '…', 12), e.created_at, e.flagged "
            "FROM top JOIN entries_fts ON entries_fts.rowid = top.id "
            "JOIN entries e ON e.id = top.id "
            "WHERE entries_fts MATCH ? ORDER BY top.score, top.id DESC"
        )
        params += [limit, marks[0], marks[1], match]
        hits: list[SearchHit] = []
        for r in self.conn.execute(sql, params).fetchall():
            try:
                created = stored_time(r[4])
            except READ_ERRORS:
                note(self.conn, "entries", r[1])
                continue
            hits.append(
                SearchHit(int(r[0]), str(r[1]), str(r[2]), str(r[3] or ""), created, bool(r[5]))
            )
        return hits


def _unique_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in tags:
        clean = normalise_tag(tag)
        if clean and clean.lower() not in seen:
            seen[clean.lower()] = clean
    return sorted(seen.values(), key=str.lower)


# Matching entry ids with their score, best first: the full-text index alone, no row of
# `entries` read (ranking all 3,000 matches of "ca*" by bm25 costs ~3 ms; snippets and
# the columns behind each body's overflow pages, for every match, cost ~25 ms more).
# Equal scores: the newest entry (highest id) first, so pages never overlap.
# Restrictions are written `+rowid IN (...)`: a plain `rowid IN` is handed to FTS5,
# which then runs one full-text query per listed id (a tag filter took ~17 ms, now <1).
_RANKED_IDS = (
    "SELECT rowid AS id, bm25(entries_fts, 4.0, 1.0, 2.0) AS score FROM entries_fts "
    "WHERE entries_fts MATCH ?{where} ORDER BY score, rowid DESC"
)

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def fts_query(text: str) -> str:
    """Turn what a patient typed into a safe FTS5 query.

    Words are ANDed; "quoted words" are phrases; a trailing * makes a prefix
    search. Every term is quoted, so FTS5 operators and punctuation in the input
    are treated as text, never as query syntax.
    """
    # SQLite ends a string at NUL ("unterminated string"); other controls are never words.
    text = _CONTROL.sub(" ", text)
    parts: list[str] = []
    for phrase, word in _TOKEN.findall(text):
        if phrase:
            inner = phrase.strip()
            if inner:
                parts.append('"' + inner.replace('"', '""') + '"')
            continue
        prefix = word.endswith("*")
        term = word.rstrip("*").replace('"', "")
        if not term.strip("*"):
            continue
        quoted = '"' + term + '"'
        parts.append(quoted + ("*" if prefix else ""))
    return " ".join(parts)


# -- the journal view: paged, filtered listing with grouping information


@dataclass(frozen=True)
class JournalFilter:
    """What the journal list shows. Empty fields mean "no restriction"."""

    query: str = ""  # full-text search (see fts_query); non-empty switches to relevance order
    tag: str | None = None
    flagged_only: bool = False
    phase: str | None = None  # a Phase value, via the entry's linked check-in
    date_from: date | None = None  # inclusive, the local calendar date the entry was written
    date_to: date | None = None  # inclusive

    @property
    def searching(self) -> bool:
        return bool(fts_query(self.query))

    @property
    def active(self) -> bool:
        return bool(
            self.query.strip()
            or self.tag
            or self.flagged_only
            or self.phase
            or self.date_from
            or self.date_to
        )


class EntryRow(NamedTuple):
    """One line of the journal list: enough to show it, not the whole body.

    A NamedTuple (immutable, `_replace` for changes): ten years are thousands of rows,
    and a frozen dataclass costs three times as much to create."""

    id: int
    uid: str
    title: str
    preview: str  # the start of the body
    snippet: str | None  # search mode: text around the match, with the markers passed in
    created_at: datetime
    flagged: bool
    tags: tuple[str, ...]
    group_session_id: int | None  # linked session, else the session whose window it falls in
    phase: str | None  # phase of the linked check-in
    # (created_at as stored, id): where the next page starts (keyset paging).
    sort_key: tuple[str, int] = ("", 0)


@dataclass(frozen=True)
class SessionInfo:
    """What a group header needs to name a session."""

    id: int
    at: datetime
    series_name: str | None
    number: int | None  # 1-based position among the series' ketamine sessions
    kind: str


@dataclass(frozen=True)
class EntryLinks:
    """Where an entry came from and whether it has been shared."""

    session: SessionInfo | None
    checkin_phase: str | None
    checkin_due: datetime | None
    shared_on: tuple[datetime, ...]


PREVIEW_CHARS = 240

# The group of an entry linked to neither a session nor a check-in (the window it was
# written in) is found in Python by `SessionWindows`: as a correlated subquery it compared
# every entry with every session (0.2 s for ten years of entries).
# `e.preview` (migration 0002) is substr(body, 1, PREVIEW_CHARS), kept in the covering
# index entries_list with every other column read here.
_ROW_SELECT = (
    "SELECT e.id, e.uid, e.title, e.preview, {snippet}, e.created_at, "
    "e.flagged, e.tags_text, COALESCE(e.session_id, c.session_id), c.phase "
)


class SessionWindows:
    """Done ketamine sessions by start instant: which one's window a moment falls in."""

    def __init__(self, conn: Connection) -> None:
        rows = conn.execute(
            "SELECT at, id, uid FROM sessions WHERE kind = 'ketamine' AND status = 'done'"
        ).fetchall()
        # POSIX timestamps: comparing aware datetimes converts both to UTC every time.
        starts: list[tuple[float, int]] = []
        for at, sid, uid in rows:
            try:
                starts.append((stored_time(at).timestamp(), int(sid)))
            except READ_ERRORS:
                note(conn, "sessions", uid)
        ordered = sorted(starts)
        self._starts = [at for at, _sid in ordered]
        self._ids = [sid for _at, sid in ordered]

    def session_at(self, moment: datetime) -> int | None:
        """The latest done session that started at or before `moment` (instants)."""
        i = bisect_right(self._starts, moment.timestamp())
        return self._ids[i - 1] if i else None


def _filter_sql(flt: JournalFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if flt.tag:
        clauses.append(
            "e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t "
            "ON t.id = et.tag_id WHERE t.name = ?)"
        )
        params.append(normalise_tag(flt.tag))
    if flt.flagged_only:
        clauses.append("e.flagged = 1")
    if flt.phase:
        clauses.append("c.phase = ?")
        params.append(flt.phase)
    # The date the patient wrote it, as their calendar showed it then.
    if flt.date_from:
        clauses.append("substr(e.created_at, 1, 10) >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        clauses.append("substr(e.created_at, 1, 10) <= ?")
        params.append(flt.date_to.isoformat())
    return "".join(" AND " + c for c in clauses), params


def _restrict(where: str) -> str:
    """The journal filter's clauses as a restriction on full-text rowids ('' for none)."""
    if not where:
        return ""
    return (
        " AND +rowid IN (SELECT e.id FROM entries e "
        "LEFT JOIN checkins c ON c.id = e.checkin_id WHERE 1" + where + ")"
    )


def _ranked_ids(match: str, where: str, params: list[object]) -> tuple[str, list[object]]:
    """`_RANKED_IDS` for `match`, restricted by the journal filter's clauses (if any)."""
    return _RANKED_IDS.format(where=_restrict(where)), [match, *params]


def _entry_row(r: Sequence[object], windows: SessionWindows) -> EntryRow:
    entry_id, created = int(r[0]), str(r[5])  # type: ignore[call-overload]
    created_at = stored_time(created)
    return EntryRow(
        id=entry_id,
        uid=str(r[1]),
        title=str(r[2]),
        preview=str(r[3] or ""),
        snippet=None if r[4] is None else str(r[4]),
        created_at=created_at,
        flagged=bool(r[6]),
        tags=tuple(str(r[7]).split()),
        group_session_id=windows.session_at(created_at) if r[8] is None else int(r[8]),  # type: ignore[call-overload]
        phase=None if r[9] is None else str(r[9]),
        sort_key=(created, entry_id),
    )


def list_page(
    conn: Connection,
    flt: JournalFilter,
    *,
    limit: int,
    offset: int = 0,
    after: EntryRow | None = None,
    marks: tuple[str, str] = ("\x02", "\x03"),
    windows: SessionWindows | None = None,
) -> list[EntryRow]:
    """One page of the journal list: newest first, or by relevance when searching.

    Newest first, `after` (the last row of the previous page) continues from there
    (keyset paging: no rows read and skipped); `offset` is for relevance order.
    `windows` (sessions by start) may be kept by a caller that asks for many pages.
    """
    where, params = _filter_sql(flt)
    match = fts_query(flt.query)
    if not match:
        return _newest_first(conn, where, params, limit, offset, after, windows)
    # Rank from the full-text index, then read rows and snippets for this page only.
    ranked, ranked_params = _ranked_ids(match, where, params)
    sql = (
        f"WITH top AS ({ranked} LIMIT ? OFFSET ?) "
        + _ROW_SELECT.format(snippet="snippet(entries_fts, -1, ?, ?, '…', 16)")
        + "FROM top JOIN entries_fts ON entries_fts.rowid = top.id "
        "JOIN entries e ON e.id = top.id "
        "LEFT JOIN checkins c ON c.id = e.checkin_id "
        "WHERE entries_fts MATCH ? ORDER BY top.score, top.id DESC"
    )
    all_params: list[object] = [*ranked_params, limit, offset, marks[0], marks[1], match]
    rows = conn.execute(sql, all_params).fetchall()
    windows = windows or SessionWindows(conn)
    page: list[EntryRow] = []
    for r in rows:
        try:
            page.append(_entry_row(r, windows))
        except READ_ERRORS:
            # Left out of this page of search results (the page may be one row short).
            note(conn, "entries", r[1])
    return page


def _newest_first(
    conn: Connection,
    where: str,
    params: list[object],
    limit: int,
    offset: int,
    after: EntryRow | None,
    windows: SessionWindows | None,
) -> list[EntryRow]:
    """The journal list, newest first. A row that cannot be read is left out and the page
    is filled from the rows after it, so a short page still means "no more entries"."""
    windows = windows or SessionWindows(conn)
    page: list[EntryRow] = []
    key = after.sort_key if after is not None else None
    while True:
        clause = where + (" AND (e.created_at, e.id) < (?, ?)" if key is not None else "")
        sql = (
            _ROW_SELECT.format(snippet="NULL")
            + "FROM entries e LEFT JOIN checkins c ON c.id = e.checkin_id WHERE 1"
            + clause
            + " ORDER BY e.created_at DESC, e.id DESC LIMIT ? OFFSET ?"
        )
        wanted = limit - len(page)
        rows = conn.execute(sql, [*params, *(key or ()), wanted, offset]).fetchall()
        for r in rows:
            try:
                page.append(_entry_row(r, windows))
            except READ_ERRORS:
                note(conn, "entries", r[1])
        if len(rows) < wanted or len(page) >= limit or not rows:
            return page
        last = rows[-1]
        key, offset = (str(last[5]), int(last[0])), 0


def count_matching(conn: Connection, flt: JournalFilter) -> int:
    """How many entries `list_page` would return in all."""
    where, params = _filter_sql(flt)
    match = fts_query(flt.query)
    if match:
        sql = "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?" + _restrict(where)
        params = [match, *params]
    else:
        sql = (
            "SELECT count(*) FROM entries e LEFT JOIN checkins c ON c.id = e.checkin_id "
            "WHERE 1" + where
        )
    return int(conn.execute(sql, params).fetchone()[0])


def matches_filter(conn: Connection, flt: JournalFilter, entry_id: int) -> bool:
    """Whether entry `entry_id` is among what `list_page` returns for `flt` (so the
    journal can stop showing an entry a new search or filter leaves out)."""
    where, params = _filter_sql(flt)
    where += " AND e.id = ?"
    params = [*params, entry_id]
    match = fts_query(flt.query)
    if match:
        sql = "SELECT 1 FROM entries_fts WHERE entries_fts MATCH ?" + _restrict(where)
        params = [match, *params]
    else:
        sql = "SELECT 1 FROM entries e LEFT JOIN checkins c ON c.id = e.checkin_id WHERE 1" + where
    return conn.execute(sql + " LIMIT 1", params).fetchone() is not None


def session_infos(conn: Connection) -> dict[int, SessionInfo]:
    """Every session with its series name and number, for group headers (one query).

    Ketamine sessions are numbered across the whole history, in any series or none, as
    `core.window.session_number` does: done ones count; a planned one gets the next."""
    rows = conn.execute(
        "SELECT s.id, s.at, sr.name, s.kind, s.uid, s.status FROM sessions s "
        "LEFT JOIN series sr ON sr.id = s.series_id ORDER BY julianday(s.at), s.id"
    ).fetchall()
    done = 0
    infos: dict[int, SessionInfo] = {}
    for sid, at, series_name, kind, uid, status in rows:
        try:
            when = stored_time(at)
        except READ_ERRORS:
            note(conn, "sessions", uid)
            continue
        number: int | None = None
        if kind == "ketamine":
            if status == "done":
                done += 1
                number = done
            else:
                number = done + 1
        infos[int(sid)] = SessionInfo(
            int(sid),
            when,
            None if series_name is None else str(series_name),
            number,
            str(kind),
        )
    return infos


def entry_links(conn: Connection, entry: Entry) -> EntryLinks:
    """The session/check-in an entry is linked to and when it was shared (read-only)."""
    phase: str | None = None
    due: datetime | None = None
    session_id = entry.session_id
    if entry.checkin_id is not None:
        row = conn.execute(
            "SELECT phase, due_at, session_id FROM checkins WHERE id = ?", (entry.checkin_id,)
        ).fetchone()
        with contextlib.suppress(*READ_ERRORS):
            if row is not None:
                phase, due = str(row[0]), stored_time(row[1])
                if session_id is None and row[2] is not None:
                    session_id = int(row[2])
    info = session_infos(conn).get(session_id) if session_id is not None else None
    shared = conn.execute(
        "SELECT DISTINCT s.created_at FROM share_items si JOIN shares s ON s.id = si.share_id "
        "WHERE si.item_type = 'entry' AND si.item_uid = ? ORDER BY s.created_at",
        (entry.uid,),
    ).fetchall()
    dates: list[datetime] = []
    for (stamp,) in shared:
        with contextlib.suppress(*READ_ERRORS):
            dates.append(stored_time(stamp))
    return EntryLinks(info, phase, due, tuple(dates))
