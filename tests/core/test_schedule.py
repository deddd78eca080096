"""The integration schedule: time semantics, overlap, series end, reconcile, missed."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate.core.model import (
    CheckIn,
    CheckInState,
    Phase,
    Series,
    Session,
    SessionKind,
    SessionStatus,
)
from integrate.core.quiet_hours import QuietHours
from integrate.core.schedule import (
    ReconcileResult,
    ScheduleConfig,
    compute_schedule,
    mark_missed,
    reconcile,
    upcoming,
)

NO_QUIET = QuietHours(time(0, 0), time(0, 0))
POST = (Phase.SAME_DAY, Phase.DAY_1, Phase.DAY_2, Phase.DAY_3)
EARLY = datetime(2000, 1, 1, tzinfo=UTC)  # a `now` before every test session


def local(tz: str, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz), fold=fold)  # type: ignore[misc]


def ket(
    uid: str,
    at: datetime,
    tz: str = "Europe/Berlin",
    status: SessionStatus = SessionStatus.DONE,
    series_id: int | None = None,
) -> Session:
    return Session(at=at, tz=tz, uid=uid, status=status, series_id=series_id)


def therapy(uid: str, at: datetime, tz: str = "Europe/Berlin") -> Session:
    return Session(at=at, tz=tz, uid=uid, kind=SessionKind.THERAPY, status=SessionStatus.PLANNED)


def by_key(checkins: list[CheckIn]) -> dict[str, CheckIn]:
    return {c.key: c for c in checkins}


def wall(c: CheckIn, tz: str) -> datetime:
    return c.due_at.astimezone(ZoneInfo(tz))


# ----- basic shape --------------------------------------------------------------------


def test_done_session_produces_post_session_phases_with_stable_keys() -> None:
    s = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    first = compute_schedule([s], [], ScheduleConfig(), EARLY)
    again = compute_schedule([s], [], ScheduleConfig(), EARLY + timedelta(days=9000))
    assert [c.key for c in first] == [c.key for c in again]
    keys = by_key(first)
    assert {"a:same_day", "a:day_1", "a:day_2", "a:day_3", "a:between:1"} <= set(keys)
    assert "a:preparation" not in keys
    assert all(c.state is CheckInState.DUE and c.session_uid == "a" for c in first)
    assert all(c.due_at.utcoffset() == timedelta(0) for c in first)
    assert [c.due_at for c in first] == sorted(c.due_at for c in first)
    assert wall(keys["a:same_day"], "Europe/Berlin") == local("Europe/Berlin", 2024, 5, 6, 11, 0)
    assert wall(keys["a:day_1"], "Europe/Berlin") == local("Europe/Berlin", 2024, 5, 7, 10, 0)
    assert wall(keys["a:day_3"], "Europe/Berlin") == local("Europe/Berlin", 2024, 5, 9, 10, 0)


def test_between_sessions_every_interval_and_capped() -> None:
    s = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    config = ScheduleConfig(between_interval_days=3, between_max=4)
    between = [c for c in compute_schedule([s], [], config, EARLY) if c.phase is Phase.BETWEEN]
    assert [c.key for c in between] == [f"a:between:{n}" for n in range(1, 5)]
    days = [wall(c, "Europe/Berlin").date() for c in between]
    assert days == [date(2024, 5, 12), date(2024, 5, 15), date(2024, 5, 18), date(2024, 5, 21)]


def test_planned_session_gets_only_preparation_the_evening_before() -> None:
    s = ket("p", local("Europe/Berlin", 2024, 5, 10, 9, 0), status=SessionStatus.PLANNED)
    result = compute_schedule([s], [], ScheduleConfig(), EARLY)
    assert [c.key for c in result] == ["p:preparation"]
    assert wall(result[0], "Europe/Berlin") == local("Europe/Berlin", 2024, 5, 9, 19, 0)


def test_preparation_disappears_once_the_planned_start_has_passed() -> None:
    s = ket("p", local("Europe/Berlin", 2024, 5, 10, 9, 0), status=SessionStatus.PLANNED)
    before = datetime(2024, 5, 10, 6, 59, tzinfo=UTC)
    after = datetime(2024, 5, 10, 7, 1, tzinfo=UTC)
    assert [c.key for c in compute_schedule([s], [], ScheduleConfig(), before)] == ["p:preparation"]
    assert compute_schedule([s], [], ScheduleConfig(), after) == []


def test_disabled_phases_are_not_produced() -> None:
    s = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    config = ScheduleConfig(enabled_phases=frozenset({Phase.DAY_1, Phase.DAY_3}))
    assert [c.key for c in compute_schedule([s], [], config, EARLY)] == ["a:day_1", "a:day_3"]


def test_custom_times() -> None:
    s = ket("a", local("America/New_York", 2024, 5, 6, 13, 15), tz="America/New_York")
    config = ScheduleConfig(same_day_hours=3.5, day_time=time(18, 30))
    keys = by_key(compute_schedule([s], [], config, EARLY))
    assert wall(keys["a:same_day"], "America/New_York") == local(
        "America/New_York", 2024, 5, 6, 16, 45
    )
    assert wall(keys["a:day_2"], "America/New_York") == local(
        "America/New_York", 2024, 5, 8, 18, 30
    )


# ----- DST ------------------------------------------------------------------------------

# (zone, session start, same-day due 2 elapsed hours later as a local wall time)
SAME_DAY_ACROSS_DST = [
    # spring forward 02:00 -> 03:00: 01:30 + 2 h elapsed is 04:30 wall time
    ("America/New_York", (2024, 3, 10, 1, 30), (2024, 3, 10, 4, 30), 0),
    ("Europe/Berlin", (2024, 3, 31, 1, 30), (2024, 3, 31, 4, 30), 0),
    ("Australia/Sydney", (2024, 10, 6, 1, 30), (2024, 10, 6, 4, 30), 0),
    # fall back: 2 elapsed hours land on the repeated hour (second occurrence, fold=1)
    ("America/New_York", (2024, 11, 3, 0, 30), (2024, 11, 3, 1, 30), 1),
    ("Europe/Berlin", (2024, 10, 27, 1, 30), (2024, 10, 27, 2, 30), 1),
    ("Australia/Sydney", (2024, 4, 7, 1, 30), (2024, 4, 7, 2, 30), 1),
]


@pytest.mark.parametrize(("tz", "start", "expected", "fold"), SAME_DAY_ACROSS_DST)
def test_same_day_offset_is_elapsed_time_across_dst(
    tz: str, start: tuple[int, ...], expected: tuple[int, ...], fold: int
) -> None:
    s = ket("a", local(tz, *start), tz=tz)
    config = ScheduleConfig(quiet_hours=NO_QUIET)
    due = by_key(compute_schedule([s], [], config, EARLY))["a:same_day"].due_at
    assert due - s.at.astimezone(UTC) == timedelta(hours=2)
    assert due == local(tz, *expected, fold=fold).astimezone(UTC)
    assert due.astimezone(ZoneInfo(tz)).replace(tzinfo=None) == datetime(*expected)  # type: ignore[misc]


# (zone, session day, day-1 elapsed hours from 10:00 to 10:00 across the change)
DAY_ACROSS_DST = [
    ("America/New_York", (2024, 3, 9), 23),
    ("America/New_York", (2024, 11, 2), 25),
    ("Europe/Berlin", (2024, 3, 30), 23),
    ("Europe/Berlin", (2024, 10, 26), 25),
    ("Australia/Sydney", (2024, 10, 5), 23),  # southern hemisphere: spring in October
    ("Australia/Sydney", (2024, 4, 6), 25),
]


@pytest.mark.parametrize(("tz", "day", "hours"), DAY_ACROSS_DST)
def test_day_n_keeps_the_wall_time_across_dst(
    tz: str, day: tuple[int, int, int], hours: int
) -> None:
    s = ket("a", local(tz, *day, 10, 0), tz=tz)
    keys = by_key(compute_schedule([s], [], ScheduleConfig(quiet_hours=NO_QUIET), EARLY))
    for n in (1, 2, 3):
        got = wall(keys[f"a:day_{n}"], tz)
        assert got.replace(tzinfo=None) == datetime(*day, 10, 0) + timedelta(days=n)
    assert keys["a:day_1"].due_at - s.at.astimezone(UTC) == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("tz", "day"), [("America/New_York", (2024, 3, 9)), ("Europe/Berlin", (2024, 3, 30))]
)
def test_day_time_skipped_by_spring_forward_moves_forward_by_the_gap(
    tz: str, day: tuple[int, int, int]
) -> None:
    s = ket("a", local(tz, *day, 12, 0), tz=tz)
    config = ScheduleConfig(quiet_hours=NO_QUIET, day_time=time(2, 30))
    got = wall(by_key(compute_schedule([s], [], config, EARLY))["a:day_1"], tz)
    assert (got.hour, got.minute) == (3, 30)
    assert got.date() == date(*day) + timedelta(days=1)


@pytest.mark.parametrize(
    ("tz", "day", "first_offset"),
    [("America/New_York", (2024, 11, 2), -4), ("Europe/Berlin", (2024, 10, 26), 2)],
)
def test_ambiguous_day_time_on_fall_back_takes_first_occurrence(
    tz: str, day: tuple[int, int, int], first_offset: int
) -> None:
    s = ket("a", local(tz, *day, 12, 0), tz=tz)
    at = time(1, 30) if tz == "America/New_York" else time(2, 30)
    config = ScheduleConfig(quiet_hours=NO_QUIET, day_time=at)
    got = wall(by_key(compute_schedule([s], [], config, EARLY))["a:day_1"], tz)
    assert got.time() == at
    assert got.utcoffset() == timedelta(hours=first_offset)


def test_preparation_evening_before_across_dst() -> None:
    tz = "America/New_York"
    # Session the morning after spring-forward night; preparation on the 9th, 19:00 EST.
    s = ket("p", local(tz, 2024, 3, 10, 9, 0), tz=tz, status=SessionStatus.PLANNED)
    prep = compute_schedule([s], [], ScheduleConfig(), EARLY)[0]
    assert wall(prep, tz) == local(tz, 2024, 3, 9, 19, 0)
    assert s.at.astimezone(UTC) - prep.due_at == timedelta(hours=13)


# ----- quiet hours ---------------------------------------------------------------------


def test_quiet_hours_do_not_move_check_ins() -> None:
    # Quiet hours hold back notifications (core.reminders), never the check-in itself.
    s = ket("a", local("Europe/Berlin", 2024, 5, 6, 21, 0))
    keys = by_key(compute_schedule([s], [], ScheduleConfig(), EARLY))
    assert wall(keys["a:same_day"], "Europe/Berlin") == local("Europe/Berlin", 2024, 5, 6, 23, 0)
    off = by_key(compute_schedule([s], [], ScheduleConfig(quiet_hours=NO_QUIET), EARLY))
    assert off["a:same_day"].due_at == keys["a:same_day"].due_at


def test_an_evening_sessions_same_day_check_in_stays_on_its_day() -> None:
    # Issue 18: a session at 20:00 had its same-day check-in at 08:00 the next morning.
    for hour, minute in ((20, 0), (22, 30), (23, 30)):
        start = local("Europe/Berlin", 2024, 5, 6, hour, minute)
        keys = by_key(compute_schedule([ket("a", start)], [], ScheduleConfig(), EARLY))
        due = wall(keys["a:same_day"], "Europe/Berlin")
        assert due.date() == date(2024, 5, 6)
        assert start <= due <= local("Europe/Berlin", 2024, 5, 6, 23, 59)
        assert due < wall(keys["a:day_1"], "Europe/Berlin")


def test_day_time_inside_quiet_hours_is_kept() -> None:
    s = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    config = ScheduleConfig(day_time=time(6, 45))
    keys = by_key(compute_schedule([s], [], config, EARLY))
    assert wall(keys["a:day_1"], "Europe/Berlin") == local("Europe/Berlin", 2024, 5, 7, 6, 45)


def test_same_day_on_a_spring_forward_evening_stays_on_its_day() -> None:
    tz = "America/New_York"
    # 21:30 EST the evening before spring-forward: +2 h = 23:30, still that day.
    s = ket("a", local(tz, 2024, 3, 9, 21, 30), tz=tz)
    got = wall(by_key(compute_schedule([s], [], ScheduleConfig(), EARLY))["a:same_day"], tz)
    assert got == local(tz, 2024, 3, 9, 23, 30)
    assert got.utcoffset() == timedelta(hours=-5)


# ----- overlap --------------------------------------------------------------------------


def test_newer_done_session_supersedes_older_checkins_due_after_it() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))  # Monday
    b = ket("b", local("Europe/Berlin", 2024, 5, 8, 9, 0))  # Wednesday
    keys = by_key(compute_schedule([b, a], [], ScheduleConfig(), EARLY))
    assert keys["a:same_day"].state is CheckInState.DUE
    assert keys["a:day_1"].state is CheckInState.DUE
    assert keys["a:day_2"].state is CheckInState.SUPERSEDED  # Wed 10:00, after b's start
    assert keys["a:day_3"].state is CheckInState.SUPERSEDED
    assert not [k for k in keys if k.startswith("a:between")]
    assert all(keys[f"b:{p}"].state is CheckInState.DUE for p in POST)


def test_checkin_due_just_before_the_newer_start_is_kept() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    b = ket("b", local("Europe/Berlin", 2024, 5, 7, 10, 1))  # a:day_1 is 10:00
    keys = by_key(compute_schedule([a, b], [], ScheduleConfig(), EARLY))
    assert keys["a:day_1"].state is CheckInState.DUE
    assert keys["a:day_2"].state is CheckInState.SUPERSEDED


def test_sessions_at_the_same_moment_never_both_count() -> None:
    at = local("Europe/Berlin", 2024, 5, 6, 9, 0)
    result = compute_schedule([ket("x", at), ket("y", at)], [], ScheduleConfig(), EARLY)
    live = {c.session_uid for c in result if c.state is CheckInState.DUE}
    assert live == {"y"}  # ties broken by uid: the later uid is "newer"


def test_planned_session_does_not_supersede_but_ends_between_window() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    b = ket("b", local("Europe/Berlin", 2024, 5, 17, 9, 0), status=SessionStatus.PLANNED)
    result = compute_schedule([a, b], [], ScheduleConfig(), EARLY)
    assert all(c.state is CheckInState.DUE for c in result)
    between = [c for c in result if c.phase is Phase.BETWEEN]
    # day 7 (13th) is in; day 11 (17th) is not: it must be > 24 h before b's start.
    assert [wall(c, "Europe/Berlin").date() for c in between] == [date(2024, 5, 13)]
    assert "b:preparation" in by_key(result)


def test_schedule_work_grows_linearly_with_the_number_of_sessions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ten years of sessions must not cost n x n: finding the next ketamine session used
    to scan every session for each one (53,826 time conversions for 252 sessions)."""
    import integrate.core.schedule as schedule

    calls = 0
    real = schedule._utc

    def counting(moment: datetime) -> datetime:
        nonlocal calls
        calls += 1
        return real(moment)

    monkeypatch.setattr(schedule, "_utc", counting)

    def work(n: int) -> int:
        nonlocal calls
        calls = 0
        start = local("Europe/Berlin", 2015, 1, 5, 9, 0)
        sessions = [
            ket(f"s{i:04}", start + timedelta(days=14 * i), status=status)
            for i in range(n)
            for status in [SessionStatus.PLANNED if i % 5 == 4 else SessionStatus.DONE]
        ]
        compute_schedule(sessions, [], ScheduleConfig(), EARLY)
        return calls

    small, large = work(100), work(400)
    assert large < 5 * small  # linear: ~4x; the quadratic scan was ~16x


