"""A login start (`integrate --minimized`, what the autostart entry runs) comes up
minimised and LOCKED even when the keyring holds the key: nobody need be at the screen.
The journal opens when the patient presses Unlock."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from keyring.backends import fail
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from integrate.app import build
from integrate.cli import main
from integrate.core.autostart import disable_autostart, enable_autostart
from integrate.core.reminders import find_sensitive_terms
from integrate.core.timeutil import to_iso
from integrate.ui.base.worker import wait_for_background
from integrate.ui.shell.main_window import MainWindow
from integrate.ui.shell.unlock import UnlockScreen
from integrate.vault.keystore import Keystore
from tests.ui.conftest import RunningApp
from tests.ui.reminders.test_reminders import FakeClock, driver_of, make_vault, open_app, seed
from tests.ui.shell.test_shell import _keyring_vault


def _window() -> MainWindow:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert found
    return found[-1]


def _quit() -> None:
    app = QApplication.instance()
    if app is not None:
        app.exit(0)


def test_minimized_start_is_locked_and_unlocks_on_request(
    qtbot, tmp_path: Path, fast_kdf, secret_service
) -> None:
    paths, _vault_id = _keyring_vault(tmp_path)
    seen: dict[str, object] = {}

    # Every timer of this test has `owner` as its context: deleting it in `finally`
    # cancels those still pending. A stray one would fire inside a later test and call
    # QApplication.exit() while no exec() runs; Qt then ends every later QEventLoop at
    # once, so qtbot.wait/waitUntil stop processing events for the rest of the process.
    owner = QObject()

    def at_login() -> None:
        window = _window()
        screen = window.screens.currentWidget()
        seen["screen"] = type(screen).__name__
        seen["minimized"] = bool(window.windowState() & Qt.WindowState.WindowMinimized)
        seen["shell"] = window.shell
        if not isinstance(screen, UnlockScreen):
            _quit()  # no assert inside the event loop: the checks below report it
            return
        screen.retry_button.click()  # the patient comes back and unlocks
        QTimer.singleShot(100, owner, after_unlock)

    def after_unlock(tries: int = 100) -> None:
        window = _window()
        if window.shell is None and tries:
            QTimer.singleShot(100, owner, lambda: after_unlock(tries - 1))
            return
        seen["unlocked"] = window.shell is not None
        _quit()

    # Long enough for a keyring read to have happened if the start had tried one.
    QTimer.singleShot(1500, owner, at_login)
    QTimer.singleShot(30_000, owner, _quit)  # never hang the suite
    try:
        assert main(["--minimized", "--data-dir", str(paths.root)]) == 0
    finally:
        shiboken6.delete(owner)  # the pending timers above die with it
        # run_gui leaves its window behind (the process would exit): close it here so
        # nothing of it (timers, screen-lock listeners) lives on into later tests.
        for window in [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]:
            window.close()
            window.deleteLater()
        wait_for_background(5000)
        QApplication.processEvents()
    assert seen["screen"] == "UnlockScreen" and seen["shell"] is None
    assert seen["minimized"] is True
    assert seen.get("unlocked") is True


def test_a_locked_login_start_still_reminds_and_opens_the_checkin_after_unlock(
    qtbot, tmp_path: Path, fast_kdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    enable_autostart(sys.platform, home, exec_cmd=["integrate", "--minimized"])
    paths = make_vault(tmp_path / "v")
    first, second = seed(paths)[:2]
    clock = FakeClock(first.due_at - timedelta(minutes=10))
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    fires = driver.service.fire_time(f"checkin:{first.key}")
    assert fires is not None
    app.controller.shutdown()  # quit: the coming times are kept for the next login

    kept = paths.root / "reminder-times.json"
    assert kept.stat().st_mode & 0o777 == 0o600
    text = kept.read_text()
    # Times and the neutral line only: no key, phase, session or kind.
    for secret in (first.key, "checkin", "day_", "session", first.key.split(":")[0]):
        assert secret not in text, secret
    assert find_sensitive_terms(text) == []
    assert to_iso(fires) in [t["at"] for t in json.loads(text)["times"]]

    # The next login: a new process, started locked.
    window, controller = build(paths, Keystore(backend=fail.Keyring()))
    qtbot.addWidget(window)
    controller.reminder_clock = clock
    controller.start(locked=True)
    window.show()
    assert isinstance(window.screens.currentWidget(), UnlockScreen)
    locked = controller.locked_reminders
    assert locked.armed and locked.timer.isActive()
    clock.now = fires
    locked.tick()
    banner = locked.banner
    assert banner is not None and banner.isVisible()
    assert banner.text.text() == "Time for your check-in"
    banner.open_button.click()  # Open: unlock first ...

    login = RunningApp(window, controller, paths, qtbot)
    login.unlock()  # ... then the check-in opens
    login.settle()
    shell = window.shell
    assert shell is not None and shell.current_key() == "today"
    today = shell.page("today")
    assert today.checkin_view is not None and today.checkin_view.checkin.uid == first.key
    again = driver_of(login)
    assert again.service.status(f"checkin:{first.key}") == ("sent", None)
    assert again.banner.mode == ""  # announced once: no summary, no second banner
    controller.shutdown()

    # Autostart off: nothing is kept outside the vault any more.
    disable_autostart(sys.platform, home)
    app = open_app(qtbot, paths, clock)
    app.controller.shutdown()
    assert not kept.exists()
