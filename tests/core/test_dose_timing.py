"""Questionnaire suggestions wait after a dose; the hours since it are measured."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from integrate.core.dose_timing import (
    hours_since,
    last_dose,
    quiet_hours,
    suggestions_resume_at,
)

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_quiet_hours_come_from_the_cadence_file() -> None:
    assert quiet_hours() == 24


def test_suggestions_move_until_24_hours_after_the_last_dose() -> None:
    doses = [NOW - timedelta(days=7), NOW - timedelta(hours=3), NOW + timedelta(days=2)]
    last = last_dose(doses, NOW)
    assert last == NOW - timedelta(hours=3)  # a planned, future session is not a dose
    assert suggestions_resume_at(last, NOW, 24) == NOW + timedelta(hours=21)
    assert suggestions_resume_at(last, NOW + timedelta(hours=21), 24) is None
    assert suggestions_resume_at(None, NOW, 24) is None


def test_hours_since_the_last_dose() -> None:
    assert hours_since(NOW - timedelta(hours=3, minutes=30), NOW) == 3.5
    assert hours_since(None, NOW) is None
    assert hours_since(NOW + timedelta(hours=1), NOW) is None