def test_therapy_appointment_does_not_supersede_ketamine_checkins() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    t = therapy("t", local("Europe/Berlin", 2024, 5, 7, 9, 0))
    keys = by_key(compute_schedule([a, t], [], ScheduleConfig(), EARLY))
    assert all(keys[f"a:{p}"].state is CheckInState.DUE for p in POST)


# ----- therapy prep and series -----------------------------------------------------------


def test_therapy_appointment_adds_prepare_for_therapy_the_evening_before() -> None:
    t = therapy("t", local("Europe/Berlin", 2024, 5, 7, 15, 0))
    result = compute_schedule([t], [], ScheduleConfig(therapy_prep_time=time(18, 30)), EARLY)
    assert [(c.key, c.phase) for c in result] == [("t:therapy_prep", Phase.THERAPY_PREP)]
    assert wall(result[0], "Europe/Berlin") == local("Europe/Berlin", 2024, 5, 6, 18, 30)
    later = datetime(2024, 5, 7, 14, 0, tzinfo=UTC)
    assert compute_schedule([t], [], ScheduleConfig(), later) == []


def make_series(ended_on: date | None) -> Series:
    return Series(name="Spring", started_on=date(2024, 5, 6), ended_on=ended_on, uid="S", id=7)


def test_series_end_adds_review_after_last_day_3_and_stops_between() -> None:
    tz = "America/New_York"
    sessions = [
        ket(f"s{i}", local(tz, 2024, 5, 6 + 2 * i, 9, 0), tz=tz, series_id=7) for i in range(3)
    ]
    # Series ended on the day of its last session (May 10): review on May 14.
    series = make_series(date(2024, 5, 10))
    result = compute_schedule(sessions, [series], ScheduleConfig(), EARLY)
    keys = by_key(result)
    review = keys["S:series_review"]
    assert review.phase is Phase.SERIES_REVIEW
    assert review.series_uid == "S" and review.session_uid is None
    assert wall(review, tz) == local(tz, 2024, 5, 14, 10, 0)
    assert not [k for k in keys if k.startswith("s2:between")]  # May 17 > review - 24 h
    assert all(c.series_uid == "S" for c in result)


