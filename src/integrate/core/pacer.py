"""Breathing pacer timing model: where in the breath a given moment falls.

Pure arithmetic on elapsed seconds, so the Qt pacer can be drawn from any clock
and tests can check timings exactly. The circle grows on the in-breath, stays
still during a hold, shrinks on the out-breath and stays small during a rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from integrate.core.i18n import tr_noop


class BreathPhase(StrEnum):
    INHALE = "inhale"
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"


# Plain labels for the pacer's caption; the UI translates them ("Pacer" context).
PHASE_LABELS: dict[BreathPhase, str] = {
    BreathPhase.INHALE: tr_noop("Pacer", "Breathe in"),
    BreathPhase.HOLD_IN: tr_noop("Pacer", "Hold"),
    BreathPhase.EXHALE: tr_noop("Pacer", "Breathe out"),
    BreathPhase.HOLD_OUT: tr_noop("Pacer", "Rest"),
}


@dataclass(frozen=True, kw_only=True)
class BreathPattern:
    """Seconds per phase and how many breaths (cycles) one run lasts.

    Keyword-only, so a hold can never be mistaken for an out-breath.
    """

    inhale: float
    hold_in: float = 0.0
    exhale: float
    hold_out: float = 0.0
    cycles: int = 1

    def __post_init__(self) -> None:
        if self.inhale <= 0 or self.exhale <= 0:
            raise ValueError("inhale and exhale must be longer than 0 seconds")
        if self.hold_in < 0 or self.hold_out < 0:
            raise ValueError("holds cannot be negative")
        if self.cycles < 1:
            raise ValueError("a pattern needs at least one cycle")

    @property
    def has_holds(self) -> bool:
        """True if the pattern asks the patient to hold the breath at any point."""
        return self.hold_in > 0 or self.hold_out > 0

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    @property
    def total_seconds(self) -> float:
        return self.cycle_seconds * self.cycles

    def phases(self) -> list[tuple[BreathPhase, float]]:
        """The phases of one cycle with their lengths, zero-length holds left out."""
        ordered = [
            (BreathPhase.INHALE, self.inhale),
            (BreathPhase.HOLD_IN, self.hold_in),
            (BreathPhase.EXHALE, self.exhale),
            (BreathPhase.HOLD_OUT, self.hold_out),
        ]
        return [(phase, seconds) for phase, seconds in ordered if seconds > 0]

    @property
    def label(self) -> str:
        """Compact form such as "4-7-8" or "4-4-4-4" (in-hold-out-hold)."""
        parts = [self.inhale, self.hold_in, self.exhale, self.hold_out]
        if self.hold_out == 0:
            parts = parts[:3]
        if self.hold_in == 0 and self.hold_out == 0:
            parts = [self.inhale, self.exhale]
        return "-".join(_num(p) for p in parts)


@dataclass(frozen=True)
class PacerState:
    """What the pacer shows at one moment."""

    phase: BreathPhase
    phase_progress: float  # 0..1 through the current phase
    phase_remaining: float  # seconds left in the current phase
    radius_fraction: float  # 0 = smallest circle, 1 = largest
    cycle: int  # 0-based breath number
    done: bool  # the pattern's cycles are over


def ease_in_out(x: float) -> float:
    """Sine easing: starts and ends slowly, so the circle never jerks."""
    x = min(1.0, max(0.0, x))
    return 0.5 - 0.5 * math.cos(math.pi * x)


def _radius(phase: BreathPhase, progress: float) -> float:
    if phase is BreathPhase.INHALE:
        return ease_in_out(progress)
    if phase is BreathPhase.HOLD_IN:
        return 1.0
    if phase is BreathPhase.EXHALE:
        return 1.0 - ease_in_out(progress)
    return 0.0


def pacer_state(pattern: BreathPattern, t_seconds: float) -> PacerState:
    """The pacer at `t_seconds` after the breathing started (negative counts as 0)."""
    t = max(0.0, t_seconds)
    phases = pattern.phases()
    if t >= pattern.total_seconds:
        last_phase, _ = phases[-1]
        return PacerState(
            phase=last_phase,
            phase_progress=1.0,
            phase_remaining=0.0,
            radius_fraction=_radius(last_phase, 1.0),
            cycle=pattern.cycles - 1,
            done=True,
        )
    cycle = int(t // pattern.cycle_seconds)
    within = t - cycle * pattern.cycle_seconds
    start = 0.0
    for phase, seconds in phases:
        end = start + seconds
        if within < end:
            progress = (within - start) / seconds
            return PacerState(
                phase=phase,
                phase_progress=progress,
                phase_remaining=end - within,
                radius_fraction=_radius(phase, progress),
                cycle=cycle,
                done=False,
            )
        start = end
    # Float rounding can leave `within` a hair past the last boundary.
    last_phase, _ = phases[-1]
    return PacerState(last_phase, 1.0, 0.0, _radius(last_phase, 1.0), cycle, False)


def describe_pattern(pattern: BreathPattern) -> str:
    """A static description for people who turn animation off (reduce motion)."""
    parts = [f"Breathe in for {_seconds(pattern.inhale)}"]
    if pattern.hold_in:
        parts.append(f"hold for {_seconds(pattern.hold_in)}")
    parts.append(f"breathe out for {_seconds(pattern.exhale)}")
    if pattern.hold_out:
        parts.append(f"rest for {_seconds(pattern.hold_out)}")
    rhythm = ", ".join(parts[:-1]) + f", then {parts[-1]}." if len(parts) > 1 else parts[0]
    breaths = "1 breath" if pattern.cycles == 1 else f"{pattern.cycles} breaths"
    return f"{rhythm} Repeat for {breaths}, about {_duration(pattern.total_seconds)}."


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _seconds(value: float) -> str:
    return f"{_num(value)} second" + ("" if value == 1 else "s")


def _duration(total: float) -> str:
    seconds = round(total)
    minutes, rest = divmod(seconds, 60)
    if minutes == 0:
        return _seconds(rest)
    text = "1 minute" if minutes == 1 else f"{minutes} minutes"
    if rest:
        text += f" {rest} seconds" if rest != 1 else " 1 second"
    return text
