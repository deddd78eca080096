"""The exercise player state machine, driven by a fake clock (no sleeping)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from integrate.core.exercises import Category, Exercise, Step, StepKind, Variant, load_exercises
from integrate.core.pacer import BreathPattern, BreathPhase
from integrate.core.player import (
    ExercisePlayer,
    PlayerError,
    PlayerEvent,
    PlayerState,
)

START = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


PATTERN = BreathPattern(inhale=4, hold_in=2, exhale=6, hold_out=0, cycles=3)  # 12 s a breath


def make_exercise(caution: str | None = None) -> Exercise:
    steps = (
        Step(StepKind.INSTRUCTION, "Settle.", seconds=10),
        Step(StepKind.TEXT_ENTRY, "Name 3 things.", entry_count=3),
        Step(StepKind.BREATHING, "Follow the circle."),
        Step(StepKind.OPT_OUT_POINT, "You can stop here."),
        Step(StepKind.INSTRUCTION, "Rest.", seconds=5),
    )
    variant = Variant("v", "V", steps, breathing=PATTERN)
    return Exercise(
        id="test_ex",
        title="Test",
        category=Category.BREATHING,
        summary="s",
        duration_minutes=(1, 2),
        variants=(variant,),
        default_variant="v",
        caution=caution,
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def player(clock: FakeClock, **kw: object) -> ExercisePlayer:
    return ExercisePlayer(make_exercise(**kw), None, clock, now=lambda: START)  # type: ignore[arg-type]


def test_full_run_with_timed_and_self_paced_steps(clock: FakeClock) -> None:
    p = player(clock)
    assert p.state is PlayerState.SUDS_BEFORE
    assert p.start(7) == [PlayerEvent.STEP_CHANGED]
    assert (p.state, p.step_index) == (PlayerState.STEP, 0)
    clock.advance(9.9)
    assert p.tick() == []
    assert p.step_remaining() == pytest.approx(0.1)
    clock.advance(0.1)
    assert p.tick() == [PlayerEvent.STEP_CHANGED]
    assert p.step_index == 1
    # A text-entry step waits however long it takes.
    clock.advance(300)
    assert p.tick() == []
    assert p.step_index == 1 and p.step_remaining() is None
    p.set_answers(["lamp", "  ", "window"])
    assert p.next()
    assert p.step_index == 2
    # The breathing step lasts exactly the pattern: 3 breaths x 12 s.
    assert p.step_remaining() == pytest.approx(36)
    clock.advance(35.9)
    p.tick()
    assert p.step_index == 2
    clock.advance(0.1)
    p.tick()
    assert p.step_index == 3  # opt-out point: waits
    clock.advance(50)
    p.tick()
    assert p.step_index == 3
    p.next()
    clock.advance(5)
    assert p.tick() == [PlayerEvent.STEPS_DONE]
    assert p.state is PlayerState.SUDS_AFTER
    clock.advance(60)  # time on the rating screen is not exercise time
    p.finish(4, note="  calmer  ")
    assert p.state is PlayerState.FINISHED
    run = p.result()
    assert run.finished
    assert run.duration_s == pytest.approx(10 + 300 + 36 + 50 + 5)
    assert (run.suds_before, run.suds_after, run.suds_change) == (7, 4, -3)
    assert run.note == "calmer"
    assert run.started_at == START
    assert (run.exercise_id, run.variant) == ("test_ex", "v")


def test_pacer_in_the_player_follows_the_pattern(clock: FakeClock) -> None:
    p = player(clock)
    p.start(None)
    clock.advance(10)
    p.tick()
    p.next()  # past the text entry
    assert p.pacer() is not None
    seen: list[tuple[float, BreathPhase, int]] = []
    events_at: list[float] = []
    for i in range(1, 36 * 4):
        clock.advance(0.25)
        events = p.tick()
        state = p.pacer()
        assert state is not None
        if not seen or (seen[-1][1], seen[-1][2]) != (state.phase, state.cycle):
            seen.append((i * 0.25, state.phase, state.cycle))
        if PlayerEvent.PHASE_CHANGED in events:
            events_at.append(i * 0.25)
    boundaries = [t for t, _, _ in seen]
    assert boundaries[:7] == [0.25, 4.0, 6.0, 12.0, 16.0, 18.0, 24.0]
    assert events_at == boundaries[1:]  # a cue at every change, none at the start
    assert [ph for _, ph, _ in seen[:3]] == [
        BreathPhase.INHALE,
        BreathPhase.HOLD_IN,
        BreathPhase.EXHALE,
    ]


def test_pause_freezes_time_and_the_pacer(clock: FakeClock) -> None:
    p = player(clock)
    p.start(5)
    clock.advance(4)
    assert p.pause()
    assert p.state is PlayerState.PAUSED
    clock.advance(1000)
    assert p.tick() == []
    assert p.elapsed() == pytest.approx(4)
    assert p.step_remaining() == pytest.approx(6)
    assert not p.next() and not p.back() and not p.pause()
    assert p.resume()
    clock.advance(5.9)
    p.tick()
    assert p.step_index == 0
    clock.advance(0.1)
    p.tick()
    assert p.step_index == 1
    # Pausing inside the breathing step keeps the circle where it was.
    p.next()
    clock.advance(5)  # 1 s into the hold
    before = p.pacer()
    assert p.toggle_pause()
    clock.advance(120)
    assert p.pacer() == before
    assert p.toggle_pause()
    clock.advance(1)
    after = p.pacer()
    assert after is not None and after.phase is BreathPhase.EXHALE
    assert p.elapsed() == pytest.approx(10 + 5 + 1)


def test_stop_during_steps_still_offers_the_rating_then_ends_stopped(clock: FakeClock) -> None:
    p = player(clock)
    p.start(8)
    clock.advance(3)
    assert p.stop()
    assert p.state is PlayerState.SUDS_AFTER
    clock.advance(30)
    p.finish(6)
    assert p.state is PlayerState.STOPPED
    run = p.result()
    assert not run.finished
    assert run.duration_s == pytest.approx(3)
    assert (run.suds_before, run.suds_after) == (8, 6)


def test_stop_twice_ends_without_a_rating(clock: FakeClock) -> None:
    p = player(clock)
    p.start(8)
    p.pause()
    assert p.stop()
    assert p.stop()
    assert p.state is PlayerState.STOPPED
    assert p.result().suds_after is None
    assert not p.stop()
    assert not p.next()


def test_stop_after_all_steps_keeps_the_run_finished(clock: FakeClock) -> None:
    p = player(clock)
    p.start(3)
    for _ in range(p.step_count):
        p.next()
    assert p.state is PlayerState.SUDS_AFTER
    p.stop()  # skip the after rating
    assert p.state is PlayerState.FINISHED
    assert p.result().finished


def test_stop_before_the_steps(clock: FakeClock) -> None:
    p = player(clock)
    assert p.stop()
    assert p.state is PlayerState.STOPPED
    run = p.result()
    assert not run.finished and run.duration_s == 0


def test_caution_shown_only_when_not_seen_before(clock: FakeClock) -> None:
    p = player(clock, caution="Careful.")
    p.start(5)
    assert p.state is PlayerState.CAUTION
    assert p.caution_shown
    clock.advance(20)  # reading the caution is not exercise time
    assert p.next()
    assert (p.state, p.step_index) == (PlayerState.STEP, 0)
    assert p.elapsed() == 0

    seen = ExercisePlayer(make_exercise("Careful."), None, clock, caution_seen=True)
    seen.start(5)
    assert seen.state is PlayerState.STEP
    assert not seen.caution_shown

    stopped = player(clock, caution="Careful.")
    stopped.start(5)
    assert stopped.stop()
    assert stopped.state is PlayerState.STOPPED


def test_back_restarts_the_previous_step(clock: FakeClock) -> None:
    p = player(clock)
    p.start(None)
    assert not p.back()  # nothing before the first step
    p.next()
    clock.advance(2)
    assert p.back()
    assert p.step_index == 0
    assert p.step_remaining() == pytest.approx(10)


def test_a_late_tick_skips_exactly_the_expired_timed_steps(clock: FakeClock) -> None:
    ex = make_exercise()
    timed = Variant(
        "t",
        "T",
        (
            Step(StepKind.INSTRUCTION, "a", seconds=10),
            Step(StepKind.INSTRUCTION, "b", seconds=10),
            Step(StepKind.INSTRUCTION, "c", seconds=10),
        ),
    )
    p = ExercisePlayer(ex, timed, clock)
    p.start(2)
    clock.advance(25)
    assert p.tick() == [PlayerEvent.STEP_CHANGED, PlayerEvent.STEP_CHANGED]
    assert p.step_index == 2
    assert p.step_remaining() == pytest.approx(5)
    clock.advance(100)
    assert p.tick() == [PlayerEvent.STEPS_DONE]
    p.finish(1)
    assert p.result().duration_s == pytest.approx(30)  # not 125: ends when the steps did


def test_answers_are_kept_only_if_chosen(clock: FakeClock) -> None:
    p = player(clock)
    p.start(6)
    with pytest.raises(PlayerError):
        p.set_answers(["x"])  # step 0 is an instruction
    p.next()
    p.set_answers(["lamp", "", "window", "too many"])
    assert p.answers_for(1) == ("lamp", "", "window")
    p.stop()
    p.finish(5)
    assert p.result().answers is None
    assert p.result(save_answers=False).answers_json() is None
    saved = p.result(save_answers=True)
    assert saved.answers is not None
    assert saved.answers[0].values == ("lamp", "window")
    assert json.loads(saved.answers_json() or "") == [
        {"step": 1, "prompt": "Name 3 things.", "values": ["lamp", "window"]}
    ]


def test_ratings_are_validated_and_transitions_guarded(clock: FakeClock) -> None:
    p = player(clock)
    with pytest.raises(ValueError):
        p.start(11)
    with pytest.raises(ValueError):
        p.start(True)  # type: ignore[arg-type]
    with pytest.raises(PlayerError):
        p.finish(3)
    with pytest.raises(PlayerError):
        p.result()
    p.start(0)
    with pytest.raises(PlayerError):
        p.start(0)
    p.stop()
    with pytest.raises(ValueError):
        p.finish(-1)
    assert p.state is PlayerState.SUDS_AFTER


def test_real_box_breathing_starts_without_holds_and_shows_the_caution(
    clock: FakeClock,
) -> None:
    box = next(e for e in load_exercises() if e.id == "box_breathing")
    p = ExercisePlayer(box, None, clock)
    assert p.variant.id == "no_holds"  # holding the breath is never the default
    p.start(5)
    assert p.state is PlayerState.CAUTION
    p.next()
    p.next()  # past the self-paced intro to the breathing step
    clock.advance(4.5)
    state = p.pacer()
    assert state is not None and state.phase is BreathPhase.EXHALE
    classic = ExercisePlayer(box, "classic", clock, caution_seen=True)  # chosen by the patient
    classic.start(5)
    classic.next()
    clock.advance(4.5)
    state = classic.pacer()
    assert state is not None and state.phase is BreathPhase.HOLD_IN