def test_series_review_on_a_later_end_date_and_between_until_then() -> None:
    tz = "Europe/Berlin"
    s = ket("s0", local(tz, 2024, 5, 6, 9, 0), tz=tz, series_id=7)
    result = compute_schedule([s], [make_series(date(2024, 5, 20))], ScheduleConfig(), EARLY)
    keys = by_key(result)
    assert wall(keys["S:series_review"], tz) == local(tz, 2024, 5, 20, 10, 0)
    between = [wall(c, tz).date() for c in result if c.phase is Phase.BETWEEN]
    assert between == [date(2024, 5, 13), date(2024, 5, 17)]


def test_open_series_has_no_review() -> None:
    s = ket("s0", local("Europe/Berlin", 2024, 5, 6, 9, 0), series_id=7)
    result = compute_schedule([s], [make_series(None)], ScheduleConfig(), EARLY)
    assert not [c for c in result if c.phase is Phase.SERIES_REVIEW]


def test_ended_series_without_sessions_uses_latest_session_zone() -> None:
    other = ket("x", local("Australia/Sydney", 2024, 1, 2, 9, 0), tz="Australia/Sydney")
    result = compute_schedule([other], [make_series(date(2024, 6, 1))], ScheduleConfig(), EARLY)
    review = by_key(result)["S:series_review"]
    assert wall(review, "Australia/Sydney") == local("Australia/Sydney", 2024, 6, 1, 10, 0)


