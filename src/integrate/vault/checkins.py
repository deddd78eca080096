"""Stored check-ins: the integration schedule applied to the `checkins` table.

`core.schedule` decides which check-ins exist and when; this module keeps the table in
step with it (`sync_schedule`) and records what the patient did (`complete`, `skip`).
Due times are stored in UTC, so text order is time order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from integrate.core.model import CheckIn, CheckInState, Entry, Phase
from integrate.core.prompts import RATING_IDS
from integrate.core.schedule import ScheduleConfig, compute_schedule, mark_missed, reconcile
from integrate.core.timeutil import now_local, stored_time, to_iso
from integrate.vault.db import Connection, transaction
from integrate.vault.entries import EntryRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.unreadable import READ_ERRORS, collecting, note
from integrate.vault.vault import Vault

SETTING_KEY = "schedule"
# Due "now" includes a check-in due this very second.
_EPSILON = timedelta(seconds=1)

_COLS = (
    "c.id, c.uid, c.phase, c.due_at, c.state, c.session_id, c.series_id, s.uid, r.uid, "
    "c.completed_at, c.prompt_ids, c.mood, c.distress, c.sleep_quality, c.intrusions"
)
_FROM = (
    " FROM checkins c LEFT JOIN sessions s ON s.id = c.session_id "
    "LEFT JOIN series r ON r.id = c.series_id"
)


class SettingsStore(Protocol):
    """What schedule settings need from a vault (Vault satisfies it)."""

    def get_setting(self, name: str, default: Any = None) -> Any: ...

    def set_setting(self, name: str, value: Any) -> None: ...


def load_schedule_config(store: SettingsStore) -> ScheduleConfig:
    """The patient's schedule settings, or the defaults if none (or unreadable) are stored."""
    data = store.get_setting(SETTING_KEY)
    if not isinstance(data, dict):
        return ScheduleConfig()
    try:
        return ScheduleConfig.from_dict(data)
    except (ValueError, TypeError):
        return ScheduleConfig()


def save_schedule_config(store: SettingsStore, config: ScheduleConfig) -> None:
    store.set_setting(SETTING_KEY, config.to_dict())


@dataclass(frozen=True)
class StoredCheckin:
    """One row of `checkins` with what the patient recorded."""

    id: int
    uid: str  # the schedule key
    phase: Phase
    due_at: datetime  # aware, UTC
    state: CheckInState
    session_id: int | None
    series_id: int | None
    session_uid: str | None
    series_uid: str | None
    completed_at: datetime | None
    prompt_ids: tuple[str, ...]
    ratings: Mapping[str, int | None] = field(default_factory=dict)

    def to_checkin(self) -> CheckIn:
        return CheckIn(
            key=self.uid,
            phase=self.phase,
            due_at=self.due_at,
            session_uid=self.session_uid,
            series_uid=self.series_uid,
            state=self.state,
            id=self.id,
        )

    @property
    def is_open(self) -> bool:
        """Still offered to the patient (due, or missed but answerable)."""
        return self.state in (CheckInState.DUE, CheckInState.MISSED)


def _row(r: Sequence[Any]) -> StoredCheckin:
    try:
        prompts = tuple(str(p) for p in json.loads(r[10] or "[]"))
    except (ValueError, TypeError):
        prompts = ()
    return StoredCheckin(
        id=int(r[0]),
        uid=str(r[1]),
        phase=Phase(str(r[2])),
        due_at=stored_time(r[3]).astimezone(UTC),
        state=CheckInState(str(r[4])),
        session_id=None if r[5] is None else int(r[5]),
        series_id=None if r[6] is None else int(r[6]),
        session_uid=None if r[7] is None else str(r[7]),
        series_uid=None if r[8] is None else str(r[8]),
        completed_at=None if r[9] is None else stored_time(r[9]),
        prompt_ids=prompts,
        ratings={"mood": r[11], "distress": r[12], "sleep_quality": r[13], "intrusions": r[14]},
    )


def _rows(conn: Connection, rows: Iterable[Sequence[Any]]) -> list[StoredCheckin]:
    """Check-ins from rows; one whose phase, state or times cannot be read is left out."""
    out: list[StoredCheckin] = []
    for r in rows:
        try:
            out.append(_row(r))
        except READ_ERRORS:
            note(conn, "checkins", r[1])
    return out


def _one(items: list[StoredCheckin]) -> StoredCheckin | None:
    return items[0] if items else None


