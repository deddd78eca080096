"""Reminder service rules, driven by a fake clock (no timers, no Qt)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from integrate.core.model import CheckIn, CheckInState, Phase
from integrate.core.quiet_hours import QuietHours
from integrate.core.reminders import (
    InMemoryReminderStore,
    ReminderItem,
    ReminderKind,
    ReminderService,
    ReminderState,
    ReminderText,
    SensitiveTextError,
    SnoozeChoice,
    find_sensitive_terms,
    reminder_items_from_checkins,
    validate_notification_text,
)

TZ = ZoneInfo("Europe/Berlin")
QUIET = QuietHours(time(22, 0), time(8, 0))


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)

    def set(self, moment: datetime) -> None:
        self.now = moment


def at(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def item(key: str, due: datetime, kind: ReminderKind = ReminderKind.CHECKIN) -> ReminderItem:
    return ReminderItem(key=f"checkin:{key}", kind=kind, due_at=due, target=key)


def make(
    start: datetime, store: InMemoryReminderStore | None = None, quiet: QuietHours = QUIET
) -> tuple[ReminderService, FakeClock, InMemoryReminderStore]:
    clock = FakeClock(start)
    store = store if store is not None else InMemoryReminderStore()
    return ReminderService(clock, TZ, quiet, store), clock, store


def keys(items: list[ReminderItem]) -> list[str]:
    return [i.key for i in items]


# -- due ---------------------------------------------------------------------


def test_fires_at_due_time_and_only_once() -> None:
    svc, clock, _ = make(at(10, 9))
    svc.set_items([item("a", at(10, 14)), item("b", at(11, 10))])

    assert svc.due_now() == []
    assert svc.next_wakeup() == at(10, 14)

    clock.set(at(10, 13, 59))
    assert svc.due_now() == []
    clock.set(at(10, 14))
    assert keys(svc.due_now()) == ["checkin:a"]
    assert svc.due_now() == []
    assert svc.next_wakeup() == at(11, 10)

    clock.set(at(11, 12))
    assert keys(svc.due_now()) == ["checkin:b"]
    assert svc.next_wakeup() is None


def test_several_due_together_come_back_in_one_call_in_due_order() -> None:
    svc, clock, _ = make(at(10, 9))
    svc.set_items([item("late", at(10, 11)), item("early", at(10, 10))])
    clock.set(at(10, 12))
    assert keys(svc.due_now()) == ["checkin:early", "checkin:late"]


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        ReminderItem("checkin:x", ReminderKind.CHECKIN, datetime(2026, 6, 1, 9), "x")
    svc = ReminderService(lambda: datetime(2026, 6, 1, 9), TZ, QUIET, InMemoryReminderStore())
    svc.set_items([item("a", at(1, 8))])
    with pytest.raises(ValueError):
        svc.due_now()


def test_duplicate_keys_are_refused() -> None:
    svc, _, _ = make(at(10, 9))
    with pytest.raises(ValueError):
        svc.set_items([item("a", at(10, 10)), item("a", at(10, 11))])


# -- quiet hours -------------------------------------------------------------


def test_due_inside_quiet_hours_fires_when_they_end() -> None:
    svc, clock, _ = make(at(10, 21))
    svc.set_items([item("night", at(10, 23, 30)), item("early", at(11, 6))])

    assert svc.next_wakeup() == at(11, 8)
    clock.set(at(10, 23, 30))
    assert svc.due_now() == []
    clock.set(at(11, 7, 59))
    assert svc.due_now() == []
    clock.set(at(11, 8))
    assert keys(svc.due_now()) == ["checkin:night", "checkin:early"]


def test_quiet_hours_off_fires_at_night() -> None:
    svc, clock, _ = make(at(10, 21), quiet=QuietHours.parse("off"))
    svc.set_items([item("night", at(10, 23, 30))])
    assert svc.next_wakeup() == at(10, 23, 30)
    clock.set(at(10, 23, 30))
    assert keys(svc.due_now()) == ["checkin:night"]


def test_quiet_hours_end_on_dst_change_day() -> None:
    # Berlin springs forward on 2026-03-29 at 02:00; 08:00 local is then UTC+2.
    svc, _, _ = make(datetime(2026, 3, 28, 21, tzinfo=TZ))
    svc.set_items([item("night", datetime(2026, 3, 29, 1, 0, tzinfo=TZ))])
    wake = svc.next_wakeup()
    assert wake is not None
    assert wake.astimezone(TZ).replace(tzinfo=None) == datetime(2026, 3, 29, 8, 0)
    assert wake.utcoffset() == timedelta(hours=2)


# -- snooze ------------------------------------------------------------------


def test_snooze_15_minutes_and_1_hour() -> None:
    svc, clock, _ = make(at(10, 9))
    svc.set_items([item("a", at(10, 10))])
    clock.set(at(10, 10, 5))
    assert keys(svc.due_now()) == ["checkin:a"]

    assert svc.snooze("checkin:a", SnoozeChoice.MIN_15) == at(10, 10, 20)
    assert svc.next_wakeup() == at(10, 10, 20)
    clock.set(at(10, 10, 19))
    assert svc.due_now() == []
    clock.set(at(10, 10, 20))
    assert keys(svc.due_now()) == ["checkin:a"]

    assert svc.snooze("checkin:a", SnoozeChoice.HOUR_1) == at(10, 11, 20)
    clock.set(at(10, 11, 20))
    assert keys(svc.due_now()) == ["checkin:a"]
    assert svc.due_now() == []


def test_snooze_into_quiet_hours_waits_for_the_morning() -> None:
    svc, clock, _ = make(at(10, 21))
    svc.set_items([item("a", at(10, 21, 30))])
    clock.set(at(10, 21, 30))
    assert svc.due_now()
    assert svc.snooze("checkin:a", SnoozeChoice.HOUR_1) == at(11, 8)
    clock.set(at(10, 22, 30))
    assert svc.due_now() == []
    clock.set(at(11, 8))
    assert keys(svc.due_now()) == ["checkin:a"]


@pytest.mark.parametrize(
    ("now", "quiet", "expected"),
    [
        (at(10, 18), QUIET, at(11, 8)),  # evening: next day at the end of quiet hours
        (at(10, 9), QUIET, at(11, 8)),  # morning: tomorrow, not in an hour
        (at(11, 1), QUIET, at(11, 8)),  # 01:00: the coming morning, not the one after
        (at(10, 18), QuietHours(time(23, 0), time(7, 30)), at(11, 7, 30)),
        (at(10, 18), QuietHours.parse("off"), at(11, 8)),  # no quiet hours: 08:00
    ],
)
def test_snooze_until_tomorrow_morning(
    now: datetime, quiet: QuietHours, expected: datetime
) -> None:
    svc, clock, _ = make(now - timedelta(hours=1), quiet=quiet)
    svc.set_items([item("a", now - timedelta(minutes=30))])
    clock.set(now)
    assert svc.snooze("checkin:a", SnoozeChoice.TOMORROW_MORNING) == expected
    assert svc.next_wakeup() == expected
    clock.set(expected - timedelta(minutes=1))
    assert svc.due_now() == []
    clock.set(expected)
    assert keys(svc.due_now()) == ["checkin:a"]


def test_snooze_before_it_fired_moves_it_later() -> None:
    svc, clock, _ = make(at(10, 9, 45))
    svc.set_items([item("a", at(10, 10))])
    assert svc.snooze("checkin:a", SnoozeChoice.HOUR_1) == at(10, 10, 45)
    clock.set(at(10, 10, 30))
    assert svc.due_now() == []
    clock.set(at(10, 10, 45))
    assert keys(svc.due_now()) == ["checkin:a"]


def test_unknown_key_is_an_error() -> None:
    svc, _, _ = make(at(10, 9))
    svc.set_items([item("a", at(10, 10))])
    with pytest.raises(KeyError):
        svc.snooze("checkin:zzz", SnoozeChoice.MIN_15)
    with pytest.raises(KeyError):
        svc.skip("checkin:zzz")


# -- skip --------------------------------------------------------------------


def test_skip_before_due_means_it_never_fires() -> None:
    svc, clock, _ = make(at(10, 9))
    svc.set_items([item("a", at(10, 10)), item("b", at(10, 11))])
    svc.skip("checkin:a")
    assert svc.next_wakeup() == at(10, 11)
    assert svc.fire_time("checkin:a") is None
    clock.set(at(10, 12))
    assert keys(svc.due_now()) == ["checkin:b"]


def test_skip_after_snooze_cancels_the_snooze() -> None:
    svc, clock, _ = make(at(10, 10))
    svc.set_items([item("a", at(10, 10))])
    assert svc.due_now()
    svc.snooze("checkin:a", SnoozeChoice.MIN_15)
    svc.skip("checkin:a")
    clock.advance(hours=2)
    assert svc.due_now() == []
    assert svc.next_wakeup() is None


# -- app closed and reopened -------------------------------------------------


def test_state_survives_a_restart() -> None:
    svc, clock, store = make(at(10, 9))
    items = [item("fired", at(10, 10)), item("snoozed", at(10, 10, 30)), item("skip", at(10, 11))]
    svc.set_items(items)
    svc.skip("checkin:skip")
    clock.set(at(10, 10, 30))
    assert keys(svc.due_now()) == ["checkin:fired", "checkin:snoozed"]
    svc.snooze("checkin:snoozed", SnoozeChoice.HOUR_1)  # until 11:30

    # Restarted at 10:45, before the snooze ends: nothing missed, nothing re-fired.
    svc2, clock2, _ = make(at(10, 10, 45), store=store)
    svc2.set_items(items)
    assert svc2.missed_since_last_run(at(10, 10, 40)).empty
    assert svc2.due_now() == []
    assert svc2.next_wakeup() == at(10, 11, 30)
    clock2.set(at(10, 11, 30))
    assert keys(svc2.due_now()) == ["checkin:snoozed"]


def test_reopened_later_gets_one_summary_not_a_pile() -> None:
    svc, clock, store = make(at(1, 9))
    items = [
        item("old1", at(2, 10)),  # more than three days before the restart
        item("old2", at(3, 10), ReminderKind.MEASURE),
        item("recent1", at(6, 10)),
        item("recent2", at(7, 23), ReminderKind.THERAPY_PREP),  # quiet hours: 8th 08:00
        item("future", at(9, 10)),
    ]
    svc.set_items(items)
    last_seen = at(1, 20)  # the app closed that evening

    svc2, clock2, _ = make(at(8, 9), store=store)
    svc2.set_items(items)
    summary = svc2.missed_since_last_run(last_seen)

    assert summary.count == 4
    assert summary.oldest == at(2, 10)
    assert summary.newest == at(8, 8)  # the fire time, after quiet hours
    assert dict(summary.by_kind) == {
        ReminderKind.CHECKIN: 2,
        ReminderKind.MEASURE: 1,
        ReminderKind.THERAPY_PREP: 1,
    }
    assert keys(list(summary.recent)) == ["checkin:recent2", "checkin:recent1"]
    assert summary.older_count == 2

    # Nothing of it alerts one by one afterwards; the future item still does.
    assert svc2.due_now() == []
    assert svc2.missed_since_last_run(last_seen).empty
    assert svc2.next_wakeup() == at(9, 10)
    clock2.set(at(9, 10))
    assert keys(svc2.due_now()) == ["checkin:future"]


def test_overdue_from_before_last_run_is_silenced_but_not_counted() -> None:
    store = InMemoryReminderStore()
    items = [item("stale", at(5, 10)), item("while_closed", at(6, 10))]
    svc, _, _ = make(at(8, 9), store=store)
    svc.set_items(items)
    summary = svc.missed_since_last_run(at(5, 18))
    assert summary.count == 1
    assert keys(list(summary.recent)) == ["checkin:while_closed"]
    assert svc.due_now() == []


def test_nothing_missed_gives_an_empty_summary() -> None:
    svc, _, _ = make(at(8, 9))
    svc.set_items([item("a", at(9, 10))])
    summary = svc.missed_since_last_run(at(8, 8))
    assert summary.empty
    assert summary.oldest is None and summary.recent == ()


# -- schedule change while a reminder is pending ------------------------------


def test_removed_item_is_dropped_with_its_state() -> None:
    svc, clock, store = make(at(10, 9))
    svc.set_items([item("a", at(10, 10)), item("b", at(10, 11))])
    clock.set(at(10, 10))
    assert svc.due_now()
    svc.snooze("checkin:a", SnoozeChoice.MIN_15)
    assert "checkin:a" in store.item_keys()

    svc.set_items([item("b", at(10, 11))])
    assert "checkin:a" not in store.item_keys()
    assert svc.next_wakeup() == at(10, 11)
    clock.set(at(10, 12))
    assert keys(svc.due_now()) == ["checkin:b"]


def test_moved_item_is_retimed_and_starts_afresh() -> None:
    svc, clock, _ = make(at(10, 9))
    svc.set_items([item("a", at(10, 10))])
    svc.skip("checkin:a")
    # The session was re-dated: the check-in moves to the next day.
    svc.set_items([item("a", at(11, 10))])
    assert svc.next_wakeup() == at(11, 10)
    clock.set(at(10, 12))
    assert svc.due_now() == []
    clock.set(at(11, 10))
    assert keys(svc.due_now()) == ["checkin:a"]


def test_pending_snooze_is_dropped_when_the_item_moves() -> None:
    svc, clock, _ = make(at(10, 10))
    svc.set_items([item("a", at(10, 10))])
    assert svc.due_now()
    svc.snooze("checkin:a", SnoozeChoice.HOUR_1)
    svc.set_items([item("a", at(10, 15))])
    clock.set(at(10, 11, 30))
    assert svc.due_now() == []
    clock.set(at(10, 15))
    assert keys(svc.due_now()) == ["checkin:a"]


def test_item_moved_while_the_app_was_closed_starts_afresh() -> None:
    svc, clock, store = make(at(10, 9))
    svc.set_items([item("a", at(10, 10))])
    clock.set(at(10, 10))
    assert svc.due_now()

    svc2, clock2, _ = make(at(10, 18), store=store)
    svc2.set_items([item("a", at(12, 10))])
    assert svc2.missed_since_last_run(at(10, 17)).empty
    assert svc2.next_wakeup() == at(12, 10)
    clock2.set(at(12, 10))
    assert keys(svc2.due_now()) == ["checkin:a"]


def test_unchanged_item_keeps_its_state_across_set_items() -> None:
    svc, clock, _ = make(at(10, 10))
    svc.set_items([item("a", at(10, 10))])
    assert svc.due_now()
    svc.set_items([item("a", at(10, 10)), item("b", at(10, 12))])
    assert svc.due_now() == []


def test_legacy_state_without_due_at_still_applies() -> None:
    store = InMemoryReminderStore()
    store.put(ReminderState(item_key="checkin:a", skipped=True))
    svc, clock, _ = make(at(10, 9), store=store)
    svc.set_items([item("a", at(10, 10))])
    clock.set(at(10, 11))
    assert svc.due_now() == []


# -- items from check-ins ----------------------------------------------------


def test_items_from_checkins_only_for_due_ones() -> None:
    checkins = [
        CheckIn("s1:day_1", Phase.DAY_1, at(10, 10)),
        CheckIn("s1:day_2", Phase.DAY_2, at(11, 10), state=CheckInState.DONE),
        CheckIn("s1:day_3", Phase.DAY_3, at(12, 10), state=CheckInState.SUPERSEDED),
        CheckIn("t1:therapy_prep", Phase.THERAPY_PREP, at(13, 10)),
    ]
    items = reminder_items_from_checkins(checkins)
    assert [(i.key, i.kind, i.target) for i in items] == [
        ("checkin:s1:day_1", ReminderKind.CHECKIN, "s1:day_1"),
        ("checkin:t1:therapy_prep", ReminderKind.THERAPY_PREP, "t1:therapy_prep"),
    ]


# -- text --------------------------------------------------------------------


def test_default_texts_are_neutral() -> None:
    texts = ReminderText()
    assert texts.for_kind(ReminderKind.CHECKIN) == "Time for your check-in"
    assert texts.for_kind(ReminderKind.MEASURE) == "A questionnaire is ready when you are"
    assert (
        texts.for_kind(ReminderKind.THERAPY_PREP)
        == "Something to look at before your next appointment"
    )
    for text in (texts.checkin, texts.measure, texts.therapy_prep, texts.missed):
        assert find_sensitive_terms(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine check-in",
        "KETAMINE",
        "kétamine",  # accents folded
        "Ｋｅｔａｍｉｎｅ",  # full-width letters folded
        "Your esketamine day",
        "Spravato follow-up",
        "PTSD journal",
        "Trauma work",
        "traumatic memories",
        "Thinking of suicide?",
        "suicidal thoughts",
        "After the session",
        "Sessions review",
        "Dose log",
        "Your therapy homework",
        "Message your therapist",
        "psychedelic integration",
    ],
)
def test_sensitive_words_are_rejected(text: str) -> None:
    with pytest.raises(SensitiveTextError):
        validate_notification_text(text)
    with pytest.raises(SensitiveTextError):
        ReminderText(checkin=text)


@pytest.mark.parametrize("text", ["", "   ", "line one\nline two", "tab\there", "x" * 121])
def test_unusable_texts_are_rejected(text: str) -> None:
    with pytest.raises(SensitiveTextError):
        validate_notification_text(text)


@pytest.mark.parametrize(
    "text", ["Journal time", "A moment for yourself", "No obsession with this one", "Check in"]
)
def test_ordinary_texts_pass(text: str) -> None:
    assert validate_notification_text(f"  {text} ") == text


def test_custom_text_is_used_and_stripped() -> None:
    texts = ReminderText(checkin="  Journal time ")
    assert texts.for_kind(ReminderKind.CHECKIN) == "Journal time"


def test_mark_fired_silences_announced_items_but_not_moved_ones() -> None:
    svc, clock, _ = make(at(10, 9))
    a, b = item("a", at(10, 14)), item("b", at(10, 15))
    svc.set_items([a, b])
    moved_b = item("b", at(10, 16))
    svc.mark_fired([a, moved_b, item("gone", at(10, 14))])  # announced while locked
    assert svc.fire_time(a.key) is None
    assert svc.fire_time(b.key) == at(10, 15)  # b was announced for another time
    clock.set(at(10, 15))
    assert keys(svc.due_now()) == ["checkin:b"]
