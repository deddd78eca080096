"""Calendar export, checked with a small RFC 5545 reader written here (not icalendar)."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.core.model import CheckIn, CheckInState, Phase
from integrate.core.reminders import SENSITIVE_TERMS, ReminderText, SensitiveTextError
from integrate.share.calendar import (
    event_uid,
    export_calendar,
    export_calendar_file,
    write_calendar,
)

TZ = ZoneInfo("Europe/Berlin")
EXPORTED = datetime(2026, 6, 1, 12, 0, tzinfo=TZ)
SESSION = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"  # a session uid that must not leak


# -- an independent, minimal RFC 5545 reader -----------------------------------


@dataclass
class Prop:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> Prop:
        found = [p for p in self.props if p.name == name]
        assert len(found) == 1, f"{self.name} has {len(found)} {name}"
        return found[0]

    def value(self, name: str) -> str:
        return self.get(name).value

    def has(self, name: str) -> bool:
        return any(p.name == name for p in self.props)

    def sub(self, name: str) -> list[Component]:
        return [c for c in self.children if c.name == name]


def unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "bare LF line ending"
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


def split_line(line: str) -> Prop:
    # name *(";" param) ":" value, where param values may be quoted (and hold ":").
    i, in_quotes = 0, False
    while i < len(line):
        ch = line[i]
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == ":" and not in_quotes:
            break
        i += 1
    head, value = line[:i], line[i + 1 :]
    name, *raw_params = head.split(";")
    params = {}
    for raw in raw_params:
        key, _, val = raw.partition("=")
        params[key.upper()] = val.strip('"')
    return Prop(name.upper(), params, value)


def parse(data: bytes) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        if not line:
            continue
        prop = split_line(line)
        if prop.name == "BEGIN":
            comp = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(comp)
            else:
                assert root is None, "more than one top-level component"
                root = comp
            stack.append(comp)
        elif prop.name == "END":
            assert stack and stack[-1].name == prop.value.upper(), f"stray END:{prop.value}"
            stack.pop()
        else:
            assert stack, f"property outside a component: {line}"
            stack[-1].props.append(prop)
    assert not stack, "unclosed component"
    assert root is not None and root.name == "VCALENDAR"
    return root


def parse_local(value: str) -> datetime:
    return datetime.strptime(value, "%Y%m%dT%H%M%S")


def parse_offset(value: str) -> timedelta:
    sign = -1 if value[0] == "-" else 1
    return sign * timedelta(hours=int(value[1:3]), minutes=int(value[3:5]))


def utc_offset_from_vtimezone(vtz: Component, local: datetime) -> timedelta:
    """The offset a VTIMEZONE (DTSTART + RDATE onsets) gives a local wall time."""
    best: tuple[datetime, timedelta] | None = None
    for obs in vtz.children:
        assert obs.name in {"STANDARD", "DAYLIGHT"}
        assert not obs.has("RRULE"), "this reader only follows RDATE lists"
        onsets = [parse_local(obs.value("DTSTART"))]
        for rdate in (p for p in obs.props if p.name == "RDATE"):
            onsets += [parse_local(v) for v in rdate.value.split(",")]
        for onset in onsets:
            if onset <= local and (best is None or onset > best[0]):
                best = (onset, parse_offset(obs.value("TZOFFSETTO")))
    assert best is not None
    return best[1]


def parse_duration(value: str) -> timedelta:
    m = re.fullmatch(
        r"([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", value
    )
    assert m, value
    sign, weeks, days, hours, minutes, seconds = m.groups()
    total = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
    )
    return -total if sign == "-" else total


def event_start_utc(cal: Component, event: Component) -> datetime:
    prop = event.get("DTSTART")
    if prop.value.endswith("Z"):
        return parse_local(prop.value[:-1]).replace(tzinfo=UTC)
    tzid = prop.params["TZID"]
    (vtz,) = [z for z in cal.sub("VTIMEZONE") if z.value("TZID") == tzid]
    local = parse_local(prop.value)
    return (local - utc_offset_from_vtimezone(vtz, local)).replace(tzinfo=UTC)


# -- fixtures ----------------------------------------------------------------


def schedule() -> list[CheckIn]:
    def ci(phase: Phase, due: datetime, state: CheckInState = CheckInState.DUE) -> CheckIn:
        return CheckIn(f"{SESSION}:{phase}", phase, due, session_uid=SESSION, state=state)

    return [
        ci(Phase.SAME_DAY, datetime(2026, 6, 10, 18, 0, tzinfo=TZ)),
        # stored in UTC: 2026-06-11 10:00 Berlin (summer time)
        ci(Phase.DAY_1, datetime(2026, 6, 11, 8, 0, tzinfo=UTC)),
        ci(Phase.DAY_2, datetime(2026, 6, 12, 10, 0, tzinfo=TZ), CheckInState.DONE),
        ci(Phase.DAY_3, datetime(2026, 6, 13, 10, 0, tzinfo=TZ), CheckInState.SUPERSEDED),
        ci(Phase.BETWEEN, datetime(2026, 6, 14, 10, 0, tzinfo=TZ), CheckInState.SKIPPED),
        ci(Phase.PREPARATION, datetime(2026, 6, 9, 10, 0, tzinfo=TZ), CheckInState.MISSED),
        # after the October change back to standard time
        ci(Phase.THERAPY_PREP, datetime(2026, 10, 27, 9, 30, tzinfo=TZ)),
    ]


def export(checkins: list[CheckIn] | None = None, **kwargs: object) -> bytes:
    kwargs.setdefault("exported_at", EXPORTED)
    return export_calendar(
        schedule() if checkins is None else checkins,
        TZ,
        ReminderText(),
        **kwargs,  # type: ignore[arg-type]
    )


# -- tests -------------------------------------------------------------------


def test_calendar_structure_parses() -> None:
    data = export(alarm_minutes=10)
    cal = parse(data)
    assert cal.value("VERSION") == "2.0"
    prodid = cal.value("PRODID")
    assert "integrate" not in prodid.lower() and "ketamin" not in prodid.lower()
    # Time zones come before the events that use them.
    names = [c.name for c in cal.children]
    assert names.index("VTIMEZONE") < names.index("VEVENT")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line


def test_one_event_per_open_checkin_with_matching_times_and_alarms() -> None:
    checkins = schedule()
    cal = parse(export(checkins, alarm_minutes=10))
    events = cal.sub("VEVENT")
    expected = {
        event_uid(c.key): c for c in checkins if c.state in {CheckInState.DUE, CheckInState.MISSED}
    }
    assert len(events) == len(expected) == 4
    assert {e.value("UID") for e in events} == set(expected)

    for event in events:
        checkin = expected[event.value("UID")]
        assert event.get("DTSTART").params["TZID"] == "Europe/Berlin"
        assert event_start_utc(cal, event) == checkin.due_at.astimezone(UTC)
        local = parse_local(event.value("DTSTART"))
        assert local == checkin.due_at.astimezone(TZ).replace(tzinfo=None)
        assert parse_duration(event.value("DURATION")) == timedelta(minutes=15)
        assert event.has("DTSTAMP")
        assert not event.has("DESCRIPTION")

        summary = event.value("SUMMARY")
        if checkin.phase is Phase.THERAPY_PREP:
            assert summary == "Something to look at before your next appointment"
        else:
            assert summary == "Time for your check-in"

        (alarm,) = event.sub("VALARM")
        assert alarm.value("ACTION") == "DISPLAY"
        assert alarm.value("DESCRIPTION") == summary
        assert parse_duration(alarm.value("TRIGGER")) == timedelta(minutes=-10)


def test_timezone_offsets_are_right_in_summer_and_winter() -> None:
    cal = parse(export())
    by_uid = {e.value("UID"): e for e in cal.sub("VEVENT")}
    summer = by_uid[event_uid(f"{SESSION}:day_1")]
    winter = by_uid[event_uid(f"{SESSION}:therapy_prep")]
    assert summer.value("DTSTART") == "20260611T100000"
    assert event_start_utc(cal, summer) == datetime(2026, 6, 11, 8, 0, tzinfo=UTC)
    assert winter.value("DTSTART") == "20261027T093000"
    assert event_start_utc(cal, winter) == datetime(2026, 10, 27, 8, 30, tzinfo=UTC)


def test_other_zone_and_utc() -> None:
    checkins = schedule()
    ny = parse(export_calendar(checkins, ZoneInfo("America/New_York"), ReminderText()))
    (vtz,) = ny.sub("VTIMEZONE")
    assert vtz.value("TZID") == "America/New_York"
    for event in ny.sub("VEVENT"):
        assert event.get("DTSTART").params["TZID"] == "America/New_York"
    utc = parse(export_calendar(checkins, ZoneInfo("UTC"), ReminderText()))
    starts = sorted(e.value("DTSTART") for e in utc.sub("VEVENT"))
    assert starts[1] == "20260610T160000Z"


def test_zero_minute_alarm_fires_at_the_start() -> None:
    cal = parse(export())
    for event in cal.sub("VEVENT"):
        (alarm,) = event.sub("VALARM")
        assert parse_duration(alarm.value("TRIGGER")) == timedelta(0)


def test_date_range_is_inclusive_and_in_local_dates() -> None:
    late = CheckIn("late:day_1", Phase.DAY_1, datetime(2026, 6, 10, 22, 30, tzinfo=UTC))
    checkins = [*schedule(), late]  # 00:30 on 11 June in Berlin
    cal = parse(export(checkins, from_date=date(2026, 6, 11), to_date=date(2026, 6, 11)))
    assert {e.value("UID") for e in cal.sub("VEVENT")} == {
        event_uid(f"{SESSION}:day_1"),
        event_uid("late:day_1"),
    }
    only_from = parse(export(checkins, from_date=date(2026, 7, 1)))
    assert [e.value("DTSTART") for e in only_from.sub("VEVENT")] == ["20261027T093000"]
    with pytest.raises(ValueError):
        export(from_date=date(2026, 7, 2), to_date=date(2026, 7, 1))


def test_empty_schedule_is_still_a_valid_calendar() -> None:
    cal = parse(export([]))
    assert cal.sub("VEVENT") == [] and cal.sub("VTIMEZONE") == []


def test_reexport_keeps_uids_and_moves_events_with_a_higher_sequence() -> None:
    first = parse(export())
    moved = schedule()
    moved[1].due_at = datetime(2026, 6, 11, 15, 0, tzinfo=TZ)
    later = parse(export(moved, exported_at=EXPORTED + timedelta(days=2)))

    uids_first = {e.value("UID"): e for e in first.sub("VEVENT")}
    uids_later = {e.value("UID"): e for e in later.sub("VEVENT")}
    assert set(uids_first) == set(uids_later)
    uid = event_uid(f"{SESSION}:day_1")
    assert uids_later[uid].value("DTSTART") == "20260611T150000"
    assert int(uids_later[uid].value("SEQUENCE")) > int(uids_first[uid].value("SEQUENCE"))


def test_same_input_same_bytes() -> None:
    assert export() == export()


def test_uids_are_opaque_and_distinct() -> None:
    cal = parse(export())
    uids = [e.value("UID") for e in cal.sub("VEVENT")]
    assert len(set(uids)) == len(uids)
    for uid in uids:
        assert re.fullmatch(r"[0-9a-f]{32}@integrate\.local", uid)


def test_no_sensitive_words_keys_or_entry_text_anywhere() -> None:
    canary = "my private words about the day"
    checkins = schedule()
    # Even a key that carried text (it never should) must not reach the file.
    checkins.append(CheckIn(f"{canary}:day_1", Phase.DAY_1, datetime(2026, 6, 20, 9, tzinfo=TZ)))
    data = export(checkins, alarm_minutes=5)
    flat = "\n".join(unfold(data)).lower()
    assert SESSION not in flat
    assert canary not in flat
    assert "day_1" not in flat and "therapy_prep" not in flat
    for term in (*SENSITIVE_TERMS, "ketamine", "ptsd", "session", "dose", "trauma"):
        assert term not in flat, term


def test_custom_text_is_used_and_unsafe_text_cannot_be_configured() -> None:
    texts = ReminderText(checkin="Journal time", therapy_prep="Notes for Tuesday")
    cal = parse(export_calendar(schedule(), TZ, texts, exported_at=EXPORTED))
    summaries = {e.value("SUMMARY") for e in cal.sub("VEVENT")}
    assert summaries == {"Journal time", "Notes for Tuesday"}
    with pytest.raises(SensitiveTextError):
        ReminderText(checkin="Ketamine follow-up")


def test_negative_alarm_is_refused() -> None:
    with pytest.raises(ValueError):
        export(alarm_minutes=-5)


def test_write_calendar_is_private_and_atomic(tmp_path: Path) -> None:
    target = tmp_path / "reminders.ics"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    data = export()
    write_calendar(target, data)
    assert target.read_bytes() == data
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reminders.ics"]


def test_write_calendar_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "is_a_dir"
    target.mkdir()
    with pytest.raises(OSError):
        write_calendar(target, b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["is_a_dir"]


def test_export_calendar_file_for_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "cal.ics"
    result = export_calendar_file(out, schedule(), TZ, ReminderText(), from_date=date(2026, 6, 10))
    assert result.path == out
    assert result.events == 3
    assert len(parse(out.read_bytes()).sub("VEVENT")) == 3


def test_questionnaire_reminders_become_neutral_events_with_stable_uids() -> None:
    from integrate.core.measures import DueMeasure, DueReason
    from integrate.core.reminders import reminder_items_from_measures

    due = [
        DueMeasure("phq9", DueReason.WEEKLY, date(2026, 6, 17)),
        DueMeasure("gad7", DueReason.WEEKLY, date(2026, 6, 17)),
    ]
    measures = reminder_items_from_measures(due, datetime(2026, 1, 1, 10, 0).time(), TZ)
    data = export(alarm_minutes=5, measures=measures)
    cal = parse(data)
    by_uid = {e.value("UID"): e for e in cal.sub("VEVENT")}
    assert len(by_uid) == 5  # four open check-ins + one day of questionnaires
    event = by_uid[event_uid("measure:2026-06-17")]
    assert event.value("SUMMARY") == "A questionnaire is ready when you are"
    assert event_start_utc(cal, event) == datetime(2026, 6, 17, 8, 0, tzinfo=UTC)
    (alarm,) = event.sub("VALARM")
    assert parse_duration(alarm.value("TRIGGER")) == timedelta(minutes=-5)
    flat = data.replace(b"\r\n ", b"").decode()
    assert "phq9" not in flat and "gad7" not in flat
    # Re-exported later (one of the two taken): same UID, higher SEQUENCE.
    later = export(
        measures=reminder_items_from_measures(due[1:], datetime(2026, 1, 1, 10).time(), TZ),
        exported_at=EXPORTED + timedelta(days=1),
    )
    again = {e.value("UID"): e for e in parse(later).sub("VEVENT")}
    assert event_uid("measure:2026-06-17") in again
    assert int(again[event_uid("measure:2026-06-17")].value("SEQUENCE")) > int(
        event.value("SEQUENCE")
    )