# ----- input checks and config -----------------------------------------------------------


def test_rejects_naive_times_duplicate_uids_and_unknown_zones() -> None:
    s = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    with pytest.raises(ValueError):
        compute_schedule([s], [], ScheduleConfig(), datetime(2024, 1, 1))
    with pytest.raises(ValueError):
        compute_schedule([s, replace(s)], [], ScheduleConfig(), EARLY)
    with pytest.raises(ValueError):
        compute_schedule([replace(s, tz="Mars/Olympus")], [], ScheduleConfig(), EARLY)
    with pytest.raises(ValueError):
        compute_schedule([replace(s, at=datetime(2024, 5, 6, 9))], [], ScheduleConfig(), EARLY)


def test_config_round_trips_through_json() -> None:
    config = ScheduleConfig(
        enabled_phases=frozenset({Phase.DAY_1, Phase.THERAPY_PREP}),
        same_day_hours=1.5,
        day_time=time(9, 15),
        preparation_time=time(20, 0),
        therapy_prep_time=time(18, 0),
        quiet_hours=QuietHours(time(23, 0), time(7, 30)),
        between_interval_days=3,
        between_max=2,
        missed_grace_hours=36.0,
    )
    data = json.loads(json.dumps(config.to_dict()))
    assert data["enabled_phases"] == ["day_1", "therapy_prep"]
    assert ScheduleConfig.from_dict(data) == config
    assert ScheduleConfig.from_dict({}) == ScheduleConfig()
    off = ScheduleConfig(quiet_hours=NO_QUIET)
    assert ScheduleConfig.from_dict(off.to_dict()).quiet_hours.enabled is False


