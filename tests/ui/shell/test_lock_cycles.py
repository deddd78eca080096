"""Weeks open with auto-lock mean many lock/unlock cycles in one process: each must open.

An unlock that "stalled" at "Opening your journal…" after some 70 test windows in one
pytest process turned out to be a test's stray QApplication.exit() (tests/conftest.py,
`_event_loops_still_run`), not the app: these tests hold the app to it anyway, one window
and one controller through many cycles, and show what a stray exit() does to later waits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from integrate.ui.base import worker
from integrate.ui.shell.unlock import UnlockScreen
from tests.conftest import event_loops_run, restart_event_loops
from tests.ui.conftest import RunningApp

CYCLES = 25


def _live_widgets() -> int:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleteLater runs
    return len(QApplication.allWidgets())


def test_many_lock_unlock_cycles_in_one_window_each_open(running_app: RunningApp, qtbot) -> None:
    app = running_app
    pool = QThreadPool.globalInstance()
    widgets_after_first = 0
    for cycle in range(CYCLES):
        services = app.services
        qtbot.waitUntil(lambda s=services: s.vault.writable, timeout=10_000)  # checks passed
        if cycle % 2:
            app.window.lock_button.click()  # what Ctrl+L does
        else:
            app.controller.hygiene.inactivity.set_interval_ms(50)  # what auto-lock does
            qtbot.waitUntil(lambda: app.controller.services is None, timeout=5000)
            app.controller.hygiene.inactivity.set_interval_ms(0)  # no lock while we unlock
        app.settle()
        assert isinstance(app.window.screens.currentWidget(), UnlockScreen), cycle
        assert not services.vault.is_open
        app.unlock()  # waits for the background open to reach the GUI thread
        assert app.window.shell is not None, cycle
        # Nothing piles up from one cycle to the next: no job left running or queued,
        # no result relay kept alive, no screens or shells left behind.
        assert pool.activeThreadCount() == 0, cycle
        assert not worker._live, cycle
        # One carrier of locked-time reminders for the window's life, handed to each
        # unlock's driver by the shell (no search of the widget tree for it).
        from integrate.ui.reminders.reminders import LockedReminders

        assert app.controller.reminders is not None
        assert app.controller.reminders.locked is app.controller.locked_reminders, cycle
        assert len(app.window.findChildren(LockedReminders)) == 1, cycle
        if cycle == 0:
            widgets_after_first = _live_widgets()
        else:
            assert _live_widgets() <= widgets_after_first + 5, cycle
    assert app.services.vault.is_open


def test_a_stray_exit_stops_later_waits_until_exec_restarts_them(qtbot) -> None:
    """What the conftest guard catches: exit() outside exec() ends every later loop."""
    assert event_loops_run()
    app = QApplication.instance()
    assert app is not None
    app.exit(0)  # what a stray "never hang the suite" timer did, inside a later test
    try:
        assert not event_loops_run()
        fired: list[bool] = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.wait(50)
        assert fired == []  # qtbot.wait returned at once and delivered nothing
    finally:
        restart_event_loops()
    assert event_loops_run()
    fired_after: list[bool] = []
    QTimer.singleShot(0, lambda: fired_after.append(True))
    qtbot.waitUntil(lambda: fired_after == [True], timeout=1000)
