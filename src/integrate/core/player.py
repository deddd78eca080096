"""The exercise player as a pure state machine, driven by an injected clock.

Flow: SUDS_BEFORE -> (CAUTION, only before the first use) -> STEP 0..n-1
-> SUDS_AFTER -> FINISHED. Stopping during the steps still offers the after
rating (the run then ends as STOPPED); stopping before the steps, or again on
the rating screen, ends at once. Paused time never counts. The Qt player
calls `tick()` from a timer and draws whatever `state`, `current_step` and
`pacer()` say; tests drive it with a fake clock.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from integrate.core.exercises import Exercise, Step, StepKind, Variant
from integrate.core.model import new_uid
from integrate.core.pacer import BreathPhase, PacerState, pacer_state


class PlayerState(StrEnum):
    SUDS_BEFORE = "suds_before"
    CAUTION = "caution"
    STEP = "step"
    PAUSED = "paused"
    SUDS_AFTER = "suds_after"
    FINISHED = "finished"
    STOPPED = "stopped"


class PlayerEvent(StrEnum):
    """What changed during a call, so the UI can redraw or play a soft cue."""

    STEP_CHANGED = "step_changed"
    PHASE_CHANGED = "phase_changed"  # breathing phase: optional sound cue
    STEPS_DONE = "steps_done"


class PlayerError(RuntimeError):
    """A method was called in a state where it makes no sense (a programming error)."""


@dataclass(frozen=True)
class StepAnswers:
    step: int
    prompt: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class RunRecord:
    """One run of an exercise, ready for the vault's exercise_runs table."""

    exercise_id: str
    variant: str
    started_at: datetime
    duration_s: float
    finished: bool
    suds_before: int | None
    suds_after: int | None
    note: str = ""
    answers: tuple[StepAnswers, ...] | None = None  # None unless the patient chose to save
    uid: str = field(default_factory=new_uid)

    @property
    def suds_change(self) -> int | None:
        """after - before (negative means distress went down), if both were rated."""
        if self.suds_before is None or self.suds_after is None:
            return None
        return self.suds_after - self.suds_before

    def answers_json(self) -> str | None:
        """The saved answers as JSON for the vault, or None if none were saved."""
        if self.answers is None:
            return None
        return json.dumps(
            [{"step": a.step, "prompt": a.prompt, "values": list(a.values)} for a in self.answers],
            ensure_ascii=False,
        )