@pytest.mark.parametrize(
    "bad",
    [
        {"enabled_phases": ["day_9"]},
        {"day_time": "25:00"},
        {"quiet_hours": "late"},
        {"same_day_hours": 0},
        {"between_interval_days": 0},
        {"between_max": 1.5},
        {"between_max": True},
    ],
)
def test_config_rejects_bad_values(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ScheduleConfig.from_dict(bad)


# ----- reconcile: edits and deletions -----------------------------------------------------


@dataclass
class Row:
    state: CheckInState
    due: datetime
    session_uid: str | None


class FakeStore:
    """What the vault does with a ReconcileResult (sessions cascade their check-ins)."""

    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}

    def states(self) -> dict[str, CheckInState]:
        return {k: r.state for k, r in self.rows.items()}

    def dues(self) -> dict[str, datetime]:
        return {k: r.due for k, r in self.rows.items()}

    def apply(self, result: ReconcileResult) -> None:
        for c in result.insert:
            assert c.key not in self.rows
            self.rows[c.key] = Row(c.state, c.due_at, c.session_uid)
        for c in result.update:
            self.rows[c.key] = Row(c.state, c.due_at, c.session_uid)
        for key in result.supersede:
            self.rows[key].state = CheckInState.SUPERSEDED
        for key in result.delete:
            del self.rows[key]

    def delete_session(self, uid: str) -> None:  # ON DELETE CASCADE
        self.rows = {k: r for k, r in self.rows.items() if r.session_uid != uid}

    def sync(
        self, sessions: list[Session], series: list[Series], now: datetime = EARLY
    ) -> ReconcileResult:
        result = reconcile(
            compute_schedule(sessions, series, ScheduleConfig(), now), self.states(), self.dues()
        )
        self.apply(result)
        return result


