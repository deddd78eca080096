"""The integration schedule: which check-ins a set of sessions produces, and when.

Pure functions over `core.model` types; storage calls them and writes the result.

Time semantics (fixed, and tested in tests/core/test_schedule.py):

* Every session carries an aware start `at` and an IANA zone `tz`. All local-calendar
  reasoning for a session happens in that zone.
* Hour offsets are *elapsed* time. The same-day check-in is due `same_day_hours`
  real hours after the start, computed in UTC, so a DST change in between neither
  adds nor removes an hour (a 01:30 start + 2 h on a spring-forward night is 04:30).
  It always belongs to the session's own day: an evening session's check-in is due at
  the latest at 23:59 local time that day, never the next morning.
* "Day N" check-ins fall at the chosen wall-clock time (`day_time`) N *calendar* days
  after the session's local date, in the session's zone. Across a DST change that is
  23 or 25 elapsed hours later, not 24. A wall time skipped by spring-forward moves
  forward by the gap (02:30 becomes 03:30); an ambiguous fall-back time takes its
  first occurrence (see `quiet_hours.local_wall_time`).
* "The evening before" (preparation, therapy preparation) is the given wall time on the
  calendar day before the session's local date.
* Quiet hours (default 22:00-08:00) do not move check-ins: a check-in keeps its due
  time and shows in the app then. Only the notification waits for quiet hours to end
  (`core.reminders.ReminderService`). The setting is stored here because both the
  Schedule and the Reminders settings show it.
* Returned `due_at` values are aware datetimes in UTC, so they compare and subtract
  correctly (Python compares two datetimes sharing one ZoneInfo by wall time, which is
  wrong around fall-back). Convert with `astimezone` for display.

What each session produces (phases switched off in `ScheduleConfig.enabled_phases` are
never produced):

* Ketamine session, planned, start still after `now`: PREPARATION the evening before.
  Once the start has passed (or the session is logged as done) it is no longer computed:
  `reconcile` deletes it if still due, keeps it if the patient did or skipped it.
* Ketamine session, done: SAME_DAY, DAY_1, DAY_2, DAY_3, then BETWEEN every
  `between_interval_days` local days after day 3 (at `day_time`), at most
  `between_max` of them, and only while each is due more than 24 h before the next
  boundary: the start of the next ketamine session (planned or done) or the review of
  the session's ended series.
* Therapy appointment (any status) whose start is after `now`: THERAPY_PREP the evening
  before, at `therapy_prep_time`.
* Series with `ended_on` set: SERIES_REVIEW at `day_time` on the later of `ended_on`
  and the day after the series' last done session's day 3, in the zone of the series'
  latest session (else the latest session of all, else UTC).

Overlap: when a newer *done* ketamine session starts, every post-session check-in of an
older session due at or after the newer start is returned with state SUPERSEDED. The
newer window takes over; nothing is duplicated. Planned sessions do not supersede
anything (they may still move or be cancelled).

Keys are stable: "<session uid>:<phase>", "<session uid>:between:<n>" (n from 1) and
"<series uid>:series_review", so recomputation updates stored rows in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from integrate.core.model import (
    CheckIn,
    CheckInState,
    Phase,
    Series,
    Session,
    SessionKind,
    SessionStatus,
)
from integrate.core.quiet_hours import QuietHours, local_wall_time

# Post-session phases with their calendar-day offset (None: hour offset, elapsed).
_POST_PHASES: tuple[tuple[Phase, int | None], ...] = (
    (Phase.SAME_DAY, None),
    (Phase.DAY_1, 1),
    (Phase.DAY_2, 2),
    (Phase.DAY_3, 3),
)
# A between-sessions check-in must leave this much room before the next boundary,
# so it does not crowd the next preparation or the series review.
_BETWEEN_MARGIN = timedelta(hours=24)
# States the patient chose; the schedule never changes or deletes them.
PATIENT_STATES = frozenset({CheckInState.DONE, CheckInState.SKIPPED})


@dataclass(frozen=True)
class ScheduleConfig:
    """The patient's schedule settings (Settings page), stored as JSON via to_dict()."""

    enabled_phases: frozenset[Phase] = frozenset(Phase)
    same_day_hours: float = 2.0  # elapsed hours after the session start
    day_time: time = time(10, 0)  # wall time of day-N, between and review check-ins
    preparation_time: time = time(19, 0)  # evening before a planned session
    therapy_prep_time: time = time(19, 0)  # evening before a therapy appointment
    quiet_hours: QuietHours = field(default_factory=QuietHours)
    between_interval_days: int = 4  # calendar days between "between sessions" check-ins
    between_max: int = 5  # at most this many after one session
    missed_grace_hours: float = 48.0  # see mark_missed

    def __post_init__(self) -> None:
        if not 0 < self.same_day_hours <= 24:
            raise ValueError("same_day_hours must be more than 0 and at most 24")
        if self.between_interval_days < 1:
            raise ValueError("between_interval_days must be at least 1")
        if self.between_max < 0:
            raise ValueError("between_max must not be negative")
        if self.missed_grace_hours <= 0:
            raise ValueError("missed_grace_hours must be positive")

    @property
    def missed_grace(self) -> timedelta:
        return timedelta(hours=self.missed_grace_hours)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (phases as a sorted list, times as "HH:MM")."""
        order = list(Phase)
        return {
            "enabled_phases": [p.value for p in sorted(self.enabled_phases, key=order.index)],
            "same_day_hours": self.same_day_hours,
            "day_time": self.day_time.strftime("%H:%M"),
            "preparation_time": self.preparation_time.strftime("%H:%M"),
            "therapy_prep_time": self.therapy_prep_time.strftime("%H:%M"),
            "quiet_hours": str(self.quiet_hours),
            "between_interval_days": self.between_interval_days,
            "between_max": self.between_max,
            "missed_grace_hours": self.missed_grace_hours,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScheduleConfig:
        """Inverse of to_dict(). Missing keys take defaults; unknown keys are ignored.

        Raises ValueError on a malformed value (unknown phase, bad time, out of range).
        """
        kwargs: dict[str, Any] = {}
        if "enabled_phases" in data:
            kwargs["enabled_phases"] = frozenset(Phase(p) for p in data["enabled_phases"])
        for name in ("day_time", "preparation_time", "therapy_prep_time"):
            if name in data:
                kwargs[name] = time.fromisoformat(str(data[name]))
        if "quiet_hours" in data:
            kwargs["quiet_hours"] = QuietHours.parse(str(data["quiet_hours"]))
        for name in ("same_day_hours", "missed_grace_hours"):
            if name in data:
                kwargs[name] = float(data[name])
        for name in ("between_interval_days", "between_max"):
            if name in data:
                value = data[name]
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(f"{name} must be a whole number")
                kwargs[name] = value
        return cls(**kwargs)


@dataclass(frozen=True)
class ReconcileResult:
    """What storage must do so its check-ins match a fresh schedule.

    insert: new check-ins (state DUE) to add.
    update: existing rows to rewrite: due_at, phase, session/series uid and the state
        given here (DUE revives a superseded or missed row; DONE/SKIPPED are kept as
        stored). Rows whose stored due time is known and unchanged are left out.
    supersede: keys to set to SUPERSEDED (a newer session's window took over).
    delete: keys of stored rows the schedule no longer produces and that the patient
        never acted on (state due, missed or superseded).
    retained: keys no longer produced but kept because the patient did or skipped them
        (e.g. a preparation done before the session was logged). If their session was
        deleted, the database's ON DELETE CASCADE removes them with it.
    """

    insert: list[CheckIn] = field(default_factory=list)
    update: list[CheckIn] = field(default_factory=list)
    supersede: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    retained: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when storage already matches the schedule."""
        return not (self.insert or self.update or self.supersede or self.delete)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("The schedule needs timezone-aware datetimes")
    return moment.astimezone(UTC)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"Unknown time zone {name!r}") from exc