def _utc_iso(moment: datetime) -> str:
    return to_iso(moment.astimezone(UTC))


@dataclass(frozen=True)
class SyncResult:
    """What one `sync_schedule` changed (counts, for logs and tests)."""

    inserted: int = 0
    updated: int = 0
    superseded: int = 0
    deleted: int = 0
    missed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.superseded or self.deleted or self.missed)


class CheckinRepository:
    """The `checkins` and `pinned_prompts` tables on an open vault connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- the schedule

    def sync_schedule(self, config: ScheduleConfig, now: datetime | None = None) -> SyncResult:
        """Make the stored check-ins match the schedule the sessions produce, atomically.

        Inserts new check-ins, moves changed ones, marks superseded ones, deletes those no
        session produces any more (unless the patient did or skipped them), then marks
        overdue ones missed. Safe to call as often as wanted.
        """
        now = now or now_local()
        sessions_repo = SessionRepository(self.conn)
        with transaction(self.conn), collecting(self.conn) as unreadable:
            sessions = sessions_repo.list()
            series = sessions_repo.list_series()
            computed = compute_schedule(sessions, series, config, now)
            stored: dict[str, CheckInState] = {}
            stored_due: dict[str, datetime] = {}
            bad_rows: set[str] = set()
            for r in self.conn.execute("SELECT uid, state, due_at, phase FROM checkins"):
                try:
                    Phase(str(r[3]))
                    state, due = CheckInState(str(r[1])), stored_time(r[2])
                except READ_ERRORS:
                    note(self.conn, "checkins", r[0])
                    bad_rows.add(str(r[0]))
                    continue
                stored[str(r[0])], stored_due[str(r[0])] = state, due
            # An unreadable row is left exactly as it is: its computed twin is neither
            # inserted (the uid is taken) nor used to update it.
            computed = [c for c in computed if c.key not in bad_rows]
            plan = reconcile(computed, stored, stored_due)
            # Check-ins of a session or series that could not be read are kept too: that
            # it was not read is no reason to delete or supersede what it produced.
            skipped_owners = tuple(
                f"{uid}:" for uid in unreadable.uids("sessions") | unreadable.uids("series")
            )
            if skipped_owners:
                plan.delete[:] = [k for k in plan.delete if not k.startswith(skipped_owners)]
                plan.supersede[:] = [k for k in plan.supersede if not k.startswith(skipped_owners)]
            # reconcile revives every stored MISSED row to DUE and the pass below marks it
            # missed again: two writes per missed row on every sync, and an updated_at that
            # keeps moving (so an imported copy where the patient did it looks older). Leave
            # alone the rows that are missed now, unmoved, and would only be re-marked.
            still_missed = {c.key for c in mark_missed(computed, now, config.missed_grace)}
            updates = [
                c
                for c in plan.update
                if not (
                    c.key in still_missed
                    and c.state is CheckInState.DUE
                    and stored.get(c.key) is CheckInState.MISSED
                    and stored_due[c.key] == c.due_at
                )
            ]
            session_ids = {s.uid: s.id for s in sessions}
            series_ids = {s.uid: s.id for s in series}
            stamp = to_iso(now_local())
            for c in plan.insert:
                self.conn.execute(
                    "INSERT INTO checkins(uid, session_id, series_id, phase, due_at, state, "
                    "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        c.key,
                        session_ids.get(c.session_uid or ""),
                        series_ids.get(c.series_uid or ""),
                        c.phase.value,
                        _utc_iso(c.due_at),
                        c.state.value,
                        stamp,
                        stamp,
                    ),
                )
            for c in updates:
                self.conn.execute(
                    "UPDATE checkins SET session_id=?, series_id=?, phase=?, due_at=?, state=?, "
                    "updated_at=? WHERE uid=?",
                    (
                        session_ids.get(c.session_uid or ""),
                        series_ids.get(c.series_uid or ""),
                        c.phase.value,
                        _utc_iso(c.due_at),
                        c.state.value,
                        stamp,
                        c.key,
                    ),
                )
            for key in plan.supersede:
                self.conn.execute(
                    "UPDATE checkins SET state='superseded', updated_at=? WHERE uid=?", (stamp, key)
                )
            for key in plan.delete:
                self.conn.execute("DELETE FROM checkins WHERE uid=?", (key,))
            missed = mark_missed([c.to_checkin() for c in self.query()], now, config.missed_grace)
            for c in missed:
                self.conn.execute(
                    "UPDATE checkins SET state='missed', updated_at=? WHERE uid=?", (stamp, c.key)
                )
        return SyncResult(
            len(plan.insert), len(updates), len(plan.supersede), len(plan.delete), len(missed)
        )

    # -- reading

    def get(self, uid: str) -> StoredCheckin | None:
        rows = self.conn.execute(f"SELECT {_COLS}{_FROM} WHERE c.uid = ?", (uid,)).fetchall()
        return _one(_rows(self.conn, rows))

    def get_by_id(self, checkin_id: int) -> StoredCheckin | None:
        rows = self.conn.execute(f"SELECT {_COLS}{_FROM} WHERE c.id = ?", (checkin_id,)).fetchall()
        return _one(_rows(self.conn, rows))

    def query(
        self,
        *,
        states: Iterable[CheckInState] | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        session_id: int | None = None,
    ) -> list[StoredCheckin]:
        """Check-ins by due time (oldest first), optionally filtered; `end` is exclusive."""
        where: list[str] = []
        params: list[object] = []
        if states is not None:
            wanted = [s.value for s in states]
            if not wanted:
                return []
            where.append(f"c.state IN ({','.join('?' * len(wanted))})")
            params.extend(wanted)
        if start is not None:
            where.append("c.due_at >= ?")
            params.append(_utc_iso(start))
        if end is not None:
            where.append("c.due_at < ?")
            params.append(_utc_iso(end))
        if session_id is not None:
            where.append("c.session_id = ?")
            params.append(session_id)
        sql = f"SELECT {_COLS}{_FROM}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.conn.execute(sql + " ORDER BY c.due_at, c.uid", params).fetchall()
        return _rows(self.conn, rows)

    def due_now(self, now: datetime) -> list[StoredCheckin]:
        """Due check-ins whose time has come, oldest first."""
        return self.query(states=[CheckInState.DUE], end=now + _EPSILON)

    def upcoming(self, now: datetime, limit: int = 5) -> list[StoredCheckin]:
        """The next due check-ins still in the future, soonest first."""
        return self.query(states=[CheckInState.DUE], start=now + _EPSILON)[:limit]

    def missed(self, since: datetime | None = None) -> list[StoredCheckin]:
        """Missed check-ins (still answerable), newest first."""
        return list(reversed(self.query(states=[CheckInState.MISSED], start=since)))

    # -- what the patient did

    def set_prompts(self, uid: str, prompt_ids: Sequence[str]) -> None:
        """Record which prompts a check-in shows (for rotation and to reopen it the same)."""
        self.conn.execute(
            "UPDATE checkins SET prompt_ids=?, updated_at=? WHERE uid=?",
            (json.dumps(list(prompt_ids)), to_iso(now_local()), uid),
        )

    def complete(
        self,
        uid: str,
        ratings: Mapping[str, int | None],
        prompt_ids: Sequence[str] | None = None,
        now: datetime | None = None,
    ) -> StoredCheckin:
        """Mark a check-in done with its quick ratings (unknown rating ids are refused)."""
        unknown = set(ratings) - set(RATING_IDS)
        if unknown:
            raise ValueError(f"Unknown ratings: {sorted(unknown)}")
        current = self.get(uid)
        if current is None:
            raise KeyError(uid)
        values = {r: ratings.get(r) for r in RATING_IDS}
        prompts = list(prompt_ids) if prompt_ids is not None else list(current.prompt_ids)
        moment = now or now_local()
        self.conn.execute(
            "UPDATE checkins SET state='done', completed_at=?, prompt_ids=?, mood=?, "
            "distress=?, sleep_quality=?, intrusions=?, updated_at=? WHERE uid=?",
            (
                to_iso(moment),
                json.dumps(prompts),
                values["mood"],
                values["distress"],
                values["sleep_quality"],
                values["intrusions"],
                to_iso(now_local()),
                uid,
            ),
        )
        done = self.get(uid)
        assert done is not None
        return done

    def set_ratings(self, uid: str, ratings: Mapping[str, int | None]) -> None:
        """Store quick ratings without changing the state (a check-in still in progress).

        Ratings not named in `ratings` are left as stored; unknown ids are refused.
        """
        unknown = set(ratings) - set(RATING_IDS)
        if unknown:
            raise ValueError(f"Unknown ratings: {sorted(unknown)}")
        if self.get(uid) is None:
            raise KeyError(uid)
        for rid, value in ratings.items():
            # rid is one of RATING_IDS (checked above), so it is a column name, not input.
            self.conn.execute(
                f"UPDATE checkins SET {rid}=?, updated_at=? WHERE uid=?",
                (value, to_iso(now_local()), uid),
            )

    def skip(self, uid: str, now: datetime | None = None) -> None:
        """The patient chose to pass on this check-in (kept, never counted as a failure)."""
        if self.get(uid) is None:
            raise KeyError(uid)
        self.conn.execute(
            "UPDATE checkins SET state='skipped', completed_at=?, updated_at=? WHERE uid=?",
            (to_iso(now or now_local()), to_iso(now_local()), uid),
        )

    def unskip(self, uid: str, state: CheckInState) -> bool:
        """Undo `skip`: put a skipped check-in back in `state` (due or missed, what it was
        before). False if it is no longer skipped (done meanwhile, or deleted)."""
        if state not in (CheckInState.DUE, CheckInState.MISSED):
            raise ValueError(f"A check-in cannot be put back as {state.value}")
        cursor = self.conn.execute(
            "UPDATE checkins SET state=?, completed_at=NULL, updated_at=? "
            "WHERE uid=? AND state='skipped'",
            (state.value, to_iso(now_local()), uid),
        )
        return cursor.rowcount == 1

    # -- prompt rotation

    def prompts_seen_in_series(self, checkin: StoredCheckin) -> list[str]:
        """Prompt ids shown by other check-ins of the same series, oldest first.

        Check-ins outside any series rotate among themselves.
        """
        if checkin.series_id is not None:
            rows = self.conn.execute(
                "SELECT prompt_ids FROM checkins WHERE series_id = ? AND uid != ? "
                "ORDER BY due_at, uid",
                (checkin.series_id, checkin.uid),
            ).fetchall()
        else:
            rows = self.conn.execute(
                "SELECT prompt_ids FROM checkins WHERE series_id IS NULL AND uid != ? "
                "ORDER BY due_at, uid",
                (checkin.uid,),
            ).fetchall()
        seen: list[str] = []
        for (raw,) in rows:
            try:
                seen.extend(str(p) for p in json.loads(raw or "[]"))
            except (ValueError, TypeError):
                continue
        return seen

    def pinned(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT prompt_id FROM pinned_prompts ORDER BY pinned_at, prompt_id"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def pin(self, prompt_id: str) -> None:
        self.conn.execute(
            "INSERT INTO pinned_prompts(prompt_id, pinned_at) VALUES (?, ?) "
            "ON CONFLICT(prompt_id) DO NOTHING",
            (prompt_id, to_iso(now_local())),
        )

    def unpin(self, prompt_id: str) -> None:
        self.conn.execute("DELETE FROM pinned_prompts WHERE prompt_id = ?", (prompt_id,))

    # -- entries linked to check-ins

    def entries_for(self, checkin_id: int) -> list[Entry]:
        """Journal entries written in this check-in, oldest first."""
        rows = self.conn.execute(
            "SELECT id FROM entries WHERE checkin_id = ? ORDER BY created_at, id", (checkin_id,)
        ).fetchall()
        repo = EntryRepository(self.conn)
        return [e for (i,) in rows if (e := repo.get(int(i))) is not None]

    def flagged_entries(self, since: datetime | None, until: datetime) -> list[Entry]:
        """Entries flagged for the therapist, written in [since, until), oldest first."""
        rows = self.conn.execute(
            "SELECT id, created_at, uid FROM entries WHERE flagged = 1 ORDER BY created_at, id"
        ).fetchall()
        repo = EntryRepository(self.conn)
        out: list[Entry] = []
        for entry_id, created, uid in rows:
            try:
                moment = stored_time(created)
            except READ_ERRORS:
                note(self.conn, "entries", uid)
                continue
            # Compare as instants: stored offsets may differ, so text order is not enough.
            if (since is None or moment >= since) and moment < until:
                entry = repo.get(int(entry_id))
                if entry is not None:
                    out.append(entry)
        return out


def sync(vault: Vault, now: datetime | None = None) -> SyncResult:
    """Sync with the vault's schedule settings (call after session changes and at unlock).

    A read-only vault, or one whose integrity check is still running, is left as it is.
    """
    if not vault.writable:
        return SyncResult()
    return CheckinRepository(vault.conn).sync_schedule(load_schedule_config(vault), now)
