"""What helps me: statistics from the patient's own runs, picks, neutral wording."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from integrate.core.exercises import load_exercises
from integrate.core.player import RunRecord
from integrate.core.what_helps import (
    GENTLE_DEFAULTS,
    NEUTRAL_NOTE,
    PickReason,
    summarise_runs,
    top_picks,
)

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
EXERCISES = load_exercises()
VERDICT_WORDS = re.compile(
    r"\b(better|worse|best|worst|work(s|ed)?|effective|improv\w*|should|success\w*|fail\w*|good|bad)\b",
    re.IGNORECASE,
)


def run(
    exercise_id: str,
    before: int | None,
    after: int | None,
    days: float = 0,
    finished: bool = True,
) -> RunRecord:
    return RunRecord(
        exercise_id=exercise_id,
        variant="v",
        started_at=T0 + timedelta(days=days),
        duration_s=60,
        finished=finished,
        suds_before=before,
        suds_after=after,
    )


def test_summarise_counts_and_averages_over_rated_runs_only() -> None:
    stats = summarise_runs(
        [
            run("orienting", 7, 5, days=0),
            run("orienting", 5, 4, days=1, finished=False),
            run("orienting", None, 3, days=2),  # not rated on both sides
            run("orienting", 6, None, days=3, finished=False),
            run("pmr", 4, 4, days=-5),
        ]
    )
    assert [s.exercise_id for s in stats] == ["orienting", "pmr"]  # most recent first
    orienting = stats[0]
    assert orienting.count == 4
    assert orienting.finished_count == 2
    assert orienting.rated_count == 2
    assert orienting.average_before == pytest.approx(6.0)
    assert orienting.average_after == pytest.approx(4.5)
    assert orienting.average_change == pytest.approx(-1.5)
    assert orienting.last_used == T0 + timedelta(days=3)
    assert stats[1].average_change == 0


def test_summarise_without_ratings_and_without_runs() -> None:
    assert summarise_runs([]) == []
    (only,) = summarise_runs([run("pmr", None, None)])
    assert only.rated_count == 0
    assert only.average_before is None and only.average_change is None


def test_own_data_comes_first_ordered_by_average_drop() -> None:
    runs = [
        run("pmr", 8, 6),
        run("pmr", 6, 4),  # drop 2.0
        run("cold_water", 9, 4),
        run("cold_water", 7, 4),  # drop 4.0
        run("calm_place", 6, 1),  # drop 5, but only one rated run
        run("mental_categories", 3, 5),
        run("mental_categories", 3, 4),  # distress rose: not picked as own data
    ]
    picks = top_picks(summarise_runs(runs), EXERCISES, n=4)
    assert [p.exercise.id for p in picks] == ["cold_water", "pmr", "orienting", "senses_54321"]
    assert [p.reason for p in picks] == [
        PickReason.OWN_DATA,
        PickReason.OWN_DATA,
        PickReason.GENTLE_DEFAULT,
        PickReason.GENTLE_DEFAULT,
    ]
    assert picks[0].stats is not None and picks[0].stats.rated_count == 2


def test_ties_prefer_more_rated_runs_then_more_recent() -> None:
    runs = [
        run("pmr", 6, 4, days=0),
        run("pmr", 6, 4, days=1),
        run("pmr", 6, 4, days=2),
        run("cold_water", 6, 4, days=5),
        run("cold_water", 6, 4, days=6),
        run("calm_place", 6, 4, days=1),
        run("calm_place", 6, 4, days=2),
    ]
    picks = top_picks(summarise_runs(runs), EXERCISES, n=3)
    assert [p.exercise.id for p in picks] == ["pmr", "cold_water", "calm_place"]


def test_defaults_without_data_are_gentle_and_never_hold_the_breath() -> None:
    picks = top_picks([], EXERCISES, n=3)
    assert [p.exercise.id for p in picks] == list(GENTLE_DEFAULTS)
    assert all(p.reason is PickReason.GENTLE_DEFAULT for p in picks)
    many = top_picks([], EXERCISES, n=len(EXERCISES))
    ids = [p.exercise.id for p in many]
    assert "box_breathing" not in ids and "breathing_478" not in ids
    assert all(not p.exercise.has_breath_holds for p in many)
    assert all(p.exercise.caution is None for p in many)


def test_breath_hold_exercise_appears_only_through_own_data() -> None:
    runs = [run("box_breathing", 7, 3), run("box_breathing", 6, 3)]
    picks = top_picks(summarise_runs(runs), EXERCISES, n=3)
    assert picks[0].exercise.id == "box_breathing"
    assert picks[0].reason is PickReason.OWN_DATA
    one_run = top_picks(summarise_runs(runs[:1]), EXERCISES, n=3)
    assert "box_breathing" not in [p.exercise.id for p in one_run]


def test_unknown_exercise_ids_in_history_are_skipped() -> None:
    runs = [run("retired_exercise", 9, 1), run("retired_exercise", 9, 1)]
    picks = top_picks(summarise_runs(runs), EXERCISES, n=2)
    assert [p.exercise.id for p in picks] == ["orienting", "senses_54321"]


def test_the_note_has_no_verdict_words() -> None:
    assert not VERDICT_WORDS.search(NEUTRAL_NOTE)
