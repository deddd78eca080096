"""Storage for grounding exercise runs and for the cautions the patient has already seen.

A run's typed answers are stored only when the patient chose to save them
(`RunRecord.answers` is None otherwise); nothing else about the steps is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from integrate.core.player import RunRecord, StepAnswers
from integrate.core.timeutil import now_local, stored_time, to_iso
from integrate.vault.db import Connection, transaction
from integrate.vault.unreadable import READ_ERRORS, note

_COLS = (
    "id, uid, exercise_id, variant, started_at, duration_s, finished, suds_before, "
    "suds_after, note, answers"
)


@dataclass(frozen=True)
class StoredRun:
    """A run as read back from the vault (satisfies core.what_helps.RunLike)."""

    id: int
    uid: str
    exercise_id: str
    variant: str | None
    started_at: datetime
    duration_s: float
    finished: bool
    suds_before: int | None
    suds_after: int | None
    note: str = ""
    answers: tuple[StepAnswers, ...] | None = None

    @property
    def suds_change(self) -> int | None:
        if self.suds_before is None or self.suds_after is None:
            return None
        return self.suds_after - self.suds_before


def _answers(text: object) -> tuple[StepAnswers, ...] | None:
    if text is None:
        return None
    try:
        raw = json.loads(str(text))
    except json.JSONDecodeError:
        return None
    if not isinstance(raw, list):
        return None
    out: list[StepAnswers] = []
    for item in raw:
        if isinstance(item, dict) and isinstance(item.get("values"), list):
            out.append(
                StepAnswers(
                    int(item.get("step", 0)),
                    str(item.get("prompt", "")),
                    tuple(str(v) for v in item["values"]),
                )
            )
    return tuple(out)


def _runs(conn: Connection, rows: Iterable[Sequence[object]]) -> list[StoredRun]:
    """Runs from rows; one whose values cannot be read is noted and left out."""
    out: list[StoredRun] = []
    for r in rows:
        try:
            out.append(_run_from_row(r))
        except READ_ERRORS:
            note(conn, "exercise_runs", r[1])
    return out


def _run_from_row(r: Sequence[object]) -> StoredRun:
    return StoredRun(
        id=int(r[0]),  # type: ignore[call-overload]
        uid=str(r[1]),
        exercise_id=str(r[2]),
        variant=None if r[3] is None else str(r[3]),
        started_at=stored_time(r[4]),
        duration_s=float(r[5]),  # type: ignore[arg-type]
        finished=bool(r[6]),
        suds_before=None if r[7] is None else int(r[7]),  # type: ignore[call-overload]
        suds_after=None if r[8] is None else int(r[8]),  # type: ignore[call-overload]
        note=str(r[9] or ""),
        answers=_answers(r[10]),
    )


class ExerciseRunRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- runs

    def add(self, run: RunRecord) -> int:
        """Store one finished or stopped run; returns its row id."""
        cur = self.conn.execute(
            f"INSERT INTO exercise_runs({_COLS.removeprefix('id, ')}, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                run.uid,
                run.exercise_id,
                run.variant,
                to_iso(run.started_at),
                float(run.duration_s),
                int(run.finished),
                run.suds_before,
                run.suds_after,
                run.note,
                run.answers_json(),
                to_iso(now_local()),
            ),
        )
        return int(cur.lastrowid or 0)

    def add_many(self, runs: Sequence[RunRecord]) -> None:
        with transaction(self.conn):
            for run in runs:
                self.add(run)

    def get(self, uid: str) -> StoredRun | None:
        row = self.conn.execute(
            f"SELECT {_COLS} FROM exercise_runs WHERE uid = ?", (uid,)
        ).fetchall()
        found = _runs(self.conn, row)
        return found[0] if found else None

    def list_runs(
        self, exercise_id: str | None = None, *, limit: int | None = None
    ) -> list[StoredRun]:
        """Runs, most recent first; optionally of one exercise only."""
        sql = f"SELECT {_COLS} FROM exercise_runs"
        params: list[object] = []
        if exercise_id is not None:
            sql += " WHERE exercise_id = ?"
            params.append(exercise_id)
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return _runs(self.conn, self.conn.execute(sql, params).fetchall())

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM exercise_runs").fetchone()[0])

    def delete(self, uid: str) -> bool:
        cur = self.conn.execute("DELETE FROM exercise_runs WHERE uid = ?", (uid,))
        return cur.rowcount > 0

    # -- cautions

    def caution_seen(self, exercise_id: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM cautions_seen WHERE exercise_id = ?", (exercise_id,)
        ).fetchone()
        return row is not None

    def mark_caution_seen(self, exercise_id: str, at: datetime | None = None) -> None:
        """Record that the caution was shown (the first time only; later calls keep it)."""
        self.conn.execute(
            "INSERT INTO cautions_seen(exercise_id, seen_at) VALUES (?, ?) "
            "ON CONFLICT(exercise_id) DO NOTHING",
            (exercise_id, to_iso(at or now_local())),
        )

    def cautions_seen(self) -> set[str]:
        return {str(r[0]) for r in self.conn.execute("SELECT exercise_id FROM cautions_seen")}

    def forget_cautions(self) -> None:
        """Show every caution again before the next use."""
        self.conn.execute("DELETE FROM cautions_seen")