def test_first_sync_inserts_due_and_skips_never_stored_superseded() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    b = ket("b", local("Europe/Berlin", 2024, 5, 8, 9, 0))
    store = FakeStore()
    result = store.sync([a, b], [])
    assert {c.key for c in result.insert} == {k for k, r in store.rows.items()}
    assert "a:day_2" not in store.rows
    assert all(r.state is CheckInState.DUE for r in store.rows.values())
    assert store.sync([a, b], []).empty


def test_adding_a_newer_session_marks_stored_checkins_superseded_not_duplicated() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    store = FakeStore()
    store.sync([a], [])
    store.rows["a:day_1"].state = CheckInState.DONE
    b = ket("b", local("Europe/Berlin", 2024, 5, 7, 9, 0))  # before a:day_1 (10:00)
    result = store.sync([a, b], [])
    # a:day_1 would be superseded too, but the patient already did it.
    assert set(result.supersede) == {"a:day_2", "a:day_3"}
    assert set(result.delete) == {f"a:between:{n}" for n in range(1, 6)}
    assert store.rows["a:day_1"].state is CheckInState.DONE  # the patient's, untouched
    assert store.rows["a:day_2"].state is CheckInState.SUPERSEDED
    live = [k for k, r in store.rows.items() if r.state is CheckInState.DUE]
    assert len(live) == len(set(live))
    assert store.sync([a, b], []).empty


def test_moving_a_session_updates_due_times_in_place() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    store = FakeStore()
    store.sync([a], [])
    before = dict(store.rows)
    moved = replace(a, at=local("Europe/Berlin", 2024, 5, 7, 9, 0))
    result = store.sync([moved], [])
    assert not result.insert and not result.delete
    assert {c.key for c in result.update} == set(before)
    assert wall_row(store, "a:day_1") == local("Europe/Berlin", 2024, 5, 8, 10, 0)


def wall_row(store: FakeStore, key: str) -> datetime:
    return store.rows[key].due.astimezone(ZoneInfo("Europe/Berlin"))


def test_editing_a_session_that_does_not_change_times_is_a_no_op() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    store = FakeStore()
    store.sync([a], [])
    assert store.sync([replace(a, notes="felt calm", dose=0.5)], []).empty


def test_moving_or_deleting_the_newer_session_revives_superseded_checkins() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    b = ket("b", local("Europe/Berlin", 2024, 5, 7, 9, 0))
    store = FakeStore()
    store.sync([a], [])
    store.sync([a, b], [])
    assert store.rows["a:day_3"].state is CheckInState.SUPERSEDED
    later_b = replace(b, at=local("Europe/Berlin", 2024, 5, 8, 12, 0))  # after a:day_2
    store.sync([a, later_b], [])
    assert store.rows["a:day_2"].state is CheckInState.DUE
    assert store.rows["a:day_3"].state is CheckInState.SUPERSEDED
    store.delete_session("b")
    result = store.sync([a], [])
    assert "a:day_3" in {c.key for c in result.update}
    assert store.rows["a:day_3"].state is CheckInState.DUE
    assert not [k for k in store.rows if k.startswith("b:")]


def test_deleting_a_session_deletes_its_open_checkins_and_keeps_no_orphans() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    store = FakeStore()
    store.sync([a], [])
    store.rows["a:same_day"].state = CheckInState.DONE
    # Storage syncs without relying on cascade here: open rows go, the done row is
    # reported as retained (the vault's ON DELETE CASCADE removes it with the session).
    result = reconcile(compute_schedule([], [], ScheduleConfig(), EARLY), store.states())
    assert result.retained == ["a:same_day"]
    assert "a:same_day" not in result.delete
    assert set(result.delete) == set(store.rows) - {"a:same_day"}


def test_planned_to_done_keeps_a_done_preparation_and_drops_an_open_one() -> None:
    p = ket("p", local("Europe/Berlin", 2024, 5, 10, 9, 0), status=SessionStatus.PLANNED)
    q = ket("q", local("Europe/Berlin", 2024, 5, 20, 9, 0), status=SessionStatus.PLANNED)
    store = FakeStore()
    store.sync([p, q], [])
    store.rows["p:preparation"].state = CheckInState.DONE
    done = [replace(p, status=SessionStatus.DONE), replace(q, status=SessionStatus.DONE)]
    result = store.sync(done, [])
    assert result.retained == ["p:preparation"]
    assert "q:preparation" in result.delete
    assert store.rows["p:preparation"].state is CheckInState.DONE
    assert "q:preparation" not in store.rows
    assert "p:same_day" in store.rows


def test_done_checkin_that_becomes_superseded_stays_done_and_follows_its_session() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    store = FakeStore()
    store.sync([a], [])
    store.rows["a:day_3"].state = CheckInState.SKIPPED
    b = ket("b", local("Europe/Berlin", 2024, 5, 7, 9, 0))
    result = store.sync([a, b], [])
    assert "a:day_3" not in result.supersede
    assert store.rows["a:day_3"].state is CheckInState.SKIPPED


