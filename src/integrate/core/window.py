"""Where the patient is in the integration window right now ("Day 2 after session 3").

Pure: returns a small result; the Today screen turns it into words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from integrate.core.model import Session, SessionKind, SessionStatus
from integrate.core.timeutil import zone


class WindowKind(StrEnum):
    NO_SESSIONS = "no_sessions"  # nothing logged or planned yet
    BEFORE_FIRST = "before_first"  # only planned sessions so far
    SAME_DAY = "same_day"  # the day of a session (local calendar day)
    DAYS_AFTER = "days_after"  # day 1-3 after a session
    BETWEEN = "between"  # later than day 3


@dataclass(frozen=True)
class WindowState:
    kind: WindowKind
    session_number: int = 0  # 1-based across the whole history (see session_number)
    day: int = 0  # calendar days since the session (0 on the day)
    last: Session | None = None
    next: Session | None = None  # the next planned ketamine session, if any


def session_number(session: Session, sessions: Sequence[Session]) -> int:
    """1-based number of a ketamine session among all the patient's done ones, in any
    series or none: the seventh session is "session 7" whether or not it was logged in a
    series (a new "Session 1" outside a series read as a fresh start)."""
    peers = [
        s
        for s in sessions
        if s.kind is SessionKind.KETAMINE
        and (s.status is SessionStatus.DONE or s.uid == session.uid)
    ]
    peers.sort(key=lambda s: (s.at, s.uid))
    for index, s in enumerate(peers, start=1):
        if s.uid == session.uid:
            return index
    return 0


def current_window(sessions: Sequence[Session], now: datetime) -> WindowState:
    """The window `now` falls in, judged by the latest done ketamine session before it."""
    ketamine = [s for s in sessions if s.kind is SessionKind.KETAMINE]
    done = sorted(
        (s for s in ketamine if s.status is SessionStatus.DONE and s.at <= now), key=lambda s: s.at
    )
    planned = sorted(
        (s for s in ketamine if s.status is SessionStatus.PLANNED and s.at > now),
        key=lambda s: s.at,
    )
    upcoming = planned[0] if planned else None
    if not done:
        kind = WindowKind.BEFORE_FIRST if upcoming else WindowKind.NO_SESSIONS
        return WindowState(kind, next=upcoming)
    last = done[-1]
    tz = zone(last.tz)
    day = (now.astimezone(tz).date() - last.at.astimezone(tz).date()).days
    number = session_number(last, sessions)
    if day == 0:
        kind = WindowKind.SAME_DAY
    elif day <= 3:
        kind = WindowKind.DAYS_AFTER
    else:
        kind = WindowKind.BETWEEN
    return WindowState(kind, number, day, last, upcoming)


def planned_but_passed(
    sessions: Sequence[Session], now: datetime, within: timedelta = timedelta(days=14)
) -> list[Session]:
    """Planned ketamine sessions whose start has passed (at most `within` ago), oldest first.

    Nothing is scheduled after a session until it is logged as done, so Today asks
    whether these happened rather than letting them sit silently as "planned".
    """
    return sorted(
        (
            s
            for s in sessions
            if s.kind is SessionKind.KETAMINE
            and s.status is SessionStatus.PLANNED
            and now - within <= s.at <= now
        ),
        key=lambda s: (s.at, s.uid),
    )
