"""Storage for treatment series and sessions (ketamine sessions and therapy appointments)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from integrate.core.model import Route, Series, Session, SessionKind, SessionStatus, Setting
from integrate.core.timeutil import is_known_zone, now_local, stored_date, stored_time, to_iso
from integrate.vault.db import Connection
from integrate.vault.unreadable import READ_ERRORS, UnreadableRecord, note

_SESSION_COLS = (
    "id, uid, series_id, kind, status, at, tz, route, dose, dose_unit, setting, "
    "support_person, bp_before, bp_after, intention, distress_before, mood_before, "
    "notes"
)
_SERIES_COLS = "id, uid, name, started_on, planned_sessions, ended_on, end_reflection"


def _session_from_row(r: Sequence[object]) -> Session:
    """A stored session; raises one of READ_ERRORS for a row readers cannot use."""
    if not is_known_zone(r[6]):
        # The schedule, Today and every date shown depend on the zone being real.
        raise UnreadableRecord("unknown time zone")
    return Session(
        id=int(r[0]),  # type: ignore[call-overload]
        uid=str(r[1]),
        series_id=None if r[2] is None else int(r[2]),  # type: ignore[call-overload]
        kind=SessionKind(str(r[3])),
        status=SessionStatus(str(r[4])),
        at=stored_time(r[5]).astimezone(ZoneInfo(str(r[6]))),
        tz=str(r[6]),
        route=None if r[7] is None else Route(str(r[7])),
        dose=None if r[8] is None else float(r[8]),  # type: ignore[arg-type]
        dose_unit=None if r[9] is None else str(r[9]),
        setting=None if r[10] is None else Setting(str(r[10])),
        support_person=None if r[11] is None else bool(r[11]),
        bp_before=None if r[12] is None else str(r[12]),
        bp_after=None if r[13] is None else str(r[13]),
        intention=str(r[14]),
        distress_before=None if r[15] is None else int(r[15]),  # type: ignore[call-overload]
        mood_before=None if r[16] is None else int(r[16]),  # type: ignore[call-overload]
        notes=str(r[17]),
    )


def _series_from_row(r: Sequence[object]) -> Series:
    return Series(
        id=int(r[0]),  # type: ignore[call-overload]
        uid=str(r[1]),
        name=str(r[2]),
        started_on=stored_date(r[3]),
        planned_sessions=None if r[4] is None else int(r[4]),  # type: ignore[call-overload]
        ended_on=None if r[5] is None else stored_date(r[5]),
        end_reflection=str(r[6]),
    )


def read_sessions(conn: Connection, rows: Iterable[Sequence[object]]) -> list[Session]:
    """The rows that parse; the others are noted as unreadable (vault.unreadable)."""
    out: list[Session] = []
    for r in rows:
        try:
            out.append(_session_from_row(r))
        except READ_ERRORS:
            note(conn, "sessions", r[1])
    return out


def read_series(conn: Connection, rows: Iterable[Sequence[object]]) -> list[Series]:
    """The series rows that parse; the others are noted as unreadable."""
    out: list[Series] = []
    for r in rows:
        try:
            out.append(_series_from_row(r))
        except READ_ERRORS:
            note(conn, "series", r[1])
    return out


def _one(items: list[Session] | list[Series]) -> Any:
    return items[0] if items else None


def _session_values(s: Session) -> tuple[object, ...]:
    return (
        s.series_id,
        s.kind.value,
        s.status.value,
        to_iso(s.at),
        s.tz,
        s.route.value if s.route else None,
        s.dose,
        s.dose_unit,
        s.setting.value if s.setting else None,
        None if s.support_person is None else int(s.support_person),
        s.bp_before,
        s.bp_after,
        s.intention,
        s.distress_before,
        s.mood_before,
        s.notes,
    )


class SessionRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- series

    def add_series(self, series: Series) -> Series:
        now = to_iso(now_local())
        cur = self.conn.execute(
            "INSERT INTO series(uid, name, started_on, planned_sessions, ended_on, "
            "end_reflection, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
            (
                series.uid,
                series.name,
                series.started_on.isoformat(),
                series.planned_sessions,
                series.ended_on.isoformat() if series.ended_on else None,
                series.end_reflection,
                now,
                now,
            ),
        )
        series.id = int(cur.lastrowid or 0)
        return series

    def update_series(self, series: Series) -> None:
        self.conn.execute(
            "UPDATE series SET name=?, started_on=?, planned_sessions=?, ended_on=?, "
            "end_reflection=?, updated_at=? WHERE id=?",
            (
                series.name,
                series.started_on.isoformat(),
                series.planned_sessions,
                series.ended_on.isoformat() if series.ended_on else None,
                series.end_reflection,
                to_iso(now_local()),
                series.id,
            ),
        )

    def delete_series(self, series_id: int) -> None:
        self.conn.execute("DELETE FROM series WHERE id = ?", (series_id,))

    def list_series(self) -> list[Series]:
        rows = self.conn.execute(
            f"SELECT {_SERIES_COLS} FROM series ORDER BY started_on, id"
        ).fetchall()
        return read_series(self.conn, rows)

    def get_series(self, series_id: int) -> Series | None:
        row = self.conn.execute(
            f"SELECT {_SERIES_COLS} FROM series WHERE id = ?", (series_id,)
        ).fetchone()
        return None if row is None else _one(read_series(self.conn, [row]))

    def find_series(self, name: str) -> Series | None:
        row = self.conn.execute(
            f"SELECT {_SERIES_COLS} FROM series WHERE name = ? "
            "COLLATE NOCASE ORDER BY started_on DESC",
            (name,),
        ).fetchall()
        return _one(read_series(self.conn, row))

    # -- sessions

    def add(self, session: Session) -> Session:
        now = to_iso(now_local())
        cur = self.conn.execute(
            f"INSERT INTO sessions(uid, {_SESSION_COLS.split(', ', 2)[2]}, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (session.uid, *_session_values(session), now, now),
        )
        session.id = int(cur.lastrowid or 0)
        return session

    def update(self, session: Session) -> None:
        cols = _SESSION_COLS.split(", ")[2:]
        assignments = ", ".join(f"{c} = ?" for c in cols)
        self.conn.execute(
            f"UPDATE sessions SET {assignments}, updated_at = ? WHERE id = ?",
            (*_session_values(session), to_iso(now_local()), session.id),
        )

    def delete(self, session_id: int) -> None:
        self.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def get(self, session_id: int) -> Session | None:
        row = self.conn.execute(
            f"SELECT {_SESSION_COLS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return None if row is None else _one(read_sessions(self.conn, [row]))

    def list(self, *, kind: SessionKind | None = None) -> list[Session]:
        sql = f"SELECT {_SESSION_COLS} FROM sessions"
        params: tuple[object, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            params = (kind.value,)
        rows = self.conn.execute(sql + " ORDER BY at, id", params).fetchall()
        return read_sessions(self.conn, rows)
