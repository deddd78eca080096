"""Test-only driver for tests/ui/test_atspi.py: the real app window, steered from stdin.

Runs the app the way `integrate` does (QApplication named "Integrate", theme, the window
and controller from integrate.app.build) on an existing journal and says "ok started"
once the unlock screen shows. It then obeys one command a line and answers "ok <command>"
(or "error <command>: why") on stdout once the screen shows, so the AT-SPI walker reads a
settled tree:

    unlock        the next line is the passphrase (stdin, never argv): unlock with it
    area KEY      show a main area (today, journal, sessions, ...)
    helpnow       open Need help now           help      open Help
    checkin       open a check-in on Today     player    the exercise player at its pacer
    measure       the PHQ-9 form               share     the share wizard's first step
    sharenext     the wizard's next step       logsession  the log-a-session form
    close         close dialogs, back to Today
    quit
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from keyring.backends import fail
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from integrate import APP_NAME
from integrate.app import build, preferences
from integrate.paths import VaultPaths
from integrate.ui.base.theme import install_theme
from integrate.ui.base.worker import wait_for_background
from integrate.vault.keystore import Keystore


class _Stdin(QObject):
    """Lines from stdin, read on a thread, delivered on the GUI thread."""

    line = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in sys.stdin:
            self.line.emit(raw.strip())
        self.line.emit("quit")


def _say(text: str) -> None:
    print(text, flush=True)


def _settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        wait_for_background(5000)
        QApplication.processEvents()


def main() -> int:
    """Open the journal in sys.argv[1], then follow stdin's commands."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    paths = VaultPaths(Path(sys.argv[1]))
    install_theme(app, preferences(paths))
    window, controller = build(paths, Keystore(backend=fail.Keyring()))
    controller.start()
    window.resize(1100, 760)
    window.show()
    dialogs: list[QDialog] = []
    secret_next = [False]

    def unlock(passphrase: str) -> None:
        screen = window.screens.currentWidget()
        screen.passphrase.setText(passphrase)  # type: ignore[attr-defined]
        screen.unlock_button.click()  # type: ignore[attr-defined]

        def wait() -> None:
            if window.shell is None:
                QTimer.singleShot(100, wait)
                return
            _settle()
            _say("ok unlocked")

        wait()

    def close_all() -> None:
        for dialog in [*dialogs, *_open_dialogs()]:
            dialog.reject()
        dialogs.clear()
        shell = window.shell
        assert shell is not None
        today = shell.show_area("today")
        if getattr(today, "checkin_view", None) is not None:
            today.checkin_view.leave()  # type: ignore[attr-defined]

    def _open_dialogs() -> list[QDialog]:
        return [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
        ]

    def area(key: str) -> None:
        assert window.shell is not None
        window.shell.page(key)
        window.shell.show_area(key)

    def checkin() -> None:
        from integrate.core.model import CheckInState

        assert controller.services is not None
        page = window.shell.show_area("today")  # type: ignore[union-attr]
        found = controller.services.checkins.query(states=[CheckInState.DUE, CheckInState.DONE])
        if not found:
            raise RuntimeError("the demo journal holds no check-in")
        page.open_item(found[0].uid)  # type: ignore[attr-defined]

    def player() -> None:
        from integrate.core.exercises import StepKind
        from integrate.core.player import PlayerState
        from integrate.ui.coping.exercises import find_exercise
        from integrate.ui.coping.player import PlayerDialog

        assert controller.services is not None
        exercise = find_exercise("extended_exhale")
        assert exercise is not None
        dialog = PlayerDialog(controller.services, exercise, window)
        dialogs.append(dialog)
        dialog.show()
        dialog.begin()
        if dialog.player.state is PlayerState.CAUTION:
            dialog.acknowledge_caution()
        while (
            step := dialog.player.current_step
        ) is not None and step.kind is not StepKind.BREATHING:
            dialog.next()

    def measure() -> None:
        page = window.shell.show_area("measures")  # type: ignore[union-attr]
        page.start("phq9")  # type: ignore[attr-defined]

    def share() -> None:
        page = window.shell.show_area("share")  # type: ignore[union-attr]
        dialogs.append(page.open_wizard())  # type: ignore[attr-defined]

    def share_next() -> None:
        dialogs[-1].next_button.click()  # type: ignore[attr-defined]

    def log_session() -> None:
        page = window.shell.show_area("sessions")  # type: ignore[union-attr]
        page.log_button.click()  # type: ignore[attr-defined]

    def help_page() -> None:
        window.help_page_button.click()

    commands: dict[str, Callable[[], None]] = {
        "helpnow": controller.show_help,
        "help": help_page,
        "checkin": checkin,
        "player": player,
        "measure": measure,
        "share": share,
        "sharenext": share_next,
        "logsession": log_session,
        "close": close_all,
    }
    reader = _Stdin()

    def obey(line: str) -> None:
        if secret_next[0]:
            secret_next[0] = False
            unlock(line)
            return
        if line == "unlock":
            secret_next[0] = True
            return
        if not line:
            return
        if line == "quit":
            close_all()
            controller.shutdown()
            app.exit(0)
            return
        try:
            verb, _, rest = line.partition(" ")
            if verb == "area":
                area(rest)
            else:
                commands[verb]()
            _settle()
            # Let the accessibility bridge send its events before the walker reads.
            QTimer.singleShot(300, lambda: _say(f"ok {line}"))
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails
            _say(f"error {line}: {type(exc).__name__}: {exc}")

    reader.line.connect(obey, Qt.ConnectionType.QueuedConnection)
    QTimer.singleShot(0, lambda: (_settle(), QTimer.singleShot(300, lambda: _say("ok started"))))
    QTimer.singleShot(0, reader.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