def _local_date(session: Session) -> date:
    return session.at.astimezone(_zone(session.tz)).date()


def _wall(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Wall time `at` on calendar `day` in `tz`, in UTC."""
    anchor = datetime.combine(day, time(12, 0), tzinfo=tz)
    return _utc(local_wall_time(anchor, at, tz))


# The latest wall time of the session's own day a same-day check-in may fall at.
_DAY_ENDS = time(23, 59)


def _same_day(start: datetime, hours: float, tz: ZoneInfo) -> datetime:
    """`hours` of real elapsed time after `start`, but still on the session's local day
    (at the latest 23:59 there, never before the start itself), in UTC."""
    due = _utc(start) + timedelta(hours=hours)
    local_start = start.astimezone(tz)
    day_end = _utc(local_wall_time(local_start, _DAY_ENDS, tz))
    return max(_utc(start), min(due, day_end))


def _order(session: Session) -> tuple[datetime, str]:
    return (_utc(session.at), session.uid)


def compute_schedule(
    sessions: Sequence[Session],
    series: Sequence[Series],
    config: ScheduleConfig,
    now: datetime,
) -> list[CheckIn]:
    """Every check-in the sessions and series produce, sorted by due time then key.

    Pure and deterministic: the same inputs give the same keys and due times. `now` is
    used only to drop preparation check-ins of sessions that have already started.
    See the module docstring for the exact time semantics and overlap rule. States are
    DUE or SUPERSEDED; `reconcile` merges them with what the patient did.
    """
    now_utc = _utc(now)
    uids = [s.uid for s in sessions]
    if len(set(uids)) != len(uids):
        raise ValueError("Two sessions share one uid")
    enabled = config.enabled_phases
    series_by_id = {s.id: s for s in series if s.id is not None}

    ordered = sorted(sessions, key=_order)
    ketamine = [s for s in ordered if s.kind is SessionKind.KETAMINE]
    done = [s for s in ketamine if s.status is SessionStatus.DONE]
    # Each done session's window ends when the next done session starts.
    takeover = {a.uid: _utc(b.at) for a, b in zip(done, done[1:], strict=False)}
    # The next ketamine session (any status) after each one, from the sorted list: a
    # lookup, so ten years of sessions cost n steps rather than n x n.
    next_ketamine = {a.uid: _utc(b.at) for a, b in zip(ketamine, ketamine[1:], strict=False)}
    reviews = _series_reviews(series, ordered, config)

    out: list[CheckIn] = []

    def add(
        key: str,
        phase: Phase,
        due: datetime,
        session: Session | None,
        ser: Series | None,
        state: CheckInState = CheckInState.DUE,
    ) -> None:
        out.append(
            CheckIn(
                key=key,
                phase=phase,
                due_at=due,
                session_uid=session.uid if session else None,
                series_uid=ser.uid if ser else None,
                state=state,
            )
        )

    for session in ordered:
        tz = _zone(session.tz)
        start = _utc(session.at)
        ser = series_by_id.get(session.series_id) if session.series_id is not None else None
        day0 = _local_date(session)
        eve = day0 - timedelta(days=1)

        if session.kind is SessionKind.THERAPY:
            if Phase.THERAPY_PREP in enabled and start > now_utc:
                due = _wall(eve, config.therapy_prep_time, tz)
                add(f"{session.uid}:{Phase.THERAPY_PREP}", Phase.THERAPY_PREP, due, session, ser)
            continue

        if session.status is SessionStatus.PLANNED:
            if Phase.PREPARATION in enabled and start > now_utc:
                due = _wall(eve, config.preparation_time, tz)
                add(f"{session.uid}:{Phase.PREPARATION}", Phase.PREPARATION, due, session, ser)
            continue

        # A done ketamine session: post-session check-ins, superseded from the moment
        # a newer done session starts.
        ends = takeover.get(session.uid)
        for phase, days in _POST_PHASES:
            if phase not in enabled:
                continue
            if days is None:
                due = _same_day(session.at, config.same_day_hours, tz)
            else:
                due = _wall(day0 + timedelta(days=days), config.day_time, tz)
            superseded = ends is not None and due >= ends
            state = CheckInState.SUPERSEDED if superseded else CheckInState.DUE
            add(f"{session.uid}:{phase}", phase, due, session, ser, state)

        if Phase.BETWEEN in enabled and config.between_max > 0:
            boundary = _between_boundary(next_ketamine.get(session.uid), ser, reviews)
            for n in range(1, config.between_max + 1):
                day = day0 + timedelta(days=3 + n * config.between_interval_days)
                due = _wall(day, config.day_time, tz)
                if boundary is not None and due > boundary - _BETWEEN_MARGIN:
                    break
                add(f"{session.uid}:between:{n}", Phase.BETWEEN, due, session, ser)

    if Phase.SERIES_REVIEW in enabled:
        for ser in series:
            if ser.uid in reviews:
                add(
                    f"{ser.uid}:{Phase.SERIES_REVIEW}",
                    Phase.SERIES_REVIEW,
                    reviews[ser.uid],
                    None,
                    ser,
                )

    out.sort(key=lambda c: (c.due_at, c.key))
    return out


def _between_boundary(
    next_ketamine: datetime | None,
    ser: Series | None,
    reviews: Mapping[str, datetime],
) -> datetime | None:
    """When the between-sessions window after a session closes (None: only the cap):
    the next ketamine session (`next_ketamine`) or its series' review, whichever is first."""
    candidates = [next_ketamine] if next_ketamine is not None else []
    if ser is not None and ser.uid in reviews:
        candidates.append(reviews[ser.uid])
    return min(candidates) if candidates else None


def _series_reviews(
    series: Iterable[Series], ordered_sessions: Sequence[Session], config: ScheduleConfig
) -> dict[str, datetime]:
    """Due time of each ended series' review, by series uid."""
    out: dict[str, datetime] = {}
    for ser in series:
        if ser.ended_on is None:
            continue
        members = [s for s in ordered_sessions if ser.id is not None and s.series_id == ser.id]
        done = [
            s for s in members if s.kind is SessionKind.KETAMINE and s.status is SessionStatus.DONE
        ]
        day = ser.ended_on
        if done:
            day = max(day, _local_date(done[-1]) + timedelta(days=4))
        zone_source = members or list(ordered_sessions)
        tz = _zone(zone_source[-1].tz) if zone_source else ZoneInfo("UTC")
        out[ser.uid] = _wall(day, config.day_time, tz)
    return out


def reconcile(
    computed: Sequence[CheckIn],
    stored: Mapping[str, CheckInState],
    stored_due: Mapping[str, datetime] | None = None,
) -> ReconcileResult:
    """Compare a fresh `compute_schedule` result with storage's rows (key -> state).

    Rules: DONE and SKIPPED are the patient's and never change state or get deleted
    (their due time and phase still follow the session). DUE, MISSED and SUPERSEDED
    are derived from the schedule: a computed DUE check-in revives a stored MISSED or
    SUPERSEDED one (run `mark_missed` afterwards: missed is recomputed from due times),
    a computed SUPERSEDED one marks a stored DUE/MISSED row superseded, and a computed
    SUPERSEDED check-in that was never stored is not inserted. `stored_due` (key ->
    stored due time), when given, drops no-op updates.
    """
    result = ReconcileResult()
    seen: set[str] = set()
    for check in computed:
        if check.key in seen:
            raise ValueError(f"Duplicate check-in key {check.key!r}")
        seen.add(check.key)
        old = stored.get(check.key)
        if old is None:
            if check.state is CheckInState.DUE:
                result.insert.append(replace(check))
            continue
        if check.state is CheckInState.SUPERSEDED and old not in PATIENT_STATES:
            if old is not CheckInState.SUPERSEDED:
                result.supersede.append(check.key)
            continue
        new_state = old if old in PATIENT_STATES else check.state
        unchanged_due = (
            stored_due is not None
            and check.key in stored_due
            and _utc(stored_due[check.key]) == _utc(check.due_at)
        )
        if new_state is old and unchanged_due:
            continue
        result.update.append(replace(check, state=new_state))
    for key, state in stored.items():
        if key in seen:
            continue
        if state in PATIENT_STATES:
            result.retained.append(key)
        else:
            result.delete.append(key)
    return result


def mark_missed(
    checkins: Iterable[CheckIn], now: datetime, grace: timedelta = timedelta(hours=48)
) -> list[CheckIn]:
    """The DUE check-ins that count as missed at `now`, returned as copies in MISSED.

    A due check-in is missed once a later check-in of the same session (any phase except
    superseded ones) is itself due, i.e. the schedule has moved on, or once `grace`
    (default 48 h, `ScheduleConfig.missed_grace`) has passed since it was due. A missed
    check-in can still be opened and answered; the state only keeps the Today view
    quiet. Check-ins without a session (series reviews) use the grace rule only.
    """
    now_utc = _utc(now)
    items = list(checkins)
    by_session: dict[str, list[datetime]] = {}
    for c in items:
        if c.session_uid is not None and c.state is not CheckInState.SUPERSEDED:
            by_session.setdefault(c.session_uid, []).append(_utc(c.due_at))
    out: list[CheckIn] = []
    for c in items:
        if c.state is not CheckInState.DUE:
            continue
        due = _utc(c.due_at)
        if now_utc < due:
            continue
        overtaken = any(due < other <= now_utc for other in by_session.get(c.session_uid or "", []))
        if overtaken or now_utc >= due + grace:
            out.append(replace(c, state=CheckInState.MISSED))
    return out


def upcoming(checkins: Iterable[CheckIn], now: datetime) -> list[CheckIn]:
    """DUE check-ins whose time has come at `now`, oldest first (for the Today view)."""
    now_utc = _utc(now)
    ready = [c for c in checkins if c.state is CheckInState.DUE and _utc(c.due_at) <= now_utc]
    return sorted(ready, key=lambda c: (_utc(c.due_at), c.key))
