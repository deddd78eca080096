"""The reminder store on a real SQLCipher vault, and the reminder service driven end to end
over it with a fake clock (the app closing and reopening is a vault closed and reopened)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.core.model import CheckInState, Phase
from integrate.core.quiet_hours import QuietHours
from integrate.core.reminders import (
    ReminderService,
    ReminderState,
    ReminderText,
    SnoozeChoice,
    reminder_items_from_checkins,
)
from integrate.core.timeutil import to_iso
from integrate.paths import VaultPaths
from integrate.vault.reminder_store import (
    ReminderSettings,
    VaultReminderStore,
    load_last_run,
    load_reminder_settings,
    read_checkins,
    save_last_run,
    save_reminder_settings,
)
from integrate.vault.vault import Vault, create_vault, unlock_with_passphrase

TZ = ZoneInfo("Europe/London")
PASS = "reminder test pass"


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def paths(tmp_path: Path, fast_kdf: None) -> VaultPaths:
    p = VaultPaths(tmp_path / "vault")
    create_vault(p, keystore=None, passphrase=PASS).vault.close()
    return p


def reopen(paths: VaultPaths) -> Vault:
    result = unlock_with_passphrase(paths, PASS)
    assert result.ok and result.vault is not None
    return result.vault


@pytest.fixture
def vault(paths: VaultPaths) -> Iterator[Vault]:
    v = reopen(paths)
    yield v
    v.close()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=TZ)


def add_checkin(
    vault: Vault, uid: str, due: datetime, phase: str = "day_1", state: str = "due"
) -> None:
    now = to_iso(at(1, 9))
    vault.conn.execute(
        "INSERT INTO checkins(uid, phase, due_at, state, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET due_at = excluded.due_at, "
        "state = excluded.state",
        (uid, phase, to_iso(due), state, now, now),
    )


def service(vault: Vault, clock: FakeClock, quiet: QuietHours | None = None) -> ReminderService:
    svc = ReminderService(clock, TZ, quiet or QuietHours(), VaultReminderStore(vault.conn))
    svc.set_items(reminder_items_from_checkins(read_checkins(vault.conn)))
    return svc


# -- the store itself


def test_store_round_trips_every_field_with_offsets(vault: Vault) -> None:
    store = VaultReminderStore(vault.conn)
    assert store.get("checkin:a") is None
    ny = ZoneInfo("America/New_York")
    state = ReminderState(
        item_key="checkin:a",
        snoozed_until=datetime(2025, 3, 9, 3, 30, tzinfo=ny),
        skipped=True,
        fired_at=at(2, 10),
        due_at=at(2, 9, 45),
        updated_at=at(2, 10, 1),
    )
    store.put(state)
    got = store.get("checkin:a")
    assert got == state
    assert got is not None and got.snoozed_until is not None
    assert got.snoozed_until.utcoffset() == timedelta(hours=-4)
    store.put(ReminderState(item_key="checkin:a", due_at=at(2, 9, 45)))  # update in place
    got = store.get("checkin:a")
    assert got is not None and not got.skipped and got.fired_at is None
    assert got.updated_at is not None  # NOT NULL column filled even when the caller did not
    store.put(ReminderState(item_key="checkin:0"))
    assert store.item_keys() == ["checkin:0", "checkin:a"]
    store.delete("checkin:a")
    store.delete("missing")  # no error
    assert store.item_keys() == ["checkin:0"]


def test_store_is_in_the_encrypted_file_and_survives_reopen(paths: VaultPaths) -> None:
    v = reopen(paths)
    VaultReminderStore(v.conn).put(ReminderState(item_key="checkin:zz-canary", skipped=True))
    v.close()
    assert b"zz-canary" not in paths.db.read_bytes()
    v = reopen(paths)
    got = VaultReminderStore(v.conn).get("checkin:zz-canary")
    v.close()
    assert got is not None and got.skipped


def test_read_checkins_maps_rows_and_drops_unknown(vault: Vault) -> None:
    add_checkin(vault, "s1:day_1", at(2, 10))
    add_checkin(vault, "s1:therapy", at(3, 19), phase="therapy_prep")
    add_checkin(vault, "s1:day_2", at(3, 10), phase="day_2", state="done")
    add_checkin(vault, "s1:odd", at(4, 10), phase="no_such_phase")
    got = read_checkins(vault.conn)
    assert [(c.key, c.phase, c.state) for c in got] == [
        ("s1:day_1", Phase.DAY_1, CheckInState.DUE),
        ("s1:day_2", Phase.DAY_2, CheckInState.DONE),
        ("s1:therapy", Phase.THERAPY_PREP, CheckInState.DUE),
    ]
    assert got[0].due_at == at(2, 10) and got[0].id is not None


# -- settings


def test_settings_defaults_round_trip_and_share_quiet_hours_with_schedule(vault: Vault) -> None:
    settings = load_reminder_settings(vault)
    assert settings.enabled and settings.texts == ReminderText()
    assert settings.quiet_hours == QuietHours()
    vault.set_setting("schedule", {"day_time": "09:30", "quiet_hours": "23:00-07:00"})
    assert load_reminder_settings(vault).quiet_hours == QuietHours(time(23), time(7))
    save_reminder_settings(
        vault,
        ReminderSettings(
            enabled=False,
            texts=ReminderText(checkin="A moment for you"),
            quiet_hours=QuietHours(time(21), time(9)),
        ),
    )
    # The schedule's other fields are kept; only its quiet hours changed.
    assert vault.get_setting("schedule") == {"day_time": "09:30", "quiet_hours": "21:00-09:00"}
    got = load_reminder_settings(vault)
    assert not got.enabled and got.texts.checkin == "A moment for you"
    assert got.quiet_hours == QuietHours(time(21), time(9))


def test_unsafe_or_broken_stored_values_fall_back_to_defaults(vault: Vault) -> None:
    vault.set_setting("reminders", {"texts": {"checkin": "Ketamine check-in"}})
    vault.set_setting("schedule", {"quiet_hours": "nonsense"})
    got = load_reminder_settings(vault)
    assert got.texts == ReminderText() and got.quiet_hours == QuietHours()
    vault.set_setting("reminders", "not a dict")
    assert load_reminder_settings(vault).enabled


def test_last_run_round_trip(vault: Vault) -> None:
    assert load_last_run(vault) is None
    save_reminder_settings(vault, ReminderSettings())
    save_last_run(vault, at(5, 8, 15))
    assert load_last_run(vault) == at(5, 8, 15)
    assert load_reminder_settings(vault).enabled  # other fields untouched


# -- the service end to end over the vault


def test_due_fires_once_at_due_time(vault: Vault) -> None:
    add_checkin(vault, "s1:day_1", at(2, 10))
    clock = FakeClock(at(2, 9))
    svc = service(vault, clock)
    assert svc.due_now() == []
    assert svc.next_wakeup() == at(2, 10)
    clock.now = at(2, 10)
    fired = svc.due_now()
    assert [i.target for i in fired] == ["s1:day_1"]
    assert svc.due_now() == [] and svc.next_wakeup() is None
    stored = VaultReminderStore(vault.conn).get("checkin:s1:day_1")
    assert stored is not None and stored.fired_at == at(2, 10)


def test_quiet_hours_defer_to_their_end(vault: Vault) -> None:
    add_checkin(vault, "s1:same_day", at(2, 23, 30), phase="same_day")
    clock = FakeClock(at(2, 23, 30))
    svc = service(vault, clock, QuietHours(time(22), time(8)))
    assert svc.due_now() == []
    assert svc.next_wakeup() == at(3, 8)
    clock.now = at(3, 7, 59)
    assert svc.due_now() == []
    clock.now = at(3, 8)
    assert len(svc.due_now()) == 1


def test_snooze_survives_restart_and_fires_later(paths: VaultPaths) -> None:
    v = reopen(paths)
    add_checkin(v, "s1:day_1", at(2, 10))
    clock = FakeClock(at(2, 10))
    svc = service(v, clock)
    assert len(svc.due_now()) == 1
    assert svc.snooze("checkin:s1:day_1", SnoozeChoice.HOUR_1) == at(2, 11)
    v.close()
    clock.now = at(2, 10, 30)
    v = reopen(paths)  # the app restarted meanwhile: a new service over the same table
    svc = service(v, clock)
    assert svc.missed_since_last_run(at(2, 10, 5)).empty
    assert svc.due_now() == [] and svc.next_wakeup() == at(2, 11)
    clock.now = at(2, 11)
    assert [i.key for i in svc.due_now()] == ["checkin:s1:day_1"]
    v.close()


def test_snooze_tomorrow_morning_respects_quiet_hours_end(vault: Vault) -> None:
    add_checkin(vault, "s1:day_1", at(2, 20))
    clock = FakeClock(at(2, 20))
    svc = service(vault, clock, QuietHours(time(22), time(7, 30)))
    svc.due_now()
    assert svc.snooze("checkin:s1:day_1", SnoozeChoice.TOMORROW_MORNING) == at(3, 7, 30)


def test_skip_silences_for_good_across_restart(paths: VaultPaths) -> None:
    v = reopen(paths)
    add_checkin(v, "s1:day_1", at(2, 10))
    add_checkin(v, "s1:day_2", at(3, 10), phase="day_2")
    clock = FakeClock(at(2, 9))
    svc = service(v, clock)
    svc.skip("checkin:s1:day_1")
    v.close()
    clock.now = at(4, 12)
    v = reopen(paths)
    svc = service(v, clock)
    missed = svc.missed_since_last_run(at(2, 9))
    assert missed.count == 1 and [i.target for i in missed.recent] == ["s1:day_2"]
    assert svc.due_now() == [] and svc.next_wakeup() is None
    v.close()


def test_app_closed_and_reopened_later_gives_one_summary_not_a_pile(paths: VaultPaths) -> None:
    v = reopen(paths)
    for n, day in enumerate((2, 3, 4)):
        add_checkin(v, f"s1:day_{n + 1}", at(day, 10), phase=f"day_{n + 1}")
    add_checkin(v, "s2:prep", at(9, 19), phase="preparation")
    clock = FakeClock(at(2, 9))
    svc = service(v, clock)
    save_last_run(v, clock())
    v.close()  # the app is closed for three days

    clock.now = at(5, 12)
    v = reopen(paths)
    svc = service(v, clock)
    last = load_last_run(v)
    assert last == at(2, 9)
    missed = svc.missed_since_last_run(last)
    assert missed.count == 3 and missed.by_kind == {"checkin": 3}
    assert svc.due_now() == []  # none of them alerts on its own afterwards
    assert svc.next_wakeup() == at(9, 19)
    save_last_run(v, clock())
    v.close()

    v = reopen(paths)  # and a second start does not summarise them again
    svc = service(v, clock)
    assert svc.missed_since_last_run(at(5, 12)).empty
    v.close()


def test_schedule_change_while_a_reminder_is_pending(vault: Vault) -> None:
    add_checkin(vault, "s1:day_1", at(2, 10))
    add_checkin(vault, "s1:day_2", at(3, 10), phase="day_2")
    clock = FakeClock(at(2, 10))
    svc = service(vault, clock)
    assert len(svc.due_now()) == 1
    svc.snooze("checkin:s1:day_1", SnoozeChoice.MIN_15)
    store = VaultReminderStore(vault.conn)
    assert store.get("checkin:s1:day_1") is not None

    # The session moved: day_1 is now later, day_2 was completed meanwhile.
    add_checkin(vault, "s1:day_1", at(2, 16))
    add_checkin(vault, "s1:day_2", at(3, 10), phase="day_2", state="done")
    svc.set_items(reminder_items_from_checkins(read_checkins(vault.conn)))
    # The old snooze belonged to the old time: the moved check-in starts afresh.
    assert store.get("checkin:s1:day_1") is None
    clock.now = at(2, 10, 15)
    assert svc.due_now() == []
    assert svc.next_wakeup() == at(2, 16)
    assert svc.items()[0].key == "checkin:s1:day_1" and len(svc.items()) == 1
    clock.now = at(2, 16)
    assert [i.key for i in svc.due_now()] == ["checkin:s1:day_1"]
