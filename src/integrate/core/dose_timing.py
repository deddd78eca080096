"""Questionnaires and the hours after a dose: suggestions wait, manual ones are labelled.

Answers given within a day of a ketamine session reflect its acute effects as much as
the past weeks, so suggested questionnaires move until `quiet_hours` (cadence.toml,
[after_dose]) have passed. A questionnaire the patient starts on their own is never
blocked; it records how many hours after the last session it was taken. Pure: no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from integrate.core.measures import CADENCE_FILE, INSTRUMENTS_DIR
from integrate.resources import ResourceError, load_toml

DEFAULT_QUIET_HOURS = 24
RESULT_KEY = "hours_since_dose"  # optional key in a stored administration's result JSON


def quiet_hours() -> int:
    """Hours after a session without questionnaire suggestions (cadence.toml)."""
    try:
        section = load_toml(INSTRUMENTS_DIR, CADENCE_FILE).get("after_dose", {})
    except ResourceError:
        return DEFAULT_QUIET_HOURS
    value = section.get("quiet_hours", DEFAULT_QUIET_HOURS) if isinstance(section, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 24 * 7:
        return DEFAULT_QUIET_HOURS
    return value


def last_dose(doses: Iterable[datetime], now: datetime) -> datetime | None:
    """The latest session at or before `now` (a later, planned one is not a dose yet)."""
    past = [d for d in doses if d <= now]
    return max(past) if past else None


def suggestions_resume_at(last: datetime | None, now: datetime, hours: int) -> datetime | None:
    """When suggestions come back, or None when they are not paused."""
    if last is None:
        return None
    resume = last + timedelta(hours=hours)
    return resume if now < resume else None


def after_dose_pause(moment: datetime, doses: Iterable[datetime], hours: int) -> datetime:
    """`moment`, or the end of the after-dose pause it falls in (no questionnaire is
    suggested within `hours` after a session, planned ones included)."""
    moved = moment
    for dose in sorted(doses):
        end = dose + timedelta(hours=hours)
        if dose <= moved < end:
            moved = end
    return moved


def hours_since(last: datetime | None, at: datetime) -> float | None:
    """Hours from the last session to `at`, to one decimal (None without a session)."""
    if last is None or at < last:
        return None
    return round((at - last).total_seconds() / 3600, 1)