def test_series_end_and_reopen_through_reconcile() -> None:
    s = ket("s0", local("Europe/Berlin", 2024, 5, 6, 9, 0), series_id=7)
    store = FakeStore()
    store.sync([s], [make_series(None)])
    assert "S:series_review" not in store.rows
    store.sync([s], [make_series(date(2024, 5, 12))])
    assert store.rows["S:series_review"].state is CheckInState.DUE
    assert "s0:between:2" not in store.rows  # between stops before the review
    store.sync([s], [make_series(None)])  # series reopened
    assert "S:series_review" not in store.rows
    assert "s0:between:2" in store.rows


def test_reconcile_rejects_duplicate_keys() -> None:
    c = CheckIn(key="k", phase=Phase.DAY_1, due_at=EARLY)
    with pytest.raises(ValueError):
        reconcile([c, replace(c)], {})


# ----- missed --------------------------------------------------------------------------


def _post(now_offset: timedelta) -> tuple[list[CheckIn], datetime]:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    return compute_schedule([a], [], ScheduleConfig(), EARLY), a.at + now_offset


def test_a_checkin_is_missed_when_the_next_one_of_its_session_is_due() -> None:
    checkins, now = _post(timedelta(hours=25, minutes=1))  # day_1 (Tue 10:00) has come
    missed = mark_missed(checkins, now)
    assert [c.key for c in missed] == ["a:same_day"]
    assert missed[0].state is CheckInState.MISSED
    assert checkins[0].state is CheckInState.DUE  # inputs are not mutated
    assert [c.key for c in upcoming(checkins, now)] == ["a:same_day", "a:day_1"]


def test_a_checkin_is_missed_after_the_grace_period() -> None:
    checkins, _ = _post(timedelta(0))
    day_3 = by_key(checkins)["a:day_3"]
    assert mark_missed([day_3], day_3.due_at + timedelta(hours=47, minutes=59)) == []
    assert [c.key for c in mark_missed([day_3], day_3.due_at + timedelta(hours=48))] == ["a:day_3"]
    short = mark_missed([day_3], day_3.due_at + timedelta(hours=13), grace=timedelta(hours=12))
    assert [c.key for c in short] == ["a:day_3"]


def test_only_due_checkins_can_be_missed() -> None:
    checkins, now = _post(timedelta(days=60))
    states = [CheckInState.DONE, CheckInState.SKIPPED, CheckInState.SUPERSEDED, CheckInState.MISSED]
    others = [replace(c, state=states[i % 4]) for i, c in enumerate(checkins)]
    assert mark_missed(others, now) == []
    assert mark_missed(checkins, checkins[0].due_at - timedelta(minutes=1)) == []


def test_superseded_checkin_does_not_make_an_earlier_one_missed() -> None:
    checkins, _ = _post(timedelta(0))
    same_day, day_1 = by_key(checkins)["a:same_day"], by_key(checkins)["a:day_1"]
    gone = replace(day_1, state=CheckInState.SUPERSEDED)
    assert mark_missed([same_day, gone], day_1.due_at + timedelta(minutes=1)) == []


def test_missed_is_recomputed_after_a_session_moves_later() -> None:
    a = ket("a", local("Europe/Berlin", 2024, 5, 6, 9, 0))
    store = FakeStore()
    store.sync([a], [])
    now = datetime(2024, 5, 7, 12, 0, tzinfo=UTC)
    rows = [
        CheckIn(k, Phase.DAY_1, r.due, r.session_uid, None, r.state) for k, r in store.rows.items()
    ]
    for c in mark_missed(rows, now):
        store.rows[c.key].state = c.state
    assert store.rows["a:same_day"].state is CheckInState.MISSED
    moved = replace(a, at=local("Europe/Berlin", 2024, 5, 9, 9, 0))  # logged the wrong day
    store.sync([moved], [], now)
    assert store.rows["a:same_day"].state is CheckInState.DUE  # revived; not due yet


# ----- properties --------------------------------------------------------------------------

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]
BASE = datetime(2024, 3, 1, tzinfo=UTC)


