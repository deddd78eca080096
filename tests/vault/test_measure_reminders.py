"""Questionnaire and therapy-preparation reminders from a real vault, driven by a fake clock.

The cadence (core/measures + resources/instruments/cadence.toml) decides what is due;
`read_measure_reminders` turns it into reminder items; `ReminderService` fires them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.core.measures import DueMeasure, DueReason, Score, get_instrument, score
from integrate.core.model import Series, Session, SessionKind, SessionStatus
from integrate.core.quiet_hours import QuietHours
from integrate.core.reminders import (
    InMemoryReminderStore,
    ReminderKind,
    ReminderService,
    measure_reminder_key,
    reminder_items_from_checkins,
    reminder_items_from_measures,
)
from integrate.paths import VaultPaths
from integrate.vault.checkins import sync
from integrate.vault.measures import MeasureRepository
from integrate.vault.reminder_store import (
    VaultReminderStore,
    read_checkins,
    read_measure_reminders,
)
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault

TZ = ZoneInfo("Europe/Berlin")
QUIET = QuietHours(time(22, 0), time(8, 0))
START = date(2026, 6, 15)  # the series' first session


@pytest.fixture
def vault(tmp_path: Path, fast_kdf: None) -> Iterator[Vault]:
    created = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="pass phrase 1")
    yield created.vault
    created.vault.close()


def take(vault: Vault, instrument_id: str, when: datetime) -> None:
    ins = get_instrument(instrument_id)
    result = score(ins, [0] * ins.item_count)
    assert isinstance(result, Score)
    MeasureRepository(vault.conn).add(result, when)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def test_baseline_before_a_series_is_one_reminder_at_the_daytime_checkin(vault: Vault) -> None:
    SessionRepository(vault.conn).add_series(Series("Spring", START))
    today = START - timedelta(days=10)
    due = MeasureRepository(vault.conn).upcoming(today, 31)
    # One per family, coming due when the baseline window opens (7 days before).
    assert sorted(d.instrument_id for d in due) == ["gad7", "pcl5_month", "phq9"]
    assert {d.due_on for d in due} == {START - timedelta(days=7)}
    items = read_measure_reminders(vault, today, TZ)
    assert len(items) == 1  # three questionnaires due together are one nudge
    (item,) = items
    assert item.kind is ReminderKind.MEASURE
    assert item.key == measure_reminder_key(START - timedelta(days=7))
    assert item.due_at == local(START - timedelta(days=7), 10)  # schedule day_time default
    assert item.target == ""  # several: the questionnaires overview opens

    # The patient's daytime check-in time moves it.
    vault.set_setting("schedule", {"day_time": "09:15"})
    (moved,) = read_measure_reminders(vault, today, TZ)
    assert moved.due_at == local(START - timedelta(days=7), 9, 15)


def test_taking_one_keeps_the_same_reminder_and_taking_all_ends_it(vault: Vault) -> None:
    SessionRepository(vault.conn).add_series(Series("Spring", START))
    opened = START - timedelta(days=7)
    store = VaultReminderStore(vault.conn)
    clock_now = [local(opened, 9)]
    svc = ReminderService(lambda: clock_now[0], TZ, QUIET, store)

    svc.set_items(read_measure_reminders(vault, opened, TZ))
    assert svc.due_now() == []
    clock_now[0] = local(opened, 10)
    fired = svc.due_now()
    assert [i.kind for i in fired] == [ReminderKind.MEASURE]

    take(vault, "phq9", local(opened, 10, 30))
    remaining = read_measure_reminders(vault, opened, TZ)
    # The other two keep the same day's key; PHQ-9 comes back a week after it was taken.
    assert [i.key for i in remaining] == [fired[0].key, measure_reminder_key(START)]
    svc.set_items(remaining)
    clock_now[0] = local(opened, 11)
    assert svc.due_now() == []  # ... so it does not announce itself again

    take(vault, "gad7", local(opened, 11))
    take(vault, "pcl5_month", local(opened, 11))
    after = read_measure_reminders(vault, opened, TZ)
    # Nothing due until the weekly ones of the series: first day of the series.
    assert [i.key for i in after] == [measure_reminder_key(START)]
    assert after[0].due_at == local(START, 10)


def test_weekly_during_the_series_follows_the_last_one_taken(vault: Vault) -> None:
    SessionRepository(vault.conn).add_series(Series("Spring", START))
    for iid in ("pcl5_month", "phq9", "gad7"):
        take(vault, iid, local(START - timedelta(days=3), 18))
    for iid in ("pcl5_week", "phq9", "gad7"):
        take(vault, iid, local(START + timedelta(days=2), 18))
    today = START + timedelta(days=3)
    items = read_measure_reminders(vault, today, TZ)
    assert [i.due_at for i in items] == [local(START + timedelta(days=9), 10)]


def test_no_series_and_never_taken_gives_no_daily_nudge(vault: Vault) -> None:
    today = date(2026, 3, 1)
    # Today suggests them ("due today", every day anew) ...
    assert MeasureRepository(vault.conn).due(today)
    # ... but a reminder would come back every single day, so there is none.
    assert read_measure_reminders(vault, today, TZ) == []
    take(vault, "phq9", local(today - timedelta(days=10), 12))
    items = read_measure_reminders(vault, today, TZ)
    assert [i.due_at for i in items] == [local(today + timedelta(days=20), 10)]
    assert items[0].target == "phq9"


def test_items_from_measures_group_by_day_and_respect_the_zone() -> None:
    due = [
        DueMeasure("phq9", DueReason.WEEKLY, date(2026, 3, 29)),  # DST starts in Berlin
        DueMeasure("gad7", DueReason.WEEKLY, date(2026, 3, 29)),
        DueMeasure("pcl5_week", DueReason.WEEKLY, date(2026, 4, 2)),
    ]
    items = reminder_items_from_measures(due, time(2, 30), TZ)
    assert [i.key for i in items] == ["measure:2026-03-29", "measure:2026-04-02"]
    # 02:30 does not exist on the 29th: it moves forward by the gap, still that day.
    assert items[0].due_at.astimezone(TZ).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)
    assert [i.target for i in items] == ["", "pcl5_week"]


def test_planned_therapy_appointment_gets_a_preparation_reminder(vault: Vault) -> None:
    now = datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
    appointment = datetime(2026, 5, 7, 15, 0, tzinfo=TZ)
    SessionRepository(vault.conn).add(
        Session(
            at=appointment,
            tz=str(TZ),
            kind=SessionKind.THERAPY,
            status=SessionStatus.PLANNED,
        )
    )
    sync(vault, now)
    items = reminder_items_from_checkins(read_checkins(vault.conn))
    prep = [i for i in items if i.kind is ReminderKind.THERAPY_PREP]
    assert len(prep) == 1
    assert prep[0].due_at == datetime(2026, 5, 6, 19, 0, tzinfo=TZ)  # the evening before
    svc = ReminderService(lambda: prep[0].due_at, TZ, QUIET, InMemoryReminderStore())
    svc.set_items(items)
    assert [i.kind for i in svc.due_now()] == [ReminderKind.THERAPY_PREP]


def test_no_questionnaire_nudge_within_a_day_after_a_session(vault: Vault) -> None:
    """Issue 14: a session on the morning the baseline nudge comes due (10:00) moves
    it to 24 h after the session; a later, unrelated day keeps its time."""
    SessionRepository(vault.conn).add_series(Series("Spring", START))
    today = START - timedelta(days=10)
    nudge_day = START - timedelta(days=7)
    SessionRepository(vault.conn).add(
        Session(at=local(nudge_day, 9, 30), tz="Europe/Berlin", status=SessionStatus.PLANNED)
    )
    (item,) = read_measure_reminders(vault, today, TZ)
    assert item.due_at == local(nudge_day, 9, 30) + timedelta(hours=24)
    assert item.key == measure_reminder_key(nudge_day)  # the same nudge, later
