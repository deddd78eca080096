"""Storage for treatment series and sessions (ketamine sessions and therapy appointments)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from integrate.core.model import Route, Series, Session, SessionKind, SessionStatus, Setting
from integrate.core.timeutil import from_iso, now_local, to_iso, zone
from integrate.vault.db import Connection

_SESSION_COLS = (
    "id, uid, series_id, kind, status, at, tz, route, dose, dose_unit, setting, "
    "support_person, bp_before, bp_after, intention, distress_before, mood_before, "
    "notes"
)
_SERIES_COLS = "id, uid, name, started_on, planned_sessions, ended_on, end_reflection"


def _session_from_row(r: Sequence[object]) -> Session:
    return Session(
        id=int(r[0]),  # type: ignore[call-overload]
        uid=str(r[1]),
        series_id=None if r[2] is None else int(r[2]),  # type: ignore[call-overload]
        kind=SessionKind(str(r[3])),
        status=SessionStatus(str(r[4])),
        at=from_iso(str(r[5])).astimezone(zone(str(r[6]))),
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
        started_on=date.fromisoformat(str(r[3])),
        planned_sessions=None if r[4] is None else int(r[4]),  # type: ignore[call-overload]
        ended_on=None if r[5] is None else date.fromisoformat(str(r[5])),
        end_reflection=str(r[6]),
    )


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
        return [_series_from_row(r) for r in rows]

    def get_series(self, series_id: int) -> Series | None:
        row = self.conn.execute(
            f"SELECT {_SERIES_COLS} FROM series WHERE id = ?", (series_id,)
        ).fetchone()
        return None if row is None else _series_from_row(row)

    def find_series(self, name: str) -> Series | None:
        row = self.conn.execute(
            f"SELECT {_SERIES_COLS} FROM series WHERE name = ? "
            "COLLATE NOCASE ORDER BY started_on DESC",
            (name,),
        ).fetchone()
        return None if row is None else _series_from_row(row)

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
        return None if row is None else _session_from_row(row)

    def list(self, *, kind: SessionKind | None = None) -> list[Session]:
        sql = f"SELECT {_SESSION_COLS} FROM sessions"
        params: tuple[object, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            params = (kind.value,)
        rows = self.conn.execute(sql + " ORDER BY at, id", params).fetchall()
        return [_session_from_row(r) for r in rows]