def _check_suds(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError("a distress rating is a whole number from 0 to 10")
    return value


def _local_now() -> datetime:
    return datetime.now().astimezone()


class ExercisePlayer:
    """Step-by-step guide through one variant of an exercise.

    `clock` returns seconds on a monotonic scale (time.monotonic in the app);
    `now` gives the aware wall-clock start time recorded with the run.
    Navigation methods (next/back/pause/resume/stop) return False when they do
    not apply, so keyboard shortcuts can call them freely.
    """

    def __init__(
        self,
        exercise: Exercise,
        variant: str | Variant | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        caution_seen: bool = False,
        now: Callable[[], datetime] = _local_now,
    ) -> None:
        self.exercise = exercise
        self.variant = variant if isinstance(variant, Variant) else exercise.variant(variant)
        self._clock = clock
        self._now = now
        self._needs_caution = exercise.caution is not None and not caution_seen
        self.caution_shown = False  # the UI records the caution as seen when this is True
        self.state = PlayerState.SUDS_BEFORE
        self.step_index = 0
        self.suds_before: int | None = None
        self.suds_after: int | None = None
        self.note = ""
        self.started_at: datetime | None = None
        self._answers: dict[int, tuple[str, ...]] = {}
        self._ended_early = False
        # Active (unpaused) exercise time: accumulated plus the current running span.
        self._active = 0.0
        self._running_since: float | None = None
        self._step_start = 0.0  # active time at which the current step began
        self._last_phase: tuple[int, BreathPhase] | None = None

    # ----- reading the state -------------------------------------------------

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.variant.steps

    @property
    def step_count(self) -> int:
        return len(self.variant.steps)

    @property
    def current_step(self) -> Step | None:
        if self.state in (PlayerState.STEP, PlayerState.PAUSED):
            return self.variant.steps[self.step_index]
        return None

    @property
    def is_over(self) -> bool:
        return self.state in (PlayerState.FINISHED, PlayerState.STOPPED)

    def elapsed(self) -> float:
        """Seconds spent in the steps so far, not counting pauses."""
        if self._running_since is None:
            return self._active
        return self._active + (self._clock() - self._running_since)

    def step_elapsed(self) -> float:
        """Seconds spent in the current step, not counting pauses."""
        return max(0.0, self.elapsed() - self._step_start)

    def step_remaining(self) -> float | None:
        """Seconds until a timed step moves on by itself; None if self-paced."""
        step = self.current_step
        if step is None:
            return None
        length = self.variant.step_seconds(step)
        if length is None:
            return None
        return max(0.0, length - self.step_elapsed())

    def pacer(self) -> PacerState | None:
        """The breathing pacer for the current step, or None if it is not a breathing step."""
        step = self.current_step
        if step is None or step.kind is not StepKind.BREATHING or self.variant.breathing is None:
            return None
        return pacer_state(self.variant.breathing, self.step_elapsed())

    # ----- flow ----------------------------------------------------------------

    def start(self, suds_before: int | None = None) -> list[PlayerEvent]:
        """Record the before rating (None = skipped) and begin."""
        if self.state is not PlayerState.SUDS_BEFORE:
            raise PlayerError(f"start() in state {self.state}")
        self.suds_before = _check_suds(suds_before)
        self.started_at = self._now()
        if self._needs_caution:
            self.state = PlayerState.CAUTION
            self.caution_shown = True
            return []
        return self._enter_steps()

    def acknowledge_caution(self) -> list[PlayerEvent]:
        """The patient read the caution and wants to go on."""
        if self.state is not PlayerState.CAUTION:
            raise PlayerError(f"acknowledge_caution() in state {self.state}")
        return self._enter_steps()

    def next(self) -> bool:
        """Move on: past the caution, or to the next step (after the last: the rating)."""
        if self.state is PlayerState.CAUTION:
            self.acknowledge_caution()
            return True
        if self.state is not PlayerState.STEP:
            return False
        self._advance_due()
        if self.state is not PlayerState.STEP:
            return True  # the last timed step just ran out: already at the rating
        self._go_to(self.step_index + 1, carry_over=False)
        return True

    def back(self) -> bool:
        """Return to the previous step and restart its timer."""
        if self.state is not PlayerState.STEP:
            return False
        self._advance_due()
        if self.state is not PlayerState.STEP or self.step_index == 0:
            return False
        self._go_to(self.step_index - 1, carry_over=False)
        return True

    def pause(self) -> bool:
        if self.state is not PlayerState.STEP:
            return False
        self._advance_due()
        if self.state is not PlayerState.STEP:
            return False
        self._stop_running()
        self.state = PlayerState.PAUSED
        return True

    def resume(self) -> bool:
        if self.state is not PlayerState.PAUSED:
            return False
        self.state = PlayerState.STEP
        self._running_since = self._clock()
        return True

    def toggle_pause(self) -> bool:
        """One key for pause and resume (space bar)."""
        return self.resume() if self.state is PlayerState.PAUSED else self.pause()

    def stop(self) -> bool:
        """Stop now. During the steps the after rating is still offered."""
        if self.state is PlayerState.STEP:
            self._advance_due()
            if self.state is PlayerState.SUDS_AFTER:
                return True  # the steps had just run out: the rating is next anyway
        if self.state in (PlayerState.STEP, PlayerState.PAUSED):
            self._ended_early = True
            self._stop_running()
            self.state = PlayerState.SUDS_AFTER
            return True
        if self.state is PlayerState.SUDS_AFTER:
            self.finish(None)
            return True
        if self.state in (PlayerState.SUDS_BEFORE, PlayerState.CAUTION):
            self._ended_early = True
            self.state = PlayerState.STOPPED
            return True
        return False

    def finish(self, suds_after: int | None = None, note: str = "") -> None:
        """Record the after rating (None = skipped) and an optional note; end the run."""
        if self.state is not PlayerState.SUDS_AFTER:
            raise PlayerError(f"finish() in state {self.state}")
        self.suds_after = _check_suds(suds_after)
        self.note = note.strip()
        self.state = PlayerState.STOPPED if self._ended_early else PlayerState.FINISHED

    def tick(self) -> list[PlayerEvent]:
        """Let time pass: move past timed steps that have run out; report changes."""
        if self.state is not PlayerState.STEP:
            return []
        events = self._advance_due()
        if self.state is PlayerState.STEP:
            pacer = self.pacer()
            if pacer is not None and not pacer.done:
                key = (pacer.cycle, pacer.phase)
                if self._last_phase is not None and key != self._last_phase:
                    events.append(PlayerEvent.PHASE_CHANGED)
                self._last_phase = key
        return events

    # ----- answers ---------------------------------------------------------------

    def set_answers(self, values: list[str] | tuple[str, ...], step: int | None = None) -> None:
        """Keep typed answers for a text-entry step (memory only until saved by choice)."""
        index = self.step_index if step is None else step
        if not 0 <= index < self.step_count:
            raise IndexError(f"no step {index}")
        target = self.variant.steps[index]
        if target.kind is not StepKind.TEXT_ENTRY:
            raise PlayerError(f"step {index} does not take typed answers")
        self._answers[index] = tuple(values)[: target.entry_count]

    def answers_for(self, step: int) -> tuple[str, ...]:
        return self._answers.get(step, ())

    def result(self, save_answers: bool = False) -> RunRecord:
        """The finished or stopped run; answers are included only if the patient chose so."""
        if not self.is_over:
            raise PlayerError(f"result() in state {self.state}")
        answers: tuple[StepAnswers, ...] | None = None
        if save_answers:
            kept = []
            for index in sorted(self._answers):
                values = tuple(v.strip() for v in self._answers[index] if v.strip())
                if values:
                    kept.append(StepAnswers(index, self.variant.steps[index].text, values))
            answers = tuple(kept) if kept else None
        return RunRecord(
            exercise_id=self.exercise.id,
            variant=self.variant.id,
            started_at=self.started_at or self._now(),
            duration_s=round(self.elapsed(), 3),
            finished=self.state is PlayerState.FINISHED,
            suds_before=self.suds_before,
            suds_after=self.suds_after,
            note=self.note,
            answers=answers,
        )

    # ----- internals ---------------------------------------------------------------

    def _enter_steps(self) -> list[PlayerEvent]:
        self.state = PlayerState.STEP
        self._running_since = self._clock()
        self._go_to(0, carry_over=False)
        return [PlayerEvent.STEP_CHANGED]

    def _stop_running(self) -> None:
        if self._running_since is not None:
            self._active += self._clock() - self._running_since
            self._running_since = None

    def _go_to(self, index: int, *, carry_over: bool) -> None:
        if index >= self.step_count:
            self._stop_running()
            if carry_over:
                # End exactly when the last timed step ran out, not when we noticed.
                self._active = self._step_start
            self.state = PlayerState.SUDS_AFTER
            return
        if not carry_over:
            self._step_start = self.elapsed()
        self.step_index = index
        self._last_phase = None

    def _advance_due(self) -> list[PlayerEvent]:
        """Move past every timed step whose time is up, keeping exact boundaries."""
        events: list[PlayerEvent] = []
        while self.state is PlayerState.STEP:
            length = self.variant.step_seconds(self.variant.steps[self.step_index])
            if length is None or self.step_elapsed() < length:
                break
            self._step_start += length
            self._go_to(self.step_index + 1, carry_over=True)
            events.append(
                PlayerEvent.STEP_CHANGED
                if self.state is PlayerState.STEP
                else PlayerEvent.STEPS_DONE
            )
        return events
