"""Exercise runs and seen cautions on a real SQLCipher vault, surviving close and reopen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from integrate.core.exercises import load_exercises
from integrate.core.player import ExercisePlayer, RunRecord, StepAnswers
from integrate.core.what_helps import summarise_runs
from integrate.paths import VaultPaths
from integrate.vault.exercise_runs import ExerciseRunRepository
from integrate.vault.vault import create_vault, unlock_with_passphrase

PASS = "a long passphrase"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def paths(tmp_path: Path, fast_kdf: None) -> VaultPaths:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS).vault.close()
    return paths


def _reopen(paths: VaultPaths) -> ExerciseRunRepository:
    result = unlock_with_passphrase(paths, PASS)
    assert result.vault is not None
    repo = ExerciseRunRepository(result.vault.conn)
    repo.vault = result.vault  # type: ignore[attr-defined]
    return repo


def test_run_round_trip_with_and_without_answers(paths: VaultPaths) -> None:
    repo = _reopen(paths)
    plain = RunRecord("orienting", "standard", T0, 95.5, True, 7, 4, note="helped a bit")
    with_answers = RunRecord(
        "senses_54321",
        "typed",
        T0 + timedelta(hours=2),
        120.0,
        False,
        6,
        None,
        answers=(StepAnswers(1, "Name 5 things you see", ("lamp", "mug <b>")),),
    )
    repo.add(plain)
    repo.add(with_answers)
    repo.vault.close()

    repo = _reopen(paths)
    runs = repo.list_runs()
    assert [r.exercise_id for r in runs] == ["senses_54321", "orienting"]  # newest first
    first = repo.get(plain.uid)
    assert first is not None
    assert (first.variant, first.duration_s, first.finished) == ("standard", 95.5, True)
    assert (first.suds_before, first.suds_after, first.suds_change) == (7, 4, -3)
    assert first.note == "helped a bit" and first.answers is None
    assert first.started_at == T0
    second = repo.get(with_answers.uid)
    assert second is not None and second.finished is False and second.suds_after is None
    assert second.answers == (StepAnswers(1, "Name 5 things you see", ("lamp", "mug <b>")),)
    assert [r.uid for r in repo.list_runs("orienting")] == [plain.uid]
    assert len(repo.list_runs(limit=1)) == 1


def test_player_result_without_choice_stores_no_answers(paths: VaultPaths) -> None:
    exercise = next(e for e in load_exercises() if e.id == "senses_54321")
    t = [0.0]
    player = ExercisePlayer(exercise, clock=lambda: t[0])
    player.start(8)
    text_steps = [i for i, s in enumerate(player.steps) if s.kind.value == "text_entry"]
    assert text_steps, "5-4-3-2-1 has a text-entry step"
    player.set_answers(["a private answer"], step=text_steps[0])
    t[0] = 30.0
    player.stop()
    player.finish(5)
    repo = _reopen(paths)
    repo.add(player.result(save_answers=False))
    stored = repo.list_runs()[0]
    assert stored.answers is None and stored.finished is False
    raw = repo.conn.execute("SELECT answers FROM exercise_runs").fetchone()[0]
    assert raw is None


def test_suds_out_of_range_is_refused_by_the_schema(paths: VaultPaths) -> None:
    repo = _reopen(paths)
    bad = RunRecord("orienting", "standard", T0, 1.0, True, 11, 2)
    with pytest.raises(Exception, match="CHECK"):
        repo.add(bad)
    assert repo.count() == 0


def test_stats_from_stored_runs_match(paths: VaultPaths) -> None:
    repo = _reopen(paths)
    repo.add_many(
        [
            RunRecord("orienting", "standard", T0, 60, True, 8, 5),
            RunRecord("orienting", "standard", T0 + timedelta(days=1), 60, True, 6, 4),
            RunRecord("orienting", "standard", T0 + timedelta(days=2), 20, False, 5, None),
        ]
    )
    (stats,) = summarise_runs(repo.list_runs())
    assert (stats.count, stats.rated_count, stats.finished_count) == (3, 2, 2)
    assert stats.average_change == pytest.approx(-2.5)
    assert stats.last_used == T0 + timedelta(days=2)


def test_cautions_seen_persist_and_keep_first_time(paths: VaultPaths) -> None:
    repo = _reopen(paths)
    assert not repo.caution_seen("cold_water")
    repo.mark_caution_seen("cold_water", T0)
    repo.mark_caution_seen("cold_water", T0 + timedelta(days=3))  # no error, first kept
    repo.vault.close()
    repo = _reopen(paths)
    assert repo.caution_seen("cold_water") and not repo.caution_seen("box_breathing")
    assert repo.cautions_seen() == {"cold_water"}
    seen_at = repo.conn.execute("SELECT seen_at FROM cautions_seen").fetchone()[0]
    assert seen_at.startswith("2025-03-01")
    repo.forget_cautions()
    assert repo.cautions_seen() == set()
