"""A login start (`integrate --minimized`, what the autostart entry runs) comes up
minimised and LOCKED even when the keyring holds the key: nobody need be at the screen.
The journal opens when the patient presses Unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from integrate.cli import main
from integrate.ui.main_window import MainWindow
from integrate.ui.unlock import UnlockScreen
from tests.ui.test_shell import _keyring_vault


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
        QTimer.singleShot(100, after_unlock)

    def after_unlock(tries: int = 100) -> None:
        window = _window()
        if window.shell is None and tries:
            QTimer.singleShot(100, lambda: after_unlock(tries - 1))
            return
        seen["unlocked"] = window.shell is not None
        _quit()

    # Long enough for a keyring read to have happened if the start had tried one.
    QTimer.singleShot(1500, at_login)
    QTimer.singleShot(30_000, _quit)  # never hang the suite
    assert main(["--minimized", "--data-dir", str(paths.root)]) == 0
    assert seen["screen"] == "UnlockScreen" and seen["shell"] is None
    assert seen["minimized"] is True
    assert seen.get("unlocked") is True
