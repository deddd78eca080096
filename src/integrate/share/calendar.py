"""Export the check-in schedule (and suggested questionnaires) as an iCalendar file.

The file leaves the vault and usually lands in a calendar that syncs to a phone,
other devices and sometimes other people. So it holds times and the configured
neutral wording only: no session details, no prompt, no entry, no check-in key
(UIDs are a hash of it), no app-revealing product id.

Re-importing an updated export updates events in place: UIDs are stable per
check-in and SEQUENCE grows with the export time, which calendar apps use to
prefer the newer copy. Written with `icalendar` (>= 6 for `add_missing_timezones`).

Questionnaires: the reminder items of `core.reminders.reminder_items_from_measures`
(one event per day questionnaires come due; due now, or next due for each family).
Later ones depend on when each is taken, so they appear in later exports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from integrate.core.model import CheckIn, CheckInState, Phase
from integrate.core.reminders import (
    ReminderItem,
    ReminderKind,
    ReminderText,
    find_sensitive_terms,
)
from integrate.paths import write_private_atomic

PRODID = "-//Journal//Calendar export//EN"
UID_DOMAIN = "integrate.local"
EVENT_DURATION = timedelta(minutes=15)
# Check-ins in these states are not in the calendar (done, or replaced by a later
# schedule); skipped ones were declined. Missed ones stay, as past events.
_EXCLUDED = {CheckInState.DONE, CheckInState.SUPERSEDED, CheckInState.SKIPPED}
# SEQUENCE counts minutes since this date at export time: always increasing
# between exports, and far below the 2**31 limit some clients assume.
_SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_TZ_FIRST = date(1970, 1, 1)
_TZ_LAST = date(2038, 1, 1)


def event_uid(checkin_key: str) -> str:
    """The stable, opaque UID of a check-in's (or a reminder item's) event.

    A SHA-256 of the key: the same check-in always maps to the same UID, while
    the session uid inside the key does not leave the vault.
    """
    digest = hashlib.sha256(f"integrate-calendar:{checkin_key}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def _in_range(local_day: date, from_date: date | None, to_date: date | None) -> bool:
    if from_date is not None and local_day < from_date:
        return False
    return to_date is None or local_day <= to_date


def export_calendar(
    checkins: Sequence[CheckIn],
    tz: ZoneInfo,
    texts: ReminderText,
    from_date: date | None = None,
    to_date: date | None = None,
    alarm_minutes: int = 0,
    exported_at: datetime | None = None,
    measures: Sequence[ReminderItem] = (),
) -> bytes:
    """The schedule as iCalendar bytes: one event with an alarm per open check-in.

    `from_date` / `to_date` are inclusive local dates in `tz`. `alarm_minutes`
    is how long before the start the alarm goes off. `exported_at` (default:
    now) sets DTSTAMP and SEQUENCE; pass it for reproducible output. `measures`
    are questionnaire reminder items; each becomes an event too (UID from its key).
    """
    if alarm_minutes < 0:
        raise ValueError("alarm_minutes cannot be negative")
    if from_date is not None and to_date is not None and to_date < from_date:
        raise ValueError("The end date is before the start date.")
    stamp = (exported_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sequence = max(0, int((stamp - _SEQUENCE_EPOCH).total_seconds() // 60))

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")

    # (start, uid source, kind): check-in UIDs hash the check-in key as they always
    # did (re-imports of older exports still match); questionnaires hash their item key.
    planned: list[tuple[datetime, str, ReminderKind]] = []
    for checkin in checkins:
        if checkin.state in _EXCLUDED:
            continue
        kind = (
            ReminderKind.THERAPY_PREP
            if checkin.phase is Phase.THERAPY_PREP
            else ReminderKind.CHECKIN
        )
        planned.append((checkin.due_at, checkin.key, kind))
    planned += [(item.due_at, item.key, item.kind) for item in measures]

    starts: list[datetime] = []
    for due_at, key, kind in sorted(planned, key=lambda p: (p[0], p[1])):
        start = due_at.astimezone(tz)
        if not _in_range(start.date(), from_date, to_date):
            continue
        summary = texts.for_kind(kind)
        event = Event()
        event.add("uid", event_uid(key))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", start)
        event.add("duration", EVENT_DURATION)
        event.add("summary", summary)
        event.add("class", "PRIVATE")
        event.add("transp", "TRANSPARENT")  # a reminder, not busy time

        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", -timedelta(minutes=alarm_minutes))
        event.add_component(alarm)

        cal.add_component(event)
        starts.append(start)

    if starts:
        # The full 1970-2038 rules (a few KB): clients that expand a zone over a
        # wider span than the events, or meet later edits, still get it right.
        cal.add_missing_timezones(
            first_date=min(_TZ_FIRST, min(starts).date() - timedelta(days=366)),
            last_date=max(_TZ_LAST, max(starts).date() + timedelta(days=366)),
        )
    data: bytes = cal.to_ical()
    # Unfold first: a word split across a folded line would slip past the check.
    leaked = find_sensitive_terms(data.replace(b"\r\n ", b"").decode("utf-8"))
    if leaked:  # the texts are validated; this guards the rest of the file
        raise ValueError("The calendar would contain sensitive words: " + ", ".join(leaked))
    return data


def write_calendar(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, readable by the owner only (0600)."""
    write_private_atomic(Path(path), data)


@dataclass(frozen=True)
class CalendarExportResult:
    path: Path
    events: int


def export_calendar_file(
    path: Path,
    checkins: Sequence[CheckIn],
    tz: ZoneInfo,
    texts: ReminderText,
    from_date: date | None = None,
    to_date: date | None = None,
    alarm_minutes: int = 0,
    measures: Sequence[ReminderItem] = (),
) -> CalendarExportResult:
    """What `integrate calendar --out FILE [--from DATE --to DATE]` calls."""
    data = export_calendar(
        checkins, tz, texts, from_date, to_date, alarm_minutes, measures=measures
    )
    write_calendar(path, data)
    return CalendarExportResult(path=Path(path), events=data.count(b"BEGIN:VEVENT"))
