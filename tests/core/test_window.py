"""Where the patient is in the integration window, and planned sessions that have passed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from integrate.core.model import Route, Session, SessionKind, SessionStatus
from integrate.core.window import WindowKind, current_window, planned_but_passed

TZ = ZoneInfo("America/New_York")


def _s(at: datetime, status: SessionStatus = SessionStatus.DONE, **kw: object) -> Session:
    return Session(at=at, tz="America/New_York", route=Route.IV, status=status, **kw)  # type: ignore[arg-type]


def test_day_count_follows_the_local_calendar_across_dst() -> None:
    # Saturday evening before spring-forward; Monday morning is "day 2" though only
    # 37 elapsed hours have passed (one of them skipped by the clock change).
    s = _s(datetime(2024, 3, 9, 20, 0, tzinfo=TZ))
    state = current_window([s], datetime(2024, 3, 11, 9, 0, tzinfo=TZ))
    assert state.kind is WindowKind.DAYS_AFTER and state.day == 2
    # 23:30 on the day itself is still the day of the session.
    same = current_window([s], datetime(2024, 3, 9, 23, 30, tzinfo=TZ))
    assert same.kind is WindowKind.SAME_DAY
    # Judged in the session's zone, not in whatever zone `now` carries.
    utc_now = datetime(2024, 3, 10, 3, 0, tzinfo=ZoneInfo("UTC"))  # 23:00 on the 9th in NY
    assert current_window([s], utc_now).kind is WindowKind.SAME_DAY


def test_planned_sessions_that_passed_are_found_newest_last() -> None:
    now = datetime(2024, 5, 20, 12, 0, tzinfo=TZ)
    passed = _s(now - timedelta(hours=3), SessionStatus.PLANNED, uid="passed")
    older = _s(now - timedelta(days=3), SessionStatus.PLANNED, uid="older")
    ancient = _s(now - timedelta(days=30), SessionStatus.PLANNED, uid="ancient")
    future = _s(now + timedelta(hours=1), SessionStatus.PLANNED, uid="future")
    done = _s(now - timedelta(hours=5), uid="done")
    therapy = Session(
        at=now - timedelta(hours=2),
        tz="America/New_York",
        kind=SessionKind.THERAPY,
        status=SessionStatus.PLANNED,
        uid="therapy",
    )
    found = planned_but_passed([future, passed, done, therapy, ancient, older], now)
    assert [s.uid for s in found] == ["older", "passed"]
    assert [s.uid for s in planned_but_passed([ancient], now, timedelta(days=31))] == ["ancient"]
    # A passed planned session does not count as the last one, nor as the next.
    state = current_window([passed, future], now)
    assert state.kind is WindowKind.BEFORE_FIRST and state.next is future