@st.composite
def session_sets(draw: st.DrawFn) -> list[Session]:
    n = draw(st.integers(min_value=0, max_value=8))
    out = []
    for i in range(n):
        minutes = draw(st.integers(min_value=0, max_value=60 * 24 * 60))
        tz = draw(st.sampled_from(ZONES))
        kind = draw(
            st.sampled_from([SessionKind.KETAMINE, SessionKind.KETAMINE, SessionKind.THERAPY])
        )
        status = draw(st.sampled_from(list(SessionStatus)))
        at = (BASE + timedelta(minutes=minutes)).astimezone(ZoneInfo(tz))
        out.append(
            Session(
                at=at,
                tz=tz,
                kind=kind,
                status=status,
                uid=f"s{i}",
                series_id=draw(st.sampled_from([None, 1])),
            )
        )
    return out


SERIES_ONE = st.sampled_from(
    [
        [],
        [Series("x", date(2024, 3, 1), uid="X", id=1)],
        [Series("x", date(2024, 3, 1), ended_on=date(2024, 4, 10), uid="X", id=1)],
    ]
)
NOWS = st.integers(min_value=0, max_value=60 * 24 * 70).map(lambda m: BASE + timedelta(minutes=m))


@settings(max_examples=150, deadline=None)
@given(sessions=session_sets(), series=SERIES_ONE, now=NOWS)
def test_property_schedule_invariants(
    sessions: list[Session], series: list[Series], now: datetime
) -> None:
    config = ScheduleConfig()
    result = compute_schedule(sessions, series, config, now)
    keys = [c.key for c in result]
    assert len(keys) == len(set(keys))
    uids = {s.uid: s for s in sessions}
    assert all(c.session_uid is None or c.session_uid in uids for c in result)
    for c in result:
        if c.phase is Phase.SAME_DAY and c.session_uid:
            session = uids[c.session_uid]
            tz = ZoneInfo(session.tz)
            assert c.due_at.astimezone(tz).date() == session.at.astimezone(tz).date()
    # No two live windows overlap: a done session's live check-ins all come before
    # the next done session starts; between check-ins a day before any next session.
    done = sorted(
        (s for s in sessions if s.kind is SessionKind.KETAMINE and s.status is SessionStatus.DONE),
        key=lambda s: (s.at.astimezone(UTC), s.uid),
    )
    ket_all = sorted(
        (s for s in sessions if s.kind is SessionKind.KETAMINE),
        key=lambda s: (s.at.astimezone(UTC), s.uid),
    )
    for i, s in enumerate(done):
        mine = [c for c in result if c.session_uid == s.uid]
        # A same-day check-in stays on the session's day: a session at 23:59 gets it at
        # that minute (never before the session, never the next morning).
        assert all(c.due_at >= s.at for c in mine if c.phase is Phase.SAME_DAY)
        assert all(
            c.due_at > s.at for c in mine if c.phase not in (Phase.PREPARATION, Phase.SAME_DAY)
        )
        if i + 1 < len(done):
            nxt = done[i + 1].at
            assert all(c.due_at < nxt for c in mine if c.state is CheckInState.DUE)
            assert all(c.due_at >= nxt for c in mine if c.state is CheckInState.SUPERSEDED)
        j = ket_all.index(s)
        if j + 1 < len(ket_all):
            limit = ket_all[j + 1].at - timedelta(hours=24)
            assert all(c.due_at <= limit for c in mine if c.phase is Phase.BETWEEN)


@settings(max_examples=100, deadline=None)
@given(
    first=session_sets(),
    series=SERIES_ONE,
    drop=st.sets(st.integers(min_value=0, max_value=7)),
    shift=st.integers(min_value=-3000, max_value=3000),
    done_mask=st.lists(st.booleans(), max_size=40),
)
def test_property_reconcile_converges_and_leaves_no_orphans(
    first: list[Session], series: list[Series], drop: set[int], shift: int, done_mask: list[bool]
) -> None:
    store = FakeStore()
    store.sync(first, series)
    for key, flag in zip(sorted(store.rows), done_mask, strict=False):
        if flag:
            store.rows[key].state = CheckInState.DONE
    # Edit: drop some sessions (vault cascades), move the rest.
    kept = []
    for i, s in enumerate(first):
        if i in drop:
            store.delete_session(s.uid)
        else:
            kept.append(replace(s, at=s.at + timedelta(minutes=shift)))
    store.sync(kept, series)
    assert store.sync(kept, series).empty
    live_uids = {s.uid for s in kept}
    assert all(r.session_uid is None or r.session_uid in live_uids for r in store.rows.values())
    computed = by_key(compute_schedule(kept, series, ScheduleConfig(), EARLY))
    for key, row in store.rows.items():
        if row.state in (CheckInState.DUE, CheckInState.SUPERSEDED):
            assert key in computed  # nothing open that the schedule does not produce
        if row.state is CheckInState.DUE:
            assert computed[key].state is CheckInState.DUE
            assert row.due == computed[key].due_at
