"""What helps me: the patient's own exercise history, summarised without verdicts.

Statistics reflect the patient's own before/after ratings. They order the
"Need help now" list (their own most helpful exercises first); with too little
data, gentle defaults that never hold the breath come first instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from integrate.core.exercises import Exercise
from integrate.core.i18n import tr_noop

# Orienting, 5-4-3-2-1 and a longer out-breath: low risk, no breath holds.
GENTLE_DEFAULTS: tuple[str, ...] = ("orienting", "senses_54321", "extended_exhale")
MIN_RATED_RUNS = 2  # fewer rated runs say too little to reorder anything

NEUTRAL_NOTE = tr_noop(
    "Exercises",
    "These numbers come from your own ratings before and after each exercise. "
    "They reflect what you noticed at the time; they are not a score.",
)


class RunLike(Protocol):
    """What summarising needs from a run (RunRecord or a vault row)."""

    @property
    def exercise_id(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def finished(self) -> bool: ...
    @property
    def suds_before(self) -> int | None: ...
    @property
    def suds_after(self) -> int | None: ...


@dataclass(frozen=True)
class ExerciseStats:
    exercise_id: str
    count: int
    finished_count: int
    rated_count: int  # runs with both a before and an after rating
    average_before: float | None  # over rated runs only
    average_after: float | None
    last_used: datetime | None

    @property
    def average_change(self) -> float | None:
        """after - before on average; negative means distress went down."""
        if self.average_before is None or self.average_after is None:
            return None
        return self.average_after - self.average_before


class PickReason(StrEnum):
    OWN_DATA = "own_data"  # ordered by the patient's own ratings
    GENTLE_DEFAULT = "gentle_default"  # a low-risk starting point


@dataclass(frozen=True)
class TopPick:
    exercise: Exercise
    reason: PickReason
    stats: ExerciseStats | None = None


def summarise_runs(runs: Iterable[RunLike]) -> list[ExerciseStats]:
    """Per exercise: uses, finished uses, average before/after over rated runs, last use.

    Ordered by most recent use first.
    """
    grouped: dict[str, list[RunLike]] = {}
    for run in runs:
        grouped.setdefault(run.exercise_id, []).append(run)
    stats: list[ExerciseStats] = []
    for exercise_id, items in grouped.items():
        rated = [r for r in items if r.suds_before is not None and r.suds_after is not None]
        before = [r.suds_before for r in rated if r.suds_before is not None]
        after = [r.suds_after for r in rated if r.suds_after is not None]
        stats.append(
            ExerciseStats(
                exercise_id=exercise_id,
                count=len(items),
                finished_count=sum(1 for r in items if r.finished),
                rated_count=len(rated),
                average_before=sum(before) / len(before) if before else None,
                average_after=sum(after) / len(after) if after else None,
                last_used=max(r.started_at for r in items),
            )
        )
    stats.sort(key=lambda s: (s.last_used is None, _neg_timestamp(s.last_used), s.exercise_id))
    return stats


def top_picks(
    stats: Sequence[ExerciseStats], exercises: Sequence[Exercise], n: int = 3
) -> list[TopPick]:
    """Up to `n` exercises for "Need help now".

    First the patient's own: at least MIN_RATED_RUNS rated runs with distress
    going down on average, largest average drop first. Then the gentle
    defaults, then other exercises with no breath holds and no caution. An
    exercise with breath holds only appears when the patient's data puts it there.
    """
    by_id = {ex.id: ex for ex in exercises}
    own = [
        s
        for s in stats
        if s.exercise_id in by_id
        and s.rated_count >= MIN_RATED_RUNS
        and (change := s.average_change) is not None
        and change < 0
    ]
    own.sort(
        key=lambda s: (
            s.average_change,
            -s.rated_count,
            _neg_timestamp(s.last_used),
            s.exercise_id,
        )
    )
    picks = [TopPick(by_id[s.exercise_id], PickReason.OWN_DATA, s) for s in own[:n]]
    chosen = {p.exercise.id for p in picks}
    stats_by_id = {s.exercise_id: s for s in stats}
    fallbacks = [by_id[i] for i in GENTLE_DEFAULTS if i in by_id] + [
        ex for ex in exercises if ex.caution is None and ex.id not in GENTLE_DEFAULTS
    ]
    for ex in fallbacks:
        if len(picks) >= n:
            break
        if ex.id in chosen or ex.has_breath_holds or ex.variant().has_breath_holds:
            continue
        picks.append(TopPick(ex, PickReason.GENTLE_DEFAULT, stats_by_id.get(ex.id)))
        chosen.add(ex.id)
    return picks


def _neg_timestamp(moment: datetime | None) -> float:
    """Sort key: most recent first (naive datetimes are taken as local time)."""
    return -moment.timestamp() if moment is not None else 0.0
