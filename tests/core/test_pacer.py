"""The breathing pacer: phase boundaries, smooth radius, holds, description."""

from __future__ import annotations

import pytest

from integrate.core.pacer import (
    BreathPattern,
    BreathPhase,
    describe_pattern,
    ease_in_out,
    pacer_state,
)

BOX = BreathPattern(inhale=4, hold_in=4, exhale=4, hold_out=4, cycles=3)
EXHALE = BreathPattern(inhale=4, exhale=6, cycles=12)
FOUR_SEVEN_EIGHT = BreathPattern(inhale=4, hold_in=7, exhale=8, cycles=4)


def phase_starts(pattern: BreathPattern, step: float = 0.25) -> list[tuple[float, BreathPhase]]:
    """Sample the pacer and record when each phase begins."""
    starts: list[tuple[float, BreathPhase]] = []
    last = None
    t = 0.0
    while t < pattern.total_seconds:
        state = pacer_state(pattern, t)
        key = (state.cycle, state.phase)
        if key != last:
            starts.append((t, state.phase))
            last = key
        t += step
    return starts


def test_478_phase_boundaries_match_the_pattern() -> None:
    starts = phase_starts(FOUR_SEVEN_EIGHT)
    assert starts[:4] == [
        (0.0, BreathPhase.INHALE),
        (4.0, BreathPhase.HOLD_IN),
        (11.0, BreathPhase.EXHALE),
        (19.0, BreathPhase.INHALE),
    ]
    assert len(starts) == 3 * 4  # three phases per cycle, four cycles
    assert FOUR_SEVEN_EIGHT.total_seconds == 76


def test_box_has_four_phases_per_cycle_at_four_second_steps() -> None:
    starts = phase_starts(BOX)
    assert [t for t, _ in starts] == [4.0 * i for i in range(12)]
    assert [p for _, p in starts[:4]] == [
        BreathPhase.INHALE,
        BreathPhase.HOLD_IN,
        BreathPhase.EXHALE,
        BreathPhase.HOLD_OUT,
    ]


def test_pattern_without_holds_never_reports_a_hold() -> None:
    phases = {p for _, p in phase_starts(EXHALE, step=0.1)}
    assert phases == {BreathPhase.INHALE, BreathPhase.EXHALE}
    assert not EXHALE.has_holds
    assert BOX.has_holds


def test_cycle_index_and_remaining() -> None:
    state = pacer_state(EXHALE, 10 * 3 + 5.5)  # 4th breath, 1.5 s into the out-breath
    assert state.cycle == 3
    assert state.phase is BreathPhase.EXHALE
    assert state.phase_progress == pytest.approx(0.25)
    assert state.phase_remaining == pytest.approx(4.5)
    assert not state.done


def test_radius_grows_smoothly_on_inhale_and_shrinks_on_exhale() -> None:
    samples = [pacer_state(EXHALE, t / 10).radius_fraction for t in range(0, 41)]
    assert samples[0] == pytest.approx(0.0)
    assert samples[-1] == pytest.approx(1.0)
    assert all(b > a for a, b in zip(samples, samples[1:], strict=False))
    # Eased: slow at the edges, fastest in the middle.
    assert samples[1] - samples[0] < samples[21] - samples[20]
    exhale = [pacer_state(EXHALE, 4 + t / 10).radius_fraction for t in range(0, 61)]
    assert all(b < a for a, b in zip(exhale, exhale[1:], strict=False))
    assert exhale[-1] == pytest.approx(0.0, abs=1e-9)


def test_radius_is_continuous_across_phase_boundaries() -> None:
    for pattern in (BOX, EXHALE, FOUR_SEVEN_EIGHT):
        for t in [x / 100 for x in range(1, int(pattern.total_seconds * 100))]:
            a = pacer_state(pattern, t - 0.01).radius_fraction
            b = pacer_state(pattern, t).radius_fraction
            assert abs(a - b) < 0.02, (pattern.label, t)


def test_holds_keep_the_radius_steady() -> None:
    held = {round(pacer_state(BOX, 4 + t / 10).radius_fraction, 9) for t in range(0, 40)}
    assert held == {1.0}
    rest = {round(pacer_state(BOX, 12 + t / 10).radius_fraction, 9) for t in range(0, 40)}
    assert rest == {0.0}


def test_after_the_last_cycle_the_pacer_is_done_and_small() -> None:
    state = pacer_state(FOUR_SEVEN_EIGHT, 76)
    assert state.done
    assert state.cycle == 3
    assert state.radius_fraction == 0.0
    assert pacer_state(FOUR_SEVEN_EIGHT, -3) == pacer_state(FOUR_SEVEN_EIGHT, 0)


def test_ease_is_clamped() -> None:
    assert ease_in_out(-1) == 0.0
    assert ease_in_out(2) == 1.0
    assert ease_in_out(0.5) == pytest.approx(0.5)


def test_invalid_patterns_are_refused() -> None:
    with pytest.raises(ValueError):
        BreathPattern(inhale=0, exhale=4)
    with pytest.raises(ValueError):
        BreathPattern(inhale=4, exhale=4, hold_in=-1)
    with pytest.raises(ValueError):
        BreathPattern(inhale=4, exhale=4, cycles=0)


def test_static_description_for_reduce_motion() -> None:
    assert describe_pattern(EXHALE) == (
        "Breathe in for 4 seconds, then breathe out for 6 seconds. "
        "Repeat for 12 breaths, about 2 minutes."
    )
    text = describe_pattern(FOUR_SEVEN_EIGHT)
    assert "hold for 7 seconds" in text and "4 breaths" in text and "1 minute 16 seconds" in text
    assert FOUR_SEVEN_EIGHT.label == "4-7-8"
    assert BOX.label == "4-4-4-4"
    assert EXHALE.label == "4-6"
