"""Storage for after-effects, the sleep diary, substances and medication changes (issue 17).

Every write checks its record with core.tracking's rules first (raising FieldError), so
the screens, the CLI and the importer share one set of ranges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from integrate.core.timeutil import from_iso, now_local, to_iso
from integrate.core.tracking import (
    EFFECT_RATINGS,
    AfterEffects,
    MedicationChange,
    MedicationEvent,
    SleepEntry,
    SubstanceUse,
    check_effects,
    check_medication,
    check_sleep,
    check_substance,
)
from integrate.vault.db import Connection
from integrate.vault.entries import fts_query

_EFFECT_COLS = (
    "a.id, a.uid, a.session_id, s.uid, a.at, a.dissociation, a.nausea, a.headache, "
    "a.dizziness, a.anxiety, a.unreal_24h, a.unreal, a.note"
)
_EFFECT_FROM = " FROM after_effects a JOIN sessions s ON s.id = a.session_id"
_SLEEP_COLS = "id, uid, day, hours, quality, nightmares, nightmare_distress, wakings"


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _effects(r: Sequence[object]) -> AfterEffects:
    return AfterEffects(
        id=int(r[0]),  # type: ignore[call-overload]
        uid=str(r[1]),
        session_id=int(r[2]),  # type: ignore[call-overload]
        session_uid=str(r[3]),
        at=from_iso(str(r[4])),
        dissociation=_int(r[5]),
        nausea=_int(r[6]),
        headache=_int(r[7]),
        dizziness=_int(r[8]),
        anxiety=_int(r[9]),
        unreal_24h=None if r[10] is None else bool(r[10]),
        unreal=_int(r[11]),
        note=str(r[12]),
    )


def _sleep(r: Sequence[object]) -> SleepEntry:
    return SleepEntry(
        id=int(r[0]),  # type: ignore[call-overload]
        uid=str(r[1]),
        day=date.fromisoformat(str(r[2])),
        hours=None if r[3] is None else float(r[3]),  # type: ignore[arg-type]
        quality=_int(r[4]),
        nightmares=_int(r[5]),
        nightmare_distress=_int(r[6]),
        wakings=_int(r[7]),
    )


def _in_range(moment: datetime, first: date | None, last: date | None) -> bool:
    day = moment.date()
    return (first is None or day >= first) and (last is None or day <= last)


@dataclass(frozen=True)
class EffectsHit:
    """An after-effects note that matched a search."""

    effects: AfterEffects
    snippet: str


class TrackingRepository:
    """The four issue-17 tables on an open vault connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- sessions by uid (the CLI names them so)

    def session_id(self, session_uid: str) -> int | None:
        row = self.conn.execute("SELECT id FROM sessions WHERE uid = ?", (session_uid,)).fetchone()
        return None if row is None else int(row[0])

    # -- after-effects

    def save_effects(self, effects: AfterEffects) -> AfterEffects:
        """Insert (no id) or update (id set) one after-effects record."""
        check_effects(effects)
        now = to_iso(now_local())
        values = (
            effects.session_id,
            to_iso(effects.at),
            *(getattr(effects, n) for n in EFFECT_RATINGS),
            None if effects.unreal_24h is None else int(effects.unreal_24h),
            effects.unreal,
            effects.note,
        )
        cols = (
            "session_id, at, dissociation, nausea, headache, dizziness, anxiety, "
            "unreal_24h, unreal, note"
        )
        if effects.id is None:
            cur = self.conn.execute(
                f"INSERT INTO after_effects(uid, {cols}, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (effects.uid, *values, now, now),
            )
            effects.id = int(cur.lastrowid or 0)
        else:
            sets = ", ".join(f"{c} = ?" for c in cols.split(", "))
            self.conn.execute(
                f"UPDATE after_effects SET {sets}, updated_at = ? WHERE id = ?",
                (*values, now, effects.id),
            )
        return effects

    def effects(self, effects_id: int) -> AfterEffects | None:
        row = self.conn.execute(
            f"SELECT {_EFFECT_COLS}{_EFFECT_FROM} WHERE a.id = ?", (effects_id,)
        ).fetchone()
        return None if row is None else _effects(row)

    def effects_for_session(self, session_id: int) -> list[AfterEffects]:
        rows = self.conn.execute(
            f"SELECT {_EFFECT_COLS}{_EFFECT_FROM} WHERE a.session_id = ? ORDER BY a.at, a.id",
            (session_id,),
        ).fetchall()
        return [_effects(r) for r in rows]

    def list_effects(
        self, first: date | None = None, last: date | None = None
    ) -> list[AfterEffects]:
        rows = self.conn.execute(f"SELECT {_EFFECT_COLS}{_EFFECT_FROM} ORDER BY a.at, a.id")
        found = [_effects(r) for r in rows]
        found = [e for e in found if _in_range(e.at, first, last)]
        return sorted(found, key=lambda e: (e.at, e.id or 0))

    def delete_effects(self, effects_id: int) -> None:
        self.conn.execute("DELETE FROM after_effects WHERE id = ?", (effects_id,))

    def search_effects(self, query: str, limit: int = 50) -> list[EffectsHit]:
        """After-effects whose note matches `query` (the journal's search syntax)."""
        match = fts_query(query)
        if not match:
            return []
        rows = self.conn.execute(
            "SELECT rowid, snippet(after_effects_fts, 0, '', '', '…', 12) "
            "FROM after_effects_fts WHERE after_effects_fts MATCH ? "
            "ORDER BY bm25(after_effects_fts), rowid DESC LIMIT ?",
            (match, limit),
        ).fetchall()
        hits = []
        for rowid, snippet in rows:
            effects = self.effects(int(rowid))
            if effects is not None:
                hits.append(EffectsHit(effects, str(snippet)))
        return hits

    # -- sleep diary

    def save_sleep(self, entry: SleepEntry) -> tuple[SleepEntry, bool]:
        """Store the night filed under `entry.day`; a day already there is updated.

        Returns the stored entry and whether it replaced an earlier one.
        """
        check_sleep(entry)
        now = to_iso(now_local())
        values = (
            entry.hours,
            entry.quality,
            entry.nightmares,
            entry.nightmare_distress,
            entry.wakings,
        )
        existing = self.conn.execute(
            "SELECT id, uid FROM sleep_diary WHERE day = ?", (entry.day.isoformat(),)
        ).fetchone()
        if entry.id is not None and (existing is None or int(existing[0]) == entry.id):
            self.conn.execute(
                "UPDATE sleep_diary SET day=?, hours=?, quality=?, nightmares=?, "
                "nightmare_distress=?, wakings=?, updated_at=? WHERE id=?",
                (entry.day.isoformat(), *values, now, entry.id),
            )
            return entry, True
        if existing is not None:
            if entry.id is not None:  # moved onto a day that has its own entry: one wins
                self.conn.execute("DELETE FROM sleep_diary WHERE id = ?", (entry.id,))
            entry.id, entry.uid = int(existing[0]), str(existing[1])
            self.conn.execute(
                "UPDATE sleep_diary SET hours=?, quality=?, nightmares=?, "
                "nightmare_distress=?, wakings=?, updated_at=? WHERE id=?",
                (*values, now, entry.id),
            )
            return entry, True
        cur = self.conn.execute(
            "INSERT INTO sleep_diary(uid, day, hours, quality, nightmares, nightmare_distress, "
            "wakings, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (entry.uid, entry.day.isoformat(), *values, now, now),
        )
        entry.id = int(cur.lastrowid or 0)
        return entry, False

    def sleep_on(self, day: date) -> SleepEntry | None:
        row = self.conn.execute(
            f"SELECT {_SLEEP_COLS} FROM sleep_diary WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return None if row is None else _sleep(row)

    def list_sleep(self, first: date | None = None, last: date | None = None) -> list[SleepEntry]:
        sql = f"SELECT {_SLEEP_COLS} FROM sleep_diary WHERE 1=1"
        params: list[object] = []
        if first is not None:
            sql += " AND day >= ?"
            params.append(first.isoformat())
        if last is not None:
            sql += " AND day <= ?"
            params.append(last.isoformat())
        return [_sleep(r) for r in self.conn.execute(sql + " ORDER BY day", params)]

    def delete_sleep(self, entry_id: int) -> None:
        self.conn.execute("DELETE FROM sleep_diary WHERE id = ?", (entry_id,))

    # -- substances

    def save_substance(self, use: SubstanceUse) -> SubstanceUse:
        check_substance(use)
        now = to_iso(now_local())
        if use.id is None:
            cur = self.conn.execute(
                "INSERT INTO substances(uid, name, kind, amount, at, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?)",
                (use.uid, use.name, use.kind, use.amount, to_iso(use.at), now, now),
            )
            use.id = int(cur.lastrowid or 0)
        else:
            self.conn.execute(
                "UPDATE substances SET name=?, kind=?, amount=?, at=?, updated_at=? WHERE id=?",
                (use.name, use.kind, use.amount, to_iso(use.at), now, use.id),
            )
        return use

    def list_substances(
        self, first: date | None = None, last: date | None = None
    ) -> list[SubstanceUse]:
        rows = self.conn.execute("SELECT id, uid, name, kind, amount, at FROM substances")
        found = [
            SubstanceUse(
                id=int(r[0]),
                uid=str(r[1]),
                name=str(r[2]),
                kind=str(r[3]),
                amount=str(r[4]),
                at=from_iso(str(r[5])),
            )
            for r in rows
        ]
        return sorted(
            (u for u in found if _in_range(u.at, first, last)), key=lambda u: (u.at, u.id or 0)
        )

    def delete_substance(self, use_id: int) -> None:
        self.conn.execute("DELETE FROM substances WHERE id = ?", (use_id,))

    # -- medication changes

    def save_medication(self, event: MedicationEvent) -> MedicationEvent:
        check_medication(event)
        now = to_iso(now_local())
        if event.id is None:
            cur = self.conn.execute(
                "INSERT INTO medication_changes(uid, name, change, dose, at, created_at, "
                "updated_at) VALUES (?,?,?,?,?,?,?)",
                (event.uid, event.name, event.change.value, event.dose, to_iso(event.at), now, now),
            )
            event.id = int(cur.lastrowid or 0)
        else:
            self.conn.execute(
                "UPDATE medication_changes SET name=?, change=?, dose=?, at=?, updated_at=? "
                "WHERE id=?",
                (event.name, event.change.value, event.dose, to_iso(event.at), now, event.id),
            )
        return event

    def list_medication(
        self, first: date | None = None, last: date | None = None
    ) -> list[MedicationEvent]:
        rows = self.conn.execute("SELECT id, uid, name, change, dose, at FROM medication_changes")
        found = [
            MedicationEvent(
                id=int(r[0]),
                uid=str(r[1]),
                name=str(r[2]),
                change=MedicationChange(str(r[3])),
                dose=str(r[4]),
                at=from_iso(str(r[5])),
            )
            for r in rows
        ]
        return sorted(
            (e for e in found if _in_range(e.at, first, last)), key=lambda e: (e.at, e.id or 0)
        )

    def delete_medication(self, event_id: int) -> None:
        self.conn.execute("DELETE FROM medication_changes WHERE id = ?", (event_id,))
