"""Reminders in the real window, offscreen (so no tray): the banner under the top bar
appears at due time with a fake clock, opens the check-in, snoozes and skips."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QSystemTrayIcon

from integrate.core.model import CheckIn, CheckInState, Session
from integrate.core.quiet_hours import QuietHours
from integrate.core.reminders import SnoozeChoice, find_sensitive_terms
from integrate.core.schedule import ScheduleConfig, compute_schedule
from integrate.core.timeutil import local_zone_name, to_iso
from integrate.paths import VaultPaths
from integrate.ui.reminders.reminders import ReminderBanner, ReminderDriver
from integrate.vault.checkins import save_schedule_config
from integrate.vault.reminder_store import save_last_run
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import unlock_with_passphrase
from tests.ui.conftest import PASSPHRASE, RunningApp, make_vault, start_app

# Whole seconds: the vault stores times to the second, and the test compares exactly.
REAL_NOW = datetime.now().astimezone().replace(microsecond=0)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def seed(paths: VaultPaths, *, last_run: datetime | None = None) -> list[CheckIn]:
    """A real session and the check-ins the schedule computes for it (as the app would
    store them), so a schedule sync at unlock keeps them. Returns those still ahead."""
    result = unlock_with_passphrase(paths, PASSPHRASE)
    assert result.vault is not None
    with result.vault as vault:
        session = SessionRepository(vault.conn).add(
            Session(at=REAL_NOW - timedelta(hours=1), tz=local_zone_name())
        )
        # Quiet hours off: the reminders fire at the check-ins' own times whatever the
        # hour the test runs at (quiet hours hold reminders back, not check-ins).
        config = ScheduleConfig(quiet_hours=QuietHours.parse("off"))
        save_schedule_config(vault, config)
        checkins = compute_schedule([session], [], config, REAL_NOW)
        stamp = to_iso(REAL_NOW)
        for c in checkins:
            vault.conn.execute(
                "INSERT INTO checkins(uid, session_id, phase, due_at, state, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (c.key, session.id, c.phase.value, to_iso(c.due_at), c.state.value, stamp, stamp),
            )
        if last_run is not None:
            save_last_run(vault, last_run)
    ahead = [
        c
        for c in checkins
        if c.state is CheckInState.DUE and c.due_at > REAL_NOW + timedelta(minutes=10)
    ]
    assert len(ahead) >= 3
    return ahead


def open_app(qtbot, paths: VaultPaths, clock: FakeClock) -> RunningApp:  # noqa: ANN001
    app = start_app(qtbot, paths)
    app.controller.reminder_clock = clock
    app.unlock()
    return app


def driver_of(app: RunningApp) -> ReminderDriver:
    driver = app.controller.reminders
    assert driver is not None
    return driver


def assert_neutral(banner: ReminderBanner) -> None:
    for text in banner.shown_texts():
        assert find_sensitive_terms(text) == [], text


def test_banner_appears_at_due_time_and_opens_the_checkin(qtbot, tmp_path: Path, fast_kdf) -> None:
    paths = make_vault(tmp_path / "v")
    target = seed(paths)[0]
    clock = FakeClock(target.due_at - timedelta(minutes=3))
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    banner = driver.banner
    assert not QSystemTrayIcon.isSystemTrayAvailable() and driver.tray is None
    assert not banner.isVisible()
    # The single-shot timer sleeps exactly until the check-in is due.
    assert driver.timer.isActive() and driver.timer.isSingleShot()
    assert driver.timer.interval() == 3 * 60 * 1000

    clock.now = target.due_at - timedelta(seconds=1)
    driver.tick()
    assert not banner.isVisible()
    clock.now = target.due_at
    driver.tick()
    assert banner.isVisible() and banner.window() is app.window
    assert banner.text.text() == "Time for your check-in"
    # It sits under the top bar, above the screens.
    assert banner.mapTo(app.window, banner.rect().topLeft()).y() > 0
    assert banner.geometry().bottom() <= app.window.screens.geometry().top()
    assert_neutral(banner)
    assert target.key not in " ".join(banner.shown_texts())

    with qtbot.waitSignal(app.services.navigate, timeout=2000) as opened:
        banner.open_button.click()
    assert opened.args == ["today", target.key]
    assert app.window.shell is not None and app.window.shell.current_key() == "today"
    today = app.window.shell.page("today")
    if hasattr(today, "checkin_view"):  # the real Today screen opens the check-in itself
        assert today.checkin_view is not None
    assert not banner.isVisible()
    driver.tick()  # fired once: it does not come back by itself
    assert not banner.isVisible()

    app.window.lock_button.click()
    app.settle()
    assert app.controller.reminders is None and not driver.timer.isActive()
    app.controller.shutdown()


def test_snooze_hides_it_and_it_returns_later(qtbot, tmp_path: Path, fast_kdf) -> None:
    paths = make_vault(tmp_path / "v")
    target = seed(paths)[0]
    t0 = target.due_at
    clock = FakeClock(t0 - timedelta(minutes=1))
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    banner = driver.banner
    clock.now = t0
    driver.tick()
    assert banner.isVisible()
    assert [a.text() for a in banner.snooze_menu.actions()] == [
        "In 15 minutes",
        "In 1 hour",
        "Tomorrow morning",
    ]
    banner.snooze_actions[SnoozeChoice.MIN_15].trigger()
    assert not banner.isVisible()
    assert driver.service.fire_time(f"checkin:{target.key}") == t0 + timedelta(minutes=15)
    assert driver.timer.isActive()
    clock.now = t0 + timedelta(minutes=14)
    driver.tick()
    assert not banner.isVisible()
    clock.now = t0 + timedelta(minutes=15)
    driver.tick()
    assert banner.isVisible() and banner.text.text() == "Time for your check-in"
    assert_neutral(banner)

    banner.skip_button.click()
    assert not banner.isVisible()
    assert driver.service.fire_time(f"checkin:{target.key}") is None
    app.controller.shutdown()


def test_missed_while_closed_is_one_kind_line(qtbot, tmp_path: Path, fast_kdf) -> None:
    paths = make_vault(tmp_path / "v")
    ahead = seed(paths, last_run=REAL_NOW)
    clock = FakeClock(ahead[2].due_at + timedelta(minutes=30))  # three came due meanwhile
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    banner = driver.banner
    assert banner.isVisible() and banner.mode == "summary"
    assert banner.text.text() == (
        "A few things waited for you while the app was closed - see Today."
    )
    assert not banner.open_button.isVisible() and banner.today_button.isVisible()
    assert driver.queue == []  # summarised, not piled up
    assert_neutral(banner)
    with qtbot.waitSignal(app.services.navigate, timeout=2000) as opened:
        banner.today_button.click()
    assert opened.args == ["today", ""]
    assert not banner.isVisible()
    driver.tick()
    assert not banner.isVisible()
    wakeup = driver.service.next_wakeup()
    assert wakeup is None or wakeup > clock.now
    app.controller.shutdown()


def test_schedule_change_rearms_and_drops_a_stale_banner(qtbot, tmp_path: Path, fast_kdf) -> None:
    paths = make_vault(tmp_path / "v")
    target, following = seed(paths)[:2]
    clock = FakeClock(target.due_at - timedelta(seconds=1))
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    clock.now = target.due_at
    driver.tick()
    assert driver.banner.isVisible()
    # The check-in is done elsewhere (e.g. from Today): the banner goes away.
    app.services.vault.conn.execute(
        "UPDATE checkins SET state = 'done' WHERE uid = ?", (target.key,)
    )
    app.services.notify("checkins")
    assert not driver.banner.isVisible() and driver.queue == []
    assert driver.service.next_wakeup() == following.due_at and driver.timer.isActive()
    # Reminders switched off in Settings: nothing is armed or shown.
    app.services.vault.set_setting("reminders", {"enabled": False})
    app.services.notify("settings")
    assert not driver.timer.isActive()
    clock.now = following.due_at
    driver.tick()
    assert not driver.banner.isVisible()
    app.controller.shutdown()


def test_questionnaire_banner_at_due_time_opens_the_questionnaires(
    qtbot, tmp_path: Path, fast_kdf
) -> None:
    from integrate.core.model import Series

    paths = make_vault(tmp_path / "v")
    start = REAL_NOW.date() + timedelta(days=10)
    result = unlock_with_passphrase(paths, PASSPHRASE)
    assert result.vault is not None
    with result.vault as vault:
        SessionRepository(vault.conn).add_series(Series("Next", start))
    # Baseline window opens 7 days before the series, at the daytime check-in time (10:00).
    zone = ZoneInfo(local_zone_name())  # what the driver uses
    due = datetime.combine(start - timedelta(days=7), datetime.min.time()).replace(
        hour=10, tzinfo=zone
    )
    clock = FakeClock(due - timedelta(minutes=2))
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    banner = driver.banner
    assert driver.timer.isActive() and driver.timer.interval() == 2 * 60 * 1000
    clock.now = due
    driver.tick()
    assert banner.isVisible() and banner.text.text() == "A questionnaire is ready when you are"
    assert not banner.more.isVisible()  # three questionnaires, one nudge
    assert_neutral(banner)
    with qtbot.waitSignal(app.services.navigate, timeout=2000) as opened:
        banner.open_button.click()
    assert opened.args == ["measures", ""]
    assert app.window.shell is not None and app.window.shell.current_key() == "measures"
    app.controller.shutdown()


def test_while_locked_the_reminder_still_comes_and_opens_after_unlock(
    qtbot, tmp_path: Path, fast_kdf
) -> None:

    paths = make_vault(tmp_path / "v")
    target, following = seed(paths)[:2]
    clock = FakeClock(target.due_at - timedelta(minutes=5))
    app = open_app(qtbot, paths, clock)
    app.window.lock_button.click()  # e.g. auto-lock after five quiet minutes
    app.settle()
    assert app.controller.services is None
    locked = app.controller.locked_reminders
    assert locked.armed and locked.timer.isActive()
    assert locked.timer.interval() == 5 * 60 * 1000
    assert locked.banner is None or not locked.banner.isVisible()

    clock.now = target.due_at
    locked.tick()
    banner = locked.banner
    assert banner is not None and banner.isVisible() and banner.mode == "locked"
    assert banner.text.text() == "Time for your check-in"
    # Snooze and Skip work while locked too (kept and applied at unlock, issue 21).
    assert banner.open_button.isVisible() and banner.snooze_button.isVisible()
    assert banner.skip_button.isVisible() and banner.close_button.isVisible()
    assert_neutral(banner)
    assert target.key not in " ".join(banner.shown_texts())
    banner.open_button.click()  # leads to the unlock screen ...
    assert not banner.isVisible()

    app.unlock()  # ... and, once unlocked, to the check-in
    app.settle()
    shell = app.window.shell
    assert shell is not None and shell.current_key() == "today"
    today = shell.page("today")
    if hasattr(today, "checkin_view"):
        assert today.checkin_view is not None and today.checkin_view.checkin.uid == target.key
    driver = driver_of(app)
    # Announced once: no "waited for you" summary, no second banner for it.
    assert driver.banner.mode == ""
    assert driver.service.fire_time(f"checkin:{target.key}") is None
    driver.tick()
    assert not driver.banner.isVisible()
    assert driver.service.next_wakeup() == following.due_at
    assert locked.banner is None and not locked.armed
    app.controller.shutdown()


def test_locked_reminder_closed_is_not_repeated_and_nothing_fires_after_delete(
    qtbot, tmp_path: Path, fast_kdf
) -> None:

    paths = make_vault(tmp_path / "v")
    target = seed(paths)[0]
    clock = FakeClock(target.due_at - timedelta(minutes=1))
    app = open_app(qtbot, paths, clock)
    app.window.lock_button.click()
    app.settle()
    locked = app.controller.locked_reminders
    clock.now = target.due_at + timedelta(minutes=1)
    locked.tick()
    assert locked.banner is not None and locked.banner.isVisible()
    locked.banner.close_button.click()
    assert not locked.banner.isVisible()
    app.unlock()
    driver = driver_of(app)
    assert driver.banner.mode == ""  # neither a summary nor the same reminder again
    assert driver.service.fire_time(f"checkin:{target.key}") is None

    locked.clear()  # what "Delete everything" does after locking
    assert not locked.armed and locked.pending == [] and not locked.timer.isActive()
    app.controller.shutdown()
