"""Today moves a check-in from "Coming up" to "Now" when its time comes, by itself (a
single-shot timer to the next due time), at the moment the reminder banner appears."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from integrate.ui.shell.today import MAX_DUE_SLEEP_MS, TodayPage
from tests.ui.conftest import start_app
from tests.ui.reminders.test_reminders import driver_of, make_vault, seed


class RunningClock:
    """Real time passing, from a chosen start (so a due time a few seconds away is real)."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.t0 = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.t0)


def test_today_lists_the_checkin_as_due_at_its_time_without_a_click(
    qtbot, tmp_path: Path, fast_kdf
) -> None:
    paths = make_vault(tmp_path / "v")
    target, following = seed(paths)[:2]
    lead = 6.0  # seconds before it is due
    clock = RunningClock(target.due_at - timedelta(seconds=lead))
    app = start_app(qtbot, paths)
    app.controller.reminder_clock = clock
    app.unlock()
    app.settle()
    shell = app.window.shell
    assert shell is not None and shell.current_key() == "today"
    today = shell.page("today")
    assert isinstance(today, TodayPage)
    if clock() >= target.due_at:  # a very slow machine took the whole lead to unlock
        app.controller.shutdown()
        return
    assert target.key in today.upcoming_keys and target.key not in today.due_keys
    # Asleep until then: one timer, not polling.
    assert today.due_timer.isActive() and today.due_timer.isSingleShot()
    # Precise, as the banner's: a coarse timer may wake 5 % late (45 s in 15 minutes).
    assert today.due_timer.timerType() is Qt.TimerType.PreciseTimer
    assert driver_of(app).timer.timerType() is Qt.TimerType.PreciseTimer
    assert today.due_timer.remainingTime() <= lead * 1000
    assert today.next_due == target.due_at

    qtbot.waitUntil(lambda: target.key in today.due_keys, timeout=int(lead * 1000) + 5000)
    assert clock() >= target.due_at  # not before its time
    assert target.key not in today.upcoming_keys
    assert target.key in today.start_buttons  # a Start button under "Now"
    # The banner says the same thing at the same moment (same clock, its own timer).
    driver = driver_of(app)
    qtbot.waitUntil(lambda: driver.banner.isVisible(), timeout=3000)
    assert driver.banner.text.text() == "Time for your check-in"
    # Re-armed for the next one, capped so a suspend or clock change is caught up.
    assert today.next_due == following.due_at
    assert 0 < today.due_timer.remainingTime() <= MAX_DUE_SLEEP_MS * 1.05  # coarse timer
    app.controller.shutdown()
